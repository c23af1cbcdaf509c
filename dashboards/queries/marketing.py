"""Queries of marketing efficiency (费效): spend against first calls, visits and deals by
channel and month, the funnel, and spend traced to cash. Ratios over several months or
projects are recomputed from the summed parts, by the same definitions as the mart."""

from __future__ import annotations

import pandas as pd

from . import run

BY_CHANNEL = """
select channel, any_value(channel_category) as channel_category, sum(spend) as spend,
       sum(first_calls) as first_calls, sum(first_visits) as first_visits,
       sum(subscriptions) as subscriptions, sum(contracts) as contracts,
       round(sum(spend) / nullif(sum(first_visits), 0), 2) as cost_per_visit,
       round((sum(first_calls) + sum(first_visits)) / nullif(sum(spend) / 10000, 0), 4) as visits_per_10k_yuan,
       round(sum(contracts) / nullif(sum(spend) / 10000, 0), 4) as deals_per_10k_yuan,
       round(sum(spend) / nullif(sum(contracts), 0), 2) as cost_per_deal
from marts.fct_marketing_efficiency
where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by channel
order by spend desc, channel
"""

BY_MONTH = """
select month, sum(spend) as spend, sum(first_calls) as first_calls,
       sum(first_visits) as first_visits, sum(contracts) as contracts,
       round(sum(spend) / nullif(sum(first_visits), 0), 2) as cost_per_visit,
       round((sum(first_calls) + sum(first_visits)) / nullif(sum(spend) / 10000, 0), 4) as visits_per_10k_yuan
from marts.fct_marketing_efficiency
where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by month
order by month
"""

ROWS = """
select month, project_id, channel, channel_category, spend, first_calls, first_visits,
       subscriptions, contracts, cost_per_visit, visits_per_10k_yuan, deals_per_10k_yuan, cost_per_deal
from marts.fct_marketing_efficiency
where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
order by month desc, spend desc
"""

CASH_YIELD = """
select channel, any_value(channel_category) as channel_category, sum(spend_amount) as spend_amount,
       sum(deals) as deals, sum(contracts) as contracts, sum(contract_amount) as contract_amount,
       sum(cash_collected_amount) as cash_collected_amount,
       round(sum(cash_collected_amount) / nullif(sum(spend_amount), 0), 4) as cash_yield_per_yuan
from marts.fct_marketing_cash_yield
where cohort_month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by channel
order by spend_amount desc, channel
"""


def by_channel(params: dict) -> pd.DataFrame:
    return run(BY_CHANNEL, params)


def by_month(params: dict) -> pd.DataFrame:
    return run(BY_MONTH, params)


def rows(params: dict) -> pd.DataFrame:
    return run(ROWS, params)


def cash_yield(params: dict) -> pd.DataFrame:
    return run(CASH_YIELD, params)
