{#- WAPE of the forecast and the two baselines over the backtest (fct_forecast_backtest):
    sum |actual - forecast| / sum actual, errors taken per project and week (a project's
    shortfall is not offset by another's excess), at four levels: per project and horizon
    week, per project, per horizon week (all projects) and overall. -#}
with backtest as (
    select * from {{ ref('fct_forecast_backtest') }}
),

summarised as (
    select
        method,
        project_id,
        horizon_week,
        grouping(project_id) = 1 as is_all_projects,
        grouping(horizon_week) = 1 as is_all_horizons,
        count(distinct forecast_as_of) as origins,
        sum(forecast_amount) as forecast_amount,
        sum(actual_amount) as actual_amount,
        sum(abs_error_amount) as abs_error_amount
    from backtest
    group by grouping sets (
        (method, project_id, horizon_week), (method, project_id), (method, horizon_week), (method)
    )
)

select
    method,
    case
        when is_all_projects and is_all_horizons then 'overall'
        when is_all_projects then 'horizon'
        when is_all_horizons then 'project'
        else 'project_horizon'
    end as summary_level,
    project_id,
    horizon_week,
    origins,
    forecast_amount,
    actual_amount,
    abs_error_amount,
    cast(abs_error_amount / nullif(actual_amount, 0) as decimal(18, 4)) as wape
from summarised
