{#- The forecast dates F this build forecasts from: the build's as-of date D (the published
    forecast) and the last `backtest_origins` month ends before D (the backtest). Every
    forecast model is a function of F alone and reads only rows dated on or before F, so
    the forecast at a month end here equals the one a build as of that month end makes
    (tests/dbt/test_forecast.py proves it on a fixture with the later rows removed). -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

month_ends as (
    select cast(date_trunc('month', as_of.as_of_date) - to_months(k.k) - interval 1 day as date)
        as forecast_as_of
    from as_of
    cross join (
        select unnest(range(cast({{ forecast_setting('backtest_origins') }} as bigint))) as k
    ) as k
),

unioned as (
    select as_of_date as forecast_as_of, true as is_build_origin from as_of
    union all
    select forecast_as_of, false as is_build_origin from month_ends
)

select
    forecast_as_of,
    bool_or(is_build_origin) as is_build_origin,
    bool_or(not is_build_origin) as is_backtest_origin
from unioned
group by forecast_as_of
