{#- 房源: one row per unit with its price system and area band (seed area_bands, on the
    pre-sale area). Status at D is in fct_inventory_units. -#}
with units as (
    select * from {{ ref('stg_erp__units') }}
),

area_bands as (
    select * from {{ ref('area_bands') }}
)

select
    units.unit_id,
    units.project_id,
    units.building,
    units.unit_no,
    units.floor,
    units.unit_type,
    units.released_date,
    units.presale_area_m2,
    units.measured_area_m2,
    units.list_price as list_price_amount,
    units.floor_price as floor_price_amount,
    {{ sales_exact_div("units.list_price", "units.presale_area_m2", 2) }}
        as list_price_per_m2_amount,
    area_bands.area_band,
    area_bands.area_band_zh,
    area_bands.band_order as area_band_order
from units
left join area_bands
    on units.presale_area_m2 >= area_bands.min_area_m2
    and (area_bands.max_area_m2 is null or units.presale_area_m2 < area_bands.max_area_m2)
