{#- The drill-down reconciles to the fen: per forecast date, week, project and payer, the
    lines' expected receipts add up to the week's line_expected_amount (every forecast
    date, so the backtest's too). -#}
with lines as (
    select forecast_as_of, horizon_week, project_id, payer, sum(expected_amount) as amount
    from {{ ref('int_forecast_line_weeks') }}
    group by all
),

weekly as (
    select forecast_as_of, horizon_week, project_id, payer, line_expected_amount
    from {{ ref('int_forecast_weekly') }}
)

select *
from lines
full outer join weekly using (forecast_as_of, horizon_week, project_id, payer)
where coalesce(lines.amount, 0) <> coalesce(weekly.line_expected_amount, 0)
