{#- int_contract_receivables_segmented_all_dates up to D: the segments starting on or before
    D, each ending at D + 1 at the latest. A view, as int_line_balances_segmented is. -#}
{{ config(materialized='view') }}
{%- set end_date = as_of_date_literal() ~ ' + 1' %}

select
    deal_id,
    project_id,
    segment_start_date,
    least(coalesce(segment_end_date, {{ end_date }}), {{ end_date }}) as segment_end_date,
    receivable_amount
from {{ ref('int_contract_receivables_segmented_all_dates') }}
where segment_start_date < {{ end_date }}
