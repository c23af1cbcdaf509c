{#- 认购: one row per subscription dated on or before D, with the contract signed from it by D
    (metrics, Sales: conversion, signing cycle, overdue not signed). -#}
with subscriptions as (
    select * from {{ ref('stg_erp__subscriptions') }}
),

contracts as (
    select * from {{ ref('stg_erp__contracts') }}
    where subscription_id is not null
    -- one contract per subscription; a re-export with two keeps the earliest signed
    qualify row_number() over (partition by subscription_id order by sign_date, contract_id) = 1
),

units as (
    select unit_id, project_id from {{ ref('stg_erp__units') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

joined as (
    select
        subscriptions.subscription_id,
        subscriptions.reservation_id,
        units.project_id,
        subscriptions.unit_id,
        subscriptions.customer_id,
        subscriptions.consultant_id,
        subscriptions.subscription_date,
        cast(date_trunc('month', subscriptions.subscription_date) as date) as cohort_month,
        subscriptions.sign_by_date,
        case when contracts.sign_date <= as_of.as_of_date then contracts.contract_id end
            as contract_id,
        case when contracts.sign_date <= as_of.as_of_date then contracts.sign_date end
            as sign_date,
        subscriptions.status,
        subscriptions.status_date,
        subscriptions.deal_price as deal_price_amount,
        subscriptions.deposit_amount,
        as_of.as_of_date
    from subscriptions
    cross join as_of
    left join contracts on subscriptions.subscription_id = contracts.subscription_id
    left join units on subscriptions.unit_id = units.unit_id
    where subscriptions.subscription_date <= as_of.as_of_date
),

statused as (
    select
        *,
        case
            when contract_id is not null then 'signed'
            when status = 'signed' and coalesce(status_date, subscription_date) <= as_of_date
                then 'signed'
            when status = 'cancelled' and coalesce(status_date, subscription_date) <= as_of_date
                then 'cancelled'
            else 'live'
        end as status_at_as_of
    from joined
)

select
    subscription_id,
    reservation_id,
    project_id,
    unit_id,
    customer_id,
    consultant_id,
    -- dates
    subscription_date,
    cohort_month,
    sign_by_date,
    contract_id,
    sign_date,
    case when status_at_as_of = 'signed'
        then coalesce(sign_date, status_date) - subscription_date end as days_to_sign,
    case when status_at_as_of = 'cancelled' then coalesce(status_date, subscription_date) end
        as cancel_date,
    -- status at D
    status_at_as_of,
    status_at_as_of = 'live' and sign_by_date < as_of_date as is_overdue_unsigned,
    case when status_at_as_of = 'live' and sign_by_date < as_of_date
        then as_of_date - sign_by_date end as days_overdue_unsigned,
    -- amounts
    deal_price_amount,
    deposit_amount,
    as_of_date
from statused
