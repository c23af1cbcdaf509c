{#- fct_contracts without what D sets: one row per contract, signed at any date, with its
    unit's price system, its area and total-price band, the below-floor flag (穿底价) and the
    date its cancellation took effect (cancelled_on_date, whenever that is). No input is cut
    at D, so a day of new receipts keeps this table as published; the view fct_contracts
    keeps the contracts signed on or before D and adds their state at D (at 1x large, 3.6 s
    of the rebuild after a day of receipts, mostly the exact price-to-list ratio of 1 M
    contracts). -#}
with contracts as (
    select * from {{ ref('stg_erp__contracts') }}
),

subscriptions as (
    select subscription_id, subscription_date, deal_price
    from {{ ref('stg_erp__subscriptions') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

price_bands as (
    select * from {{ ref('price_bands') }}
),

joined as (
    select
        contracts.contract_id,
        contracts.subscription_id,
        units.project_id,
        contracts.unit_id,
        contracts.customer_id,
        contracts.consultant_id,
        subscriptions.subscription_date,
        contracts.sign_date,
        cast(date_trunc('month', contracts.sign_date) as date) as sign_month,
        case when contracts.status = 'cancelled'
            then coalesce(contracts.cancel_date, contracts.sign_date) end as cancelled_on_date,
        contracts.payment_method,
        contracts.contract_amount,
        contracts.loan_amount,
        subscriptions.deal_price as subscription_deal_price_amount,
        units.unit_type,
        units.presale_area_m2,
        units.measured_area_m2,
        units.list_price_amount,
        units.floor_price_amount,
        units.area_band,
        units.area_band_zh
    from contracts
    left join subscriptions on contracts.subscription_id = subscriptions.subscription_id
    left join units on contracts.unit_id = units.unit_id
)

select
    joined.contract_id,
    joined.subscription_id,
    joined.project_id,
    joined.unit_id,
    joined.customer_id,
    joined.consultant_id,
    -- dates
    joined.subscription_date,
    joined.sign_date,
    joined.sign_month,
    joined.cancelled_on_date,
    joined.sign_date - joined.subscription_date as days_to_sign,
    -- categories
    joined.payment_method,
    joined.unit_type,
    joined.area_band,
    joined.area_band_zh,
    price_bands.price_band,
    price_bands.price_band_zh,
    -- amounts and areas
    joined.contract_amount,
    joined.loan_amount,
    joined.subscription_deal_price_amount,
    joined.list_price_amount,
    joined.floor_price_amount,
    joined.contract_amount - joined.list_price_amount as discount_amount,
    {{ sales_exact_div("joined.contract_amount", "joined.list_price_amount", 6) }}
        as price_to_list_ratio,
    joined.presale_area_m2,
    joined.measured_area_m2,
    -- control flags
    joined.contract_amount < joined.floor_price_amount as is_below_floor,
    case when joined.contract_amount < joined.floor_price_amount
        then joined.floor_price_amount - joined.contract_amount end as below_floor_amount
from joined
left join price_bands
    on joined.contract_amount >= price_bands.min_amount
    and (price_bands.max_amount is null or joined.contract_amount < price_bands.max_amount)
