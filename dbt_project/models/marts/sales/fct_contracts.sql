{#- 签约: one row per contract signed on or before D, with its state at D, its unit's price
    system, its area and total-price band, and the control flags (穿底价, quick cancellation):
    int_contracts_priced (every contract, nothing cut at D) with what D sets. A view, so that
    a day of new receipts, which moves D, costs a filter instead of pricing every contract
    again. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}

with contracts as (
    select
        *,
        case when cancelled_on_date <= {{ as_of }} then cancelled_on_date end as cancel_date,
        {{ as_of }} as as_of_date
    from {{ ref('int_contracts_priced') }}
    where sign_date <= {{ as_of }}
)

select
    contract_id,
    subscription_id,
    project_id,
    unit_id,
    customer_id,
    consultant_id,
    -- dates
    subscription_date,
    sign_date,
    sign_month,
    cancel_date,
    cancel_date - sign_date as days_signed_to_cancel,
    days_to_sign,
    -- categories
    case when cancel_date is null then 'live' else 'cancelled' end as status_at_as_of,
    payment_method,
    unit_type,
    area_band,
    area_band_zh,
    price_band,
    price_band_zh,
    -- amounts and areas
    contract_amount,
    loan_amount,
    subscription_deal_price_amount,
    list_price_amount,
    floor_price_amount,
    discount_amount,
    price_to_list_ratio,
    presale_area_m2,
    measured_area_m2,
    -- control flags
    is_below_floor,
    below_floor_amount,
    cancel_date is not null
        and cancel_date - sign_date <= {{ var('sales_quick_cancel_days', 90) }}
        as is_quick_cancellation,
    as_of_date
from contracts
