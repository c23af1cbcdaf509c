"""Queries of the cash-forecast page (marts only): the 13-week forecast with its band, by
payer and project, the lines behind a week, and the backtest against the baselines."""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import run

#: The normal quantile of P10 / P90 (seed forecast_settings.band_z): bands of several
#: projects and payers are combined from their standard deviations, never by adding P10s.
Z_P90 = 1.2815516

WEEKS = """
with weeks as (
    select horizon_week, week_start, week_end, sum(expected_amount) as expected_amount,
           sum(line_expected_amount) as line_expected_amount,
           sum(new_business_amount) as new_business_amount,
           sqrt(sum(cast(std_dev_amount as double) ^ 2)) as std_dev
    from marts.fct_cash_forecast
    where (len($projects) = 0 or list_contains($projects, project_id))
    group by all
)
select horizon_week, week_start, week_end, expected_amount,
       cast(greatest(cast(expected_amount as double) - $z * std_dev, least(cast(expected_amount as double), 0))
            as decimal(18, 2)) as p10_amount,
       cast(cast(expected_amount as double) + $z * std_dev as decimal(18, 2)) as p90_amount,
       line_expected_amount, new_business_amount
from weeks
order by horizon_week
"""

BY_PAYER = """
select horizon_week, week_start, payer, sum(expected_amount) as expected_amount,
       sum(line_expected_amount) as line_expected_amount,
       sum(new_business_amount) as new_business_amount
from marts.fct_cash_forecast
where (len($projects) = 0 or list_contains($projects, project_id))
group by all
order by horizon_week, payer
"""

BY_PROJECT = """
select f.horizon_week, f.week_start, f.project_id, p.project_name, f.payer,
       f.expected_amount, f.p10_amount, f.p90_amount, f.line_expected_amount,
       f.new_business_amount, f.line_count
from marts.fct_cash_forecast as f
left join marts.dim_project as p using (project_id)
where (len($projects) = 0 or list_contains($projects, f.project_id))
order by f.horizon_week, f.project_id, f.payer
"""

LINES = """
select l.week_start, l.project_id, l.payer, l.schedule_id, l.contract_id, l.customer_id,
       c.customer_name, l.item, l.due_date, l.days_past_due, l.outstanding_amount,
       l.credit_grade, l.loan_milestone, l.bank, l.forecast_basis, l.payment_probability,
       l.expected_amount
from marts.fct_cash_forecast_lines as l
left join marts.dim_customer as c using (customer_id)
where l.week_start = $week and (len($projects) = 0 or list_contains($projects, l.project_id))
order by l.expected_amount desc, l.schedule_id
"""

WAPE = """
select method as forecast_method, count(distinct forecast_as_of) as origins, sum(forecast_amount) as forecast_amount,
       sum(actual_amount) as actual_amount, sum(abs_error_amount) as abs_error_amount,
       sum(abs_error_amount) / nullif(sum(actual_amount), 0) as wape
from marts.fct_forecast_backtest
where (len($projects) = 0 or list_contains($projects, project_id))
group by method
order by method = 'forecast' desc, method
"""

WAPE_BY_HORIZON = """
select horizon_week, method as forecast_method, sum(forecast_amount) as forecast_amount,
       sum(actual_amount) as actual_amount,
       sum(abs_error_amount) / nullif(sum(actual_amount), 0) as wape
from marts.fct_forecast_backtest
where (len($projects) = 0 or list_contains($projects, project_id))
group by all
order by horizon_week, method
"""

BY_ORIGIN = """
select forecast_as_of, method as forecast_method, sum(forecast_amount) as forecast_amount,
       sum(actual_amount) as actual_amount,
       sum(abs_error_amount) / nullif(sum(actual_amount), 0) as wape
from marts.fct_forecast_backtest
where (len($projects) = 0 or list_contains($projects, project_id))
group by all
order by forecast_as_of, method
"""

WAPE_BY_PROJECT = """
select a.project_id, p.project_name, a.method as forecast_method, a.origins, a.forecast_amount, a.actual_amount,
       a.abs_error_amount, a.wape
from marts.fct_forecast_accuracy as a
left join marts.dim_project as p using (project_id)
where a.summary_level = 'project' and (len($projects) = 0 or list_contains($projects, a.project_id))
order by a.project_id, a.method
"""


def weeks(params: dict) -> pd.DataFrame:
    """The 13 weeks over the chosen projects and both payers, with the combined band."""
    return run(WEEKS, {**params, "z": Z_P90})


def by_payer(params: dict) -> pd.DataFrame:
    return run(BY_PAYER, params)


def by_project(params: dict) -> pd.DataFrame:
    return run(BY_PROJECT, params)


def lines(params: dict, week: date) -> pd.DataFrame:
    """The lines that make one week's forecast (largest expected receipt first)."""
    return run(LINES, {**params, "week": week})


def wape(params: dict) -> pd.DataFrame:
    """WAPE of the forecast and the baselines over the whole backtest."""
    return run(WAPE, params)


def wape_by_horizon(params: dict) -> pd.DataFrame:
    return run(WAPE_BY_HORIZON, params)


def by_origin(params: dict) -> pd.DataFrame:
    """Per backtest forecast date and method: forecast and actual of its weeks, and WAPE."""
    return run(BY_ORIGIN, params)


def wape_by_project(params: dict) -> pd.DataFrame:
    return run(WAPE_BY_PROJECT, params)
