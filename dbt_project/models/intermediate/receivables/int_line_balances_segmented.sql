{#- int_line_balances_segmented_all_dates up to D: the segments starting on or before D,
    each ending at D + 1 at the latest. A view, so that a new D costs its readers this step
    instead of a copy of every segment. -#}
{{ config(materialized='view') }}
{%- set end_date = as_of_date_literal() ~ ' + 1' %}

select
    schedule_id,
    regime_start_date,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    customer_id,
    payer,
    item,
    due_date,
    amount_due,
    sign_date,
    segment_start_date,
    least(coalesce(segment_end_date, {{ end_date }}), {{ end_date }}) as segment_end_date,
    outstanding_amount
from {{ ref('int_line_balances_segmented_all_dates') }}
where segment_start_date < {{ end_date }}
