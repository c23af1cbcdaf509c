{#- 货量与去化 per project at D: units by status, sell-through (去化率) and saleable inventory
    value (可售货值), each per metrics.md. -#}
with units as (
    select * from {{ ref('fct_inventory_units') }}
),

summary as (
    select
        project_id,
        max(as_of_date) as as_of_date,
        count(*) as total_units,
        count(*) filter (where status_at_as_of = 'unreleased') as unreleased_units,
        count(*) filter (where status_at_as_of = 'available') as available_units,
        count(*) filter (where status_at_as_of = 'subscribed') as subscribed_units,
        count(*) filter (where status_at_as_of = 'signed') as signed_units,
        count(*) filter (where is_released) as released_units,
        coalesce(sum(saleable_value_amount), 0) as saleable_value_amount,
        coalesce(sum(presale_area_m2) filter (where saleable_value_amount is not null), 0)
            as saleable_area_m2,
        coalesce(sum(list_price_amount) filter (where is_released), 0)
            as released_value_amount
    from units
    group by project_id
)

select
    *,
    {{ sales_exact_div("signed_units", "released_units", 6) }} as sell_through_rate
from summary
