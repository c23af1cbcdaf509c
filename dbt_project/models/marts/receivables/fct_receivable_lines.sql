{#- 应收明细 as of the build's as-of date D: int_receivable_lines (one row per positive
    schedule line of a deal live at D, with its FIFO outstanding) with D, the days past due
    and the aging bucket. A view, so that a day of new receipts, which moves D, costs the
    deals whose lines changed instead of a copy of every line. -#}
{{ config(materialized='view') }}

select
    as_of.as_of_date,
    lines.schedule_id,
    lines.deal_id,
    lines.contract_id,
    lines.subscription_id,
    lines.project_id,
    lines.customer_id,
    lines.payer,
    lines.item,
    lines.due_date,
    lines.amount_due,
    lines.outstanding_amount,
    cast(as_of.as_of_date - lines.due_date as integer) as days_past_due,
    {{ receivables_aging_bucket('(as_of.as_of_date - lines.due_date)') }} as aging_bucket,
    lines.cumulative_due_amount,
    lines.net_receipts_amount
from {{ ref('int_receivable_lines') }} as lines
cross join {{ ref('int_as_of_date') }} as as_of
