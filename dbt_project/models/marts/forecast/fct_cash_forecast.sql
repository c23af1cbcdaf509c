{#- 资金计划 · 回款预测: the 13-week cash-inflow forecast made at the build's as-of date D, per
    week, project and payer, with its P10–P90 band (see int_forecast_* for the method). -#}
select
    weekly.forecast_as_of,
    weekly.horizon_week,
    weekly.week_start,
    weekly.week_end,
    weekly.project_id,
    weekly.payer,
    weekly.expected_amount,
    weekly.p10_amount,
    weekly.p90_amount,
    weekly.line_expected_amount,
    weekly.new_business_amount,
    weekly.std_dev_amount,
    weekly.line_count
from {{ ref('int_forecast_weekly') }} as weekly
inner join {{ ref('int_forecast_origins') }} as origins
    on weekly.forecast_as_of = origins.forecast_as_of
where origins.is_build_origin
