{#- The published drill-down reconciles to the fen with the published forecast: per week,
    project and payer, the lines' expected receipts (fct_cash_forecast_lines) add up to the
    week's line_expected_amount and their count to line_count (fct_cash_forecast). -#}
with lines as (
    select forecast_as_of, horizon_week, project_id, payer,
        sum(expected_amount) as amount, count(*) as line_count
    from {{ ref('fct_cash_forecast_lines') }}
    group by all
),

weekly as (
    select forecast_as_of, horizon_week, project_id, payer, line_expected_amount, line_count
    from {{ ref('fct_cash_forecast') }}
)

select *
from lines
full outer join weekly using (forecast_as_of, horizon_week, project_id, payer)
where coalesce(lines.amount, 0) <> coalesce(weekly.line_expected_amount, 0)
    or coalesce(lines.line_count, 0) <> coalesce(weekly.line_count, 0)
