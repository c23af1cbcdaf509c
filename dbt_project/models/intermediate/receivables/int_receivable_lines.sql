{#- 应收明细 at D without the columns D alone sets: one row per positive schedule line of a
    deal live at D that exists at D, with its FIFO outstanding (macro
    receivables_line_snapshot holds the rule). fct_receivable_lines adds D, days past due
    and the aging bucket.

    Incremental by deal (macros/receivable_lines_incremental.sql): a day of new receipts
    works out again the deals whose receipt events changed or whose cut at D moved. -#}
-- depends_on: {{ ref('int_receipt_events_changed') }}
-- depends_on: {{ ref('int_receipt_events_accumulated_all_dates') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(receivable_lines_not_kept) }}",
) }}
select * exclude (as_of_date, days_past_due, aging_bucket)
from ({{ receivables_line_snapshot(
    "select as_of_date from " ~ ref('int_as_of_date'),
    deals_where=where_not_kept('lines.deal_id', 'deal_id'),
) }})
