"""Queries of the sales reports (销售日报/月报, plan, ranking, inventory, anomalies); marts only."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

DAILY = """
select d.project_id, p.project_name, d.calls, d.visits, d.first_visits, d.reservations,
       d.subscription_units, d.subscription_amount, d.contract_units, d.contract_area_m2,
       d.contract_amount, d.contract_cancellation_units, d.contract_cancellation_amount
from marts.fct_sales_daily as d
left join marts.dim_project as p using (project_id)
where d.sales_date = $as_of and (len($projects) = 0 or list_contains($projects, project_id))
order by d.contract_amount desc, d.project_id
"""

DAILY_TREND = """
select sales_date, sum(subscription_amount) as subscription_amount,
       sum(contract_amount) as contract_amount, sum(contract_units) as contract_units
from marts.fct_sales_daily
where sales_date between $as_of - interval 30 day and $as_of and (len($projects) = 0 or list_contains($projects, project_id))
group by sales_date
order by sales_date
"""

MONTHLY = """
select month, sum(calls) as calls, sum(visits) as visits, sum(reservations) as reservations,
       sum(subscription_units) as subscription_units, sum(subscription_amount) as subscription_amount,
       sum(contract_units) as contract_units, sum(contract_area_m2) as contract_area_m2,
       sum(contract_amount) as contract_amount,
       sum(contract_cancellation_units) as contract_cancellation_units,
       sum(contract_cancellation_amount) as contract_cancellation_amount,
       sum(sign_target_amount) as sign_target_amount,
       sum(contract_amount) / nullif(sum(sign_target_amount), 0) as sign_amount_achievement_rate,
       sum(contract_cancellation_units) / nullif(sum(contract_units), 0) as cancellation_rate
from marts.fct_sales_monthly
where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by month
order by month
"""

PLAN_CURRENT = """
select a.period_type, a.period_start, a.project_id, p.project_name, a.contract_units,
       a.contract_amount, a.net_contract_amount, a.sign_target_amount,
       a.amount_achievement_rate, a.units_achievement_rate
from marts.fct_sign_plan_achievement as a
left join marts.dim_project as p using (project_id)
where $as_of between a.period_start and a.period_end and (len($projects) = 0 or list_contains($projects, project_id))
order by a.period_type, a.contract_amount desc
"""

PLAN_HISTORY = """
select period_start, sum(contract_units) as contract_units, sum(contract_amount) as contract_amount,
       sum(net_contract_amount) as net_contract_amount, sum(sign_target_amount) as sign_target_amount,
       sum(contract_amount) / nullif(sum(sign_target_amount), 0) as amount_achievement_rate
from marts.fct_sign_plan_achievement
where period_type = $period_type and period_end >= $start and period_start <= $end and (len($projects) = 0 or list_contains($projects, project_id))
group by period_start
order by period_start
"""

RANKING = """
select r.project_name, r.month_contract_amount, r.month_amount_rank, r.ytd_contract_amount,
       r.ytd_amount_rank, r.live_contract_amount, r.sell_through_rate, r.saleable_value_amount
from marts.fct_project_ranking as r
where (len($projects) = 0 or list_contains($projects, project_id))
order by r.ytd_amount_rank, r.project_name
"""

COMPOSITION = """
with bands as (
    select band_type, band, any_value(band_zh) as band_zh, min(band_order) as band_order,
           sum(contract_units) as contract_units, sum(contract_amount) as contract_amount
    from marts.fct_sales_composition
    where (len($projects) = 0 or list_contains($projects, project_id))
    group by band_type, band
)
select band_type, band, band_zh, band_order, contract_units, contract_amount,
       contract_units / nullif(sum(contract_units) over (partition by band_type), 0) as units_share,
       contract_amount / nullif(sum(contract_amount) over (partition by band_type), 0) as amount_share
from bands
order by band_type, band_order
"""

INVENTORY = """
select p.project_name, i.total_units, i.unreleased_units, i.released_units, i.available_units,
       i.subscribed_units, i.signed_units, i.sell_through_rate, i.saleable_value_amount
from marts.fct_inventory_summary as i
left join marts.dim_project as p using (project_id)
where (len($projects) = 0 or list_contains($projects, project_id))
order by i.saleable_value_amount desc
"""

SALEABLE_UNITS = ListQuery("""
select unit_id, project_id, building, unit_no, unit_type, area_band, presale_area_m2,
       list_price_amount, saleable_value_amount
from marts.fct_inventory_units
where saleable_value_amount is not null and (len($projects) = 0 or list_contains($projects, project_id))
order by project_id, building, unit_no
""")

UNSIGNED = """
select subscription_id, project_id, unit_id, customer_id, consultant_id, subscription_date,
       sign_by_date, is_overdue_unsigned, days_overdue_unsigned, deal_price_amount
from marts.fct_subscriptions
where status_at_as_of = 'live' and (len($projects) = 0 or list_contains($projects, project_id))
order by is_overdue_unsigned desc, days_overdue_unsigned desc nulls last, deal_price_amount desc
"""

CHANGES_BY_TYPE = """
select change_type, count(*) as count, sum(amount_delta_amount) as amount
from marts.fct_sales_changes
where apply_date between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
group by change_type
order by count desc
"""

CHANGES = """
select change_id, change_type, project_id, deal_id, customer_id, consultant_id, apply_date,
       approve_date, days_after_signing, amount_delta_amount, reason
from marts.fct_sales_changes
where apply_date between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
order by apply_date desc, change_id
"""

CANCEL_ANOMALIES = """
select anomaly_type, project_id, reference_id, customer_id, consultant_id, event_date, amount, detail
from marts.fct_sales_anomalies
where anomaly_type in ('quick_cancellation', 'repeat_canceller', 'high_cancellation_month') and (len($projects) = 0 or list_contains($projects, project_id))
order by event_date desc, reference_id
"""

BELOW_FLOOR = """
select contract_id, project_id, unit_id, customer_id, consultant_id, sign_date,
       list_price_amount, floor_price_amount, contract_amount, below_floor_amount, status_at_as_of
from marts.fct_contracts
where is_below_floor and (len($projects) = 0 or list_contains($projects, project_id))
order by below_floor_amount desc, contract_id
"""


def daily(params: dict) -> pd.DataFrame:
    return run(DAILY, params)


def daily_trend(params: dict) -> pd.DataFrame:
    return run(DAILY_TREND, params)


def monthly(params: dict) -> pd.DataFrame:
    return run(MONTHLY, params)


def plan_current(params: dict) -> pd.DataFrame:
    return run(PLAN_CURRENT, params)


def plan_history(params: dict, period_type: str) -> pd.DataFrame:
    return run(PLAN_HISTORY, {**params, "period_type": period_type})


def ranking(params: dict) -> pd.DataFrame:
    return run(RANKING, params)


def composition(params: dict) -> pd.DataFrame:
    return run(COMPOSITION, params)


def inventory(params: dict) -> pd.DataFrame:
    return run(INVENTORY, params)


def saleable_units(params: dict) -> pd.DataFrame:
    """The saleable units behind the saleable-value headline (a page of them: run_rows)."""
    return run_rows(SALEABLE_UNITS, params)


def unsigned(params: dict) -> pd.DataFrame:
    return run(UNSIGNED, params)


def changes_by_type(params: dict) -> pd.DataFrame:
    return run(CHANGES_BY_TYPE, params)


def changes(params: dict) -> pd.DataFrame:
    return run(CHANGES, params)


def cancellation_anomalies(params: dict) -> pd.DataFrame:
    return run(CANCEL_ANOMALIES, params)


def below_floor(params: dict) -> pd.DataFrame:
    return run(BELOW_FLOOR, params)
