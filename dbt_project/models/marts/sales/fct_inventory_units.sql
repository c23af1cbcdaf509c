{#- 房源状态 at D: one row per unit with its sales status at the as-of date:
    signed (a live contract), subscribed (a live subscription, no live contract), available
    (released on or before D, no live deal), unreleased (not released by D, no live deal). -#}
with units as (
    select * from {{ ref('dim_unit') }}
),

deals as (
    select * from {{ ref('int_deals_snapshotted') }}
    where is_live
),

unit_deals as (
    select
        unit_id,
        bool_or(is_live_contract) as has_live_contract,
        bool_or(is_live_subscription) as has_live_subscription,
        -- the unit's current deal: the live contract if any, else the latest live subscription
        arg_max(deal_id, (is_live_contract, deal_start_date, deal_id)) as live_deal_id,
        arg_max(customer_id, (is_live_contract, deal_start_date, deal_id)) as live_customer_id,
        count(*) as live_deal_count
    from deals
    group by unit_id
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
)

select
    units.unit_id,
    units.project_id,
    units.building,
    units.unit_no,
    units.unit_type,
    units.area_band,
    units.released_date,
    units.released_date is not null and units.released_date <= as_of.as_of_date as is_released,
    case
        when coalesce(unit_deals.has_live_contract, false) then 'signed'
        when coalesce(unit_deals.has_live_subscription, false) then 'subscribed'
        when units.released_date <= as_of.as_of_date then 'available'
        else 'unreleased'
    end as status_at_as_of,
    unit_deals.live_deal_id,
    unit_deals.live_customer_id,
    coalesce(unit_deals.live_deal_count, 0) > 1 as has_multiple_live_deals,
    units.presale_area_m2,
    units.list_price_amount,
    units.floor_price_amount,
    case when units.released_date <= as_of.as_of_date
        and unit_deals.unit_id is null then units.list_price_amount end as saleable_value_amount,
    as_of.as_of_date
from units
cross join as_of
left join unit_deals on units.unit_id = unit_deals.unit_id
