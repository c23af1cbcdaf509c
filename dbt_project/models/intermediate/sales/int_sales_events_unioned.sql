{#- Every dated sales event on or before D, one row each, for the daily and monthly sales
    overview: calls and visits (来电来访), reservations (认筹), subscriptions (认购), contracts
    (签约), subscription cancellations (退订) and contract cancellations (退房).
    Project of a contact or reservation: its own project_id; of a deal: its unit's project. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

contacts as (
    select
        contacts.project_id,
        contacts.contact_date as event_date,
        contacts.contact_type as event_type,
        contacts.is_first,
        1 as units,
        cast(null as decimal(14, 4)) as area_m2,
        cast(null as decimal(18, 2)) as amount
    from {{ ref('stg_erp__contacts') }} as contacts
    cross join as_of
    where contacts.contact_date <= as_of.as_of_date
        and contacts.contact_type in ('call', 'visit')
),

reservations as (
    select
        reservations.project_id,
        reservations.reservation_date,
        'reservation',
        false,
        1,
        cast(null as decimal(14, 4)),
        reservations.reservation_fee_amount
    from {{ ref('stg_erp__reservations') }} as reservations
    cross join as_of
    where reservations.reservation_date <= as_of.as_of_date
),

units as (
    select unit_id, presale_area_m2 from {{ ref('stg_erp__units') }}
),

subscriptions as (
    select
        s.project_id,
        s.subscription_date,
        'subscription',
        false,
        1,
        units.presale_area_m2,
        s.deal_price_amount
    from {{ ref('fct_subscriptions') }} as s
    left join units on s.unit_id = units.unit_id
),

subscription_cancellations as (
    select
        s.project_id,
        s.cancel_date,
        'subscription_cancellation',
        false,
        1,
        units.presale_area_m2,
        s.deal_price_amount
    from {{ ref('fct_subscriptions') }} as s
    left join units on s.unit_id = units.unit_id
    where s.cancel_date is not null
),

contracts as (
    select project_id, sign_date, 'contract', false, 1, presale_area_m2, contract_amount
    from {{ ref('fct_contracts') }}
),

contract_cancellations as (
    select project_id, cancel_date, 'contract_cancellation', false, 1, presale_area_m2,
        contract_amount
    from {{ ref('fct_contracts') }}
    where cancel_date is not null
)

select * from contacts
union all select * from reservations
union all select * from subscriptions
union all select * from subscription_cancellations
union all select * from contracts
union all select * from contract_cancellations
