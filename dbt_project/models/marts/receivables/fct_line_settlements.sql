{#- 回款结清: int_line_settlements (the date each positive line of a deal that ever was live by
    D was fully paid under FIFO, and its days late) with whether the deal is still live at D,
    and D. A view, so that a day of new receipts, which moves D, costs the deals whose
    settlements changed instead of a copy of every line. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}

select
    schedule_id,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    customer_id,
    payer,
    item,
    due_date,
    amount_due,
    cumulative_due_amount,
    settled_date,
    days_late,
    {{ deal_not_ended_at(as_of) }} as is_deal_live,
    {{ as_of }} as as_of_date
from {{ ref('int_line_settlements') }}
