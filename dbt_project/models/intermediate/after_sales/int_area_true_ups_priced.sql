{#- 面积补差 (metrics: "Area true-up", 商品房销售管理办法 art. 20), for every contract (signed at
    any date, cancelled or not) whose unit has a measured area, with the dates that decide
    whether it is live at D; the view fct_area_true_up keeps those live at D and adds D. No
    input is cut at D, so a day of new receipts keeps this table as published (at 1x large
    it took 2.0 s of that rebuild, mostly the exact divisions). With diff = measured - presale, r = diff / presale and
    the unit price = contract_amount / presale_area_m2 (amounts below are computed from
    contract_amount x area / presale_area_m2 in exact decimals, rounded to the fen once):
    - |r| <= 3%: the buyer pays diff x unit price (negative = refund), developer bears 0;
    - r > 3%: the buyer pays for 3% of presale only; the developer bears the rest;
    - r < -3%: the 3% part is refunded once and the part beyond 3% twice; the developer bears
      the second refund of the part beyond 3%.
    Buyers may cancel when |r| > 3%. -#}
with contracts as (
    select * from {{ ref('int_deals_joined') }}
    where contract_id is not null
),

units as (
    select unit_id, project_id, presale_area_m2, measured_area_m2
    from {{ ref('stg_erp__units') }}
    where measured_area_m2 is not null and presale_area_m2 > 0
),

measured as (
    select
        contracts.contract_id,
        contracts.unit_id,
        units.project_id,
        contracts.customer_id,
        contracts.consultant_id,
        contracts.deal_start_date,
        contracts.sign_date,
        contracts.deal_end_date,
        contracts.contract_amount,
        cast(units.presale_area_m2 as decimal(38, 6)) as presale_area_m2,
        cast(units.measured_area_m2 as decimal(38, 6)) as measured_area_m2,
        cast(units.measured_area_m2 - units.presale_area_m2 as decimal(38, 6)) as diff_m2,
        -- the 3% tolerance, in m2 (exact)
        cast(units.presale_area_m2 as decimal(38, 6)) * 0.03 as tolerance_m2
    from contracts
    inner join units on contracts.unit_id = units.unit_id
),

settled as (
    select
        *,
        case
            when abs(diff_m2) <= tolerance_m2 then 'within_3pct'
            when diff_m2 > 0 then 'over_3pct'
            else 'under_3pct'
        end as true_up_rule,
        -- value of the area within the 3% band and beyond it, at the unit price
        {{ sales_exact_div("cast(contract_amount as decimal(38, 2)) * least(abs(diff_m2), tolerance_m2)",
            "presale_area_m2", 2) }} as within_band_amount,
        {{ sales_exact_div("cast(contract_amount as decimal(38, 2)) * greatest(abs(diff_m2) - tolerance_m2, 0)",
            "presale_area_m2", 2) }} as beyond_band_amount
    from measured
)

select
    contract_id,
    unit_id,
    project_id,
    customer_id,
    consultant_id,
    cast(presale_area_m2 as decimal(14, 4)) as presale_area_m2,
    cast(measured_area_m2 as decimal(14, 4)) as measured_area_m2,
    cast(diff_m2 as decimal(14, 4)) as area_diff_m2,
    {{ sales_exact_div("diff_m2", "presale_area_m2", 6) }} as error_ratio,
    contract_amount,
    {{ sales_exact_div("contract_amount", "presale_area_m2", 2) }} as unit_price,
    true_up_rule,
    case
        when diff_m2 >= 0 then within_band_amount
        else -(within_band_amount + 2 * beyond_band_amount)
    end as buyer_pays_amount,
    case
        when true_up_rule = 'within_3pct' then cast(0 as decimal(18, 2))
        else beyond_band_amount
    end as developer_bears_amount,
    true_up_rule <> 'within_3pct' as may_cancel,
    deal_start_date,
    sign_date,
    deal_end_date
from settled
