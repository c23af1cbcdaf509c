{#- 失信承诺: every promise to pay (承诺) broken by D — not paid in full by the promised date
    (fct_collection_action_outcomes) — with the customer to call back, what has been paid
    since, and what is still overdue on the deal at D. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

promises as (
    select * from {{ ref('fct_collection_action_outcomes') }}
    where promise_status = 'broken'
),

customers as (
    select * from {{ ref('int_customers_folded') }}
),

payments_after as (
    select
        promises.action_id,
        sum(r.receipt_amount) as paid_since_amount
    from promises
    inner join {{ ref('int_receipts_keyed') }} as r
        on promises.deal_id = r.deal_id
        and r.payer = 'customer'
        and r.is_fifo_receipt
        and r.receipt_date > promises.promised_date
    cross join as_of
    where r.receipt_date <= as_of.as_of_date
    group by promises.action_id
),

overdue_now as (
    select deal_id, sum(outstanding_amount) as overdue_amount
    from {{ ref('fct_receivable_lines') }}
    where payer = 'customer' and days_past_due >= 1
    group by deal_id
),

latest_promise as (
    select deal_id, max(action_id) as action_id
    from {{ ref('fct_collection_action_outcomes') }}
    where has_promise
    group by deal_id
)

select
    promises.action_id,
    promises.deal_id,
    promises.contract_id,
    promises.subscription_id,
    promises.project_id,
    promises.customer_id,
    customers.customer_name,
    {{ hygiene_mask_last4(hygiene_normalise_phone('customers.phone')) }} as phone_masked,
    promises.consultant_id,
    promises.staff_id,
    promises.action_type,
    promises.action_date,
    promises.promised_date,
    promises.promised_amount,
    promises.paid_by_promised_date_amount,
    promises.promise_shortfall_amount,
    coalesce(payments_after.paid_since_amount, 0)::decimal(18, 2) as paid_since_amount,
    coalesce(overdue_now.overdue_amount, 0)::decimal(18, 2) as overdue_amount,
    cast(as_of.as_of_date - promises.promised_date as integer) as days_since_promised_date,
    latest_promise.action_id is not null as is_latest_promise_on_deal,
    as_of.as_of_date
from promises
cross join as_of
left join customers on promises.customer_id = customers.customer_id
left join payments_after on promises.action_id = payments_after.action_id
left join overdue_now on promises.deal_id = overdue_now.deal_id
left join latest_promise on promises.action_id = latest_promise.action_id
