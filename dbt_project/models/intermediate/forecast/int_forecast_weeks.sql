{#- The 13 forecast weeks of each forecast date F: Monday-start weeks, week 1 being the week
    that holds F + 1. Week 1 is partial when F is not a Sunday: it covers only the days
    after F (first_day .. week_end); weeks 2..13 are whole. The offsets count days after F
    (first_offset_days = first_day - F >= 1), the unit the payment curves work in. -#}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }}
),

horizons as (
    select unnest(range(1, cast({{ forecast_setting('horizon_weeks') }} as bigint) + 1)) as horizon_week
),

weeks as (
    select
        origins.forecast_as_of,
        cast(horizons.horizon_week as integer) as horizon_week,
        cast(
            date_trunc('week', origins.forecast_as_of + 1) + to_weeks(horizons.horizon_week - 1)
            as date
        ) as week_start
    from origins
    cross join horizons
)

select
    forecast_as_of,
    horizon_week,
    week_start,
    cast(week_start + 6 as date) as week_end,
    greatest(week_start, cast(forecast_as_of + 1 as date)) as first_day,
    cast(greatest(week_start, cast(forecast_as_of + 1 as date)) - forecast_as_of as integer)
        as first_offset_days,
    cast(week_start + 6 - forecast_as_of as integer) as last_offset_days
from weeks
