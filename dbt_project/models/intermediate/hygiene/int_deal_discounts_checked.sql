{#- Every deal started by D with its discount against list price and the discount policy
    that applies (seed discount_policy). Deal price: the contract amount once signed by D,
    else the subscription's deal price. Discount = 1 − deal price / list price. Policy: the
    most specific row for the unit's project and type (project and type, project and `*`,
    `*` and type, `*` and `*`). The deal is beyond policy when deal price < list price ×
    (1 − max discount), compared exactly in decimals (a deal exactly at the limit is
    within). -#}
with deals as (
    select * from {{ ref('int_deals_snapshotted') }}
    where deal_state_at_as_of <> 'not_started'
),

units as (
    select unit_id, project_id, unit_type, list_price, floor_price from {{ ref('stg_erp__units') }}
),

policy as (
    select * from {{ ref('discount_policy') }}
),

priced as (
    select
        deals.deal_id,
        deals.contract_id,
        deals.subscription_id,
        units.project_id,
        deals.unit_id,
        units.unit_type,
        deals.customer_id,
        deals.consultant_id,
        case when deals.is_signed_by_as_of then deals.sign_date else deals.subscription_date end
            as deal_date,
        deals.deal_state_at_as_of,
        units.list_price as list_price_amount,
        units.floor_price as floor_price_amount,
        case when deals.is_signed_by_as_of then deals.contract_amount else deals.deal_price end
            as deal_price_amount,
        deals.as_of_date
    from deals
    inner join units on deals.unit_id = units.unit_id
),

matched as (
    select
        priced.*,
        policy.project_id as policy_project_id,
        policy.unit_type as policy_unit_type,
        policy.max_discount
    from priced
    left join policy
        on (policy.project_id = priced.project_id or policy.project_id = '*')
        and (policy.unit_type = priced.unit_type or policy.unit_type = '*')
    qualify row_number() over (
        partition by priced.deal_id
        order by (policy.project_id = '*'), (policy.unit_type = '*')
    ) = 1
)

select
    *,
    case when list_price_amount > 0
        then 1 - {{ sales_exact_div("deal_price_amount", "list_price_amount", 8) }} end as discount_rate,
    case when max_discount is not null
        then round(list_price_amount * (1 - max_discount), 2)::decimal(18, 2) end as policy_price_amount,
    max_discount is not null and list_price_amount > 0
        and deal_price_amount < list_price_amount * (1 - max_discount) as is_beyond_policy
from matched
