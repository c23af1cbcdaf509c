{#- Deals: a subscription together with the contract signed from it. The deal key is the
    contract if there is one, else the subscription (metrics: "As-of date and what is live").

    A deal is live on date D when deal_start_date <= D < deal_end_date (end null = open):
    - it starts on the subscription date (the sign date for a contract without subscription);
    - a contract ends on its cancel date;
    - a subscription without contract ends on its status date when cancelled or signed
      (signed but no contract exported: it is no longer a live subscription either). -#}
with subscriptions as (
    select * from {{ ref('stg_erp__subscriptions') }}
),

contracts as (
    select * from {{ ref('stg_erp__contracts') }}
),

units as (
    select unit_id, project_id from {{ ref('stg_erp__units') }}
),

joined as (
    select
        coalesce(c.contract_id, s.subscription_id) as deal_id,
        c.contract_id,
        coalesce(c.subscription_id, s.subscription_id) as subscription_id,
        s.reservation_id,
        coalesce(c.unit_id, s.unit_id) as unit_id,
        coalesce(c.customer_id, s.customer_id) as customer_id,
        coalesce(c.consultant_id, s.consultant_id) as consultant_id,
        -- dates
        s.subscription_date,
        s.sign_by_date,
        c.sign_date,
        c.cancel_date,
        s.status_date as subscription_status_date,
        -- categories
        s.status as subscription_status,
        c.status as contract_status,
        c.payment_method,
        -- amounts
        s.deal_price,
        s.deposit_amount,
        c.contract_amount,
        c.loan_amount
    from contracts as c
    full outer join subscriptions as s on c.subscription_id = s.subscription_id
)

select
    joined.deal_id,
    joined.contract_id,
    joined.subscription_id,
    joined.reservation_id,
    units.project_id,
    joined.unit_id,
    joined.customer_id,
    joined.consultant_id,
    -- dates
    joined.subscription_date,
    joined.sign_by_date,
    joined.sign_date,
    joined.cancel_date,
    joined.subscription_status_date,
    coalesce(joined.subscription_date, joined.sign_date) as deal_start_date,
    case
        when joined.contract_id is not null
            then case when joined.contract_status = 'cancelled'
                then coalesce(joined.cancel_date, joined.sign_date) end
        when joined.subscription_status in ('cancelled', 'signed')
            then coalesce(joined.subscription_status_date, joined.subscription_date)
    end as deal_end_date,
    -- categories
    joined.subscription_status,
    joined.contract_status,
    joined.payment_method,
    joined.contract_id is not null as has_contract,
    -- amounts
    joined.deal_price,
    joined.deposit_amount,
    joined.contract_amount,
    joined.loan_amount
from joined
left join units on joined.unit_id = units.unit_id
