{#- 销售结构: contracts live at D per project by area band (pre-sale area, seed area_bands)
    and by total-price band (contract amount, seed price_bands), with each band's share of
    the project's live contracts. -#}
with contracts as (
    select * from {{ ref('fct_contracts') }}
    where status_at_as_of = 'live'
),

area_bands as (
    select 'area' as band_type, area_band as band, area_band_zh as band_zh, band_order
    from {{ ref('area_bands') }}
),

price_bands as (
    select 'total_price' as band_type, price_band, price_band_zh, band_order
    from {{ ref('price_bands') }}
),

bands as (
    select * from area_bands
    union all
    select * from price_bands
),

by_band as (
    select project_id, 'area' as band_type, coalesce(area_band, 'unknown') as band,
        count(*) as contract_units, sum(presale_area_m2) as contract_area_m2,
        sum(contract_amount) as contract_amount
    from contracts
    group by all
    union all
    select project_id, 'total_price', coalesce(price_band, 'unknown'),
        count(*), sum(presale_area_m2), sum(contract_amount)
    from contracts
    group by all
)

select
    by_band.project_id,
    by_band.band_type,
    by_band.band,
    coalesce(bands.band_zh, '未知') as band_zh,
    coalesce(bands.band_order, 99) as band_order,
    by_band.contract_units,
    by_band.contract_area_m2,
    by_band.contract_amount,
    {{ sales_exact_div("by_band.contract_units",
        "sum(by_band.contract_units) over (partition by by_band.project_id, by_band.band_type)",
        6) }} as units_share,
    {{ sales_exact_div("by_band.contract_amount",
        "sum(by_band.contract_amount) over (partition by by_band.project_id, by_band.band_type)",
        6) }} as amount_share,
    (select as_of_date from {{ ref('int_as_of_date') }}) as as_of_date
from by_band
left join bands on by_band.band_type = bands.band_type and by_band.band = bands.band
