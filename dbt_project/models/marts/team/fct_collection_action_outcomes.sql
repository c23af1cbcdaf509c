{#- 催收效果, per action: int_collection_action_outcomes (every collection action on or before
    D with what followed it) with the promise's status at D, and D. A promise not kept is
    broken when its date is before D, else pending. A view, so that a day of new receipts,
    which moves D, costs the deals it touches instead of a copy of every action. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}

select
    action_id,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    customer_id,
    consultant_id,
    staff_id,
    action_type,
    action_date,
    action_month,
    outcome,
    has_promise,
    promised_date,
    promised_amount,
    paid_by_promised_date_amount,
    case
        when promised_date is null then 'none'
        when is_promise_kept then 'kept'
        when promised_date < {{ as_of }} then 'broken'
        else 'pending'
    end as promise_status,
    promise_shortfall_amount,
    recovered_7d_amount,
    recovered_30d_amount,
    first_payment_date,
    days_to_payment,
    {{ as_of }} as as_of_date
from {{ ref('int_collection_action_outcomes') }}
