{#- 回测: the forecast re-made at each of the last 12 month ends before D (from data dated on
    or before that month end only), and the two baselines, against the receipts that then
    came, per forecast date, method, week and project. Only weeks wholly on or before D. -#}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }} where is_backtest_origin
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

weeks as (
    select weeks.*
    from {{ ref('int_forecast_weeks') }} as weeks
    inner join origins on weeks.forecast_as_of = origins.forecast_as_of
    cross join as_of
    where weeks.week_end <= as_of.as_of_date
),

forecasts as (
    select forecast_as_of, horizon_week, project_id, 'forecast' as method,
        sum(expected_amount) as forecast_amount
    from {{ ref('int_forecast_weekly') }}
    group by all
    union all
    select forecast_as_of, horizon_week, project_id, method, forecast_amount
    from {{ ref('int_forecast_baselines') }}
),

actuals as (
    select weeks.forecast_as_of, weeks.horizon_week, receipts.project_id,
        sum(receipts.receipt_amount) as actual_amount
    from weeks
    inner join {{ ref('int_receipts_keyed') }} as receipts
        on receipts.receipt_date between weeks.first_day and weeks.week_end
    where receipts.project_id is not null
    group by all
),

projects as (
    select distinct forecast_as_of, project_id from forecasts
    union
    select distinct forecast_as_of, project_id from actuals
),

grid as (
    select weeks.forecast_as_of, weeks.horizon_week, weeks.week_start, weeks.week_end,
        projects.project_id, methods.method
    from weeks
    inner join projects on weeks.forecast_as_of = projects.forecast_as_of
    cross join (values ('forecast'), ('due_date_baseline'), ('trailing_13w_baseline')) as methods(method)
)

select
    grid.forecast_as_of,
    grid.method,
    grid.horizon_week,
    grid.week_start,
    grid.week_end,
    grid.project_id,
    cast(coalesce(forecasts.forecast_amount, 0) as decimal(18, 2)) as forecast_amount,
    cast(coalesce(actuals.actual_amount, 0) as decimal(18, 2)) as actual_amount,
    cast(abs(coalesce(actuals.actual_amount, 0) - coalesce(forecasts.forecast_amount, 0)) as decimal(18, 2))
        as abs_error_amount
from grid
left join forecasts
    on grid.forecast_as_of = forecasts.forecast_as_of and grid.horizon_week = forecasts.horizon_week
    and grid.project_id = forecasts.project_id and grid.method = forecasts.method
left join actuals
    on grid.forecast_as_of = actuals.forecast_as_of and grid.horizon_week = actuals.horizon_week
    and grid.project_id = actuals.project_id
