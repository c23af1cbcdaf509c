"""Queries of the team page (issue 10): consultants' activity and follow-up discipline,
conversion on same-month cohorts (the fair ranking), the reassignment list, and the effect
of collection actions. Ratios over several months, projects or cohorts are recomputed from
the summed parts, by the same definitions as the marts."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

CONSULTANTS = """
select consultant_id,
       coalesce(sum(customers_received) filter (where in_period), 0) as customers_received,
       coalesce(sum(calls) filter (where in_period), 0) as calls,
       coalesce(sum(visits) filter (where in_period), 0) as visits,
       coalesce(sum(follow_ups) filter (where in_period), 0) as follow_ups,
       coalesce(sum(subscriptions) filter (where in_period), 0) as subscriptions,
       coalesce(sum(contracts) filter (where in_period), 0) as contracts,
       coalesce(sum(contract_amount) filter (where in_period), 0) as contract_amount,
       coalesce(sum(subscription_cancellations) filter (where in_period), 0) as subscription_cancellations,
       coalesce(sum(contract_cancellations) filter (where in_period), 0) as contract_cancellations,
       coalesce(sum(collection_actions) filter (where in_period), 0) as collection_actions,
       coalesce(sum(neglected_customers_at_month_end) filter (where is_as_of_month), 0) as neglected_at_as_of,
       coalesce(sum(overdue_cases_open) filter (where is_as_of_month), 0) as overdue_cases_open,
       coalesce(sum(overdue_cases_chased) filter (where is_as_of_month), 0) as overdue_cases_chased
from (
    select *, month between $start and $end as in_period
    from marts.fct_consultant_monthly
    where (len($projects) = 0 or list_contains($projects, project_id))
      and (len($consultants) = 0 or list_contains($consultants, consultant_id))
)
group by consultant_id
order by contracts desc, customers_received desc, consultant_id
"""

MONTHLY = ListQuery("""
select month, consultant_id, project_id, customers_received, calls, visits, first_visits,
       follow_ups, customers_contacted, prospects_at_month_end, neglected_customers_at_month_end,
       subscriptions, contracts, contract_amount, visit_to_subscription_ratio,
       median_days_to_sign, subscription_cancellations, contract_cancellations,
       collection_actions, deals_chased, overdue_cases_open, overdue_cases_chased, overdue_amount
from marts.fct_consultant_monthly
where month between $start and $end
  and (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, consultant_id))
order by month desc, consultant_id, project_id
""")

RANKING = """
select consultant_id, sum(customers_received) as customers_received,
       sum(customers_subscribed) as customers_subscribed, sum(customers_signed) as customers_signed,
       round(sum(customers_signed) / nullif(sum(customers_received), 0), 4) as contract_rate,
       round(sum(expected_signed), 2) as expected_signed,
       round(sum(customers_signed) / nullif(sum(expected_signed), 0), 4) as conversion_index,
       count(*) as cohorts
from marts.fct_consultant_cohorts
where cohort_month between $start and $end
  and (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, consultant_id))
group by consultant_id
order by conversion_index desc nulls last, customers_signed desc, consultant_id
"""

COHORTS = ListQuery("""
select cohort_month, project_id, consultant_id, cohort_age_days, customers_received,
       customers_called, customers_visited, customers_subscribed, customers_signed,
       subscription_rate, contract_rate, peer_contract_rate, expected_signed, conversion_index,
       contract_rate_rank, median_days_to_first_contract
from marts.fct_consultant_cohorts
where cohort_month between $start and $end
  and (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, consultant_id))
order by cohort_month desc, project_id, contract_rate_rank, consultant_id
""")

FOLLOW_UP = """
select f.customer_id, f.customer_name, f.phone_masked, f.consultant_id, f.project_id,
       p.project_name, f.channel, f.first_contact_date, f.last_contact_date, f.last_contact_type,
       f.days_since_last_contact, f.contacts, f.cancelled_deals
from marts.fct_customer_follow_up as f
left join marts.dim_project as p on p.project_id = f.project_id
where f.days_since_last_contact > $days
  and (len($projects) = 0 or list_contains($projects, f.project_id))
  and (len($consultants) = 0 or list_contains($consultants, f.consultant_id))
order by f.days_since_last_contact desc, f.customer_id
"""

NEGLECT_DAYS = (
    "select coalesce(max(neglect_days), 15) as neglect_days from marts.fct_customer_follow_up"
)

ACTION_EFFECT = """
select action_type, count(*) as actions, count(distinct deal_id) as cases_acted_on,
       count(*) filter (where has_promise) as promises_made,
       count(*) filter (where promise_status = 'kept') as promises_kept,
       count(*) filter (where promise_status = 'broken') as promises_broken,
       round(count(*) filter (where promise_status = 'kept')
             / nullif(count(*) filter (where promise_status in ('kept', 'broken')), 0), 4) as promise_kept_rate,
       sum(recovered_7d_amount) as recovered_7d_amount,
       sum(recovered_30d_amount) as recovered_30d_amount,
       median(days_to_payment) as median_days_to_payment
from marts.fct_collection_action_outcomes
where action_month between $start and $end
  and (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, staff_id)
       or list_contains($consultants, consultant_id))
group by action_type
order by recovered_30d_amount desc, action_type
"""

ACTIONS = ListQuery("""
select action_id, action_date, action_type, deal_id, project_id, customer_id, consultant_id,
       staff_id, outcome, promised_date, promised_amount, paid_by_promised_date_amount,
       promise_status, recovered_7d_amount, recovered_30d_amount, days_to_payment
from marts.fct_collection_action_outcomes
where action_month between $start and $end
  and (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, staff_id)
       or list_contains($consultants, consultant_id))
order by action_date desc, action_id
""")

BROKEN_COUNT = """
select count(*) as broken_promises
from marts.fct_broken_promises
where (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, consultant_id)
       or list_contains($consultants, staff_id))
"""

BROKEN = ListQuery("""
select action_id, customer_name, phone_masked, consultant_id, staff_id, deal_id, project_id,
       action_type, action_date, promised_date, promised_amount, paid_by_promised_date_amount,
       promise_shortfall_amount, paid_since_amount, overdue_amount, days_since_promised_date,
       is_latest_promise_on_deal
from marts.fct_broken_promises
where (len($projects) = 0 or list_contains($projects, project_id))
  and (len($consultants) = 0 or list_contains($consultants, consultant_id)
       or list_contains($consultants, staff_id))
order by overdue_amount desc, promised_date, action_id
""")

OPTIONS = """
select distinct consultant_id from marts.fct_consultant_monthly
where (len($projects) = 0 or list_contains($projects, project_id))
order by consultant_id
"""


def _p(params: dict, consultants=()) -> dict:
    return {**params, "consultants": list(consultants)}


def consultants(params: dict, chosen=()) -> pd.DataFrame:
    """Per consultant over the period; neglected customers and open overdue cases at D."""
    return run(CONSULTANTS, _p(params, chosen))


def monthly(params: dict, chosen=()) -> pd.DataFrame:
    return run_rows(MONTHLY, _p(params, chosen))


def ranking(params: dict, chosen=()) -> pd.DataFrame:
    """The fair ranking: signed against expected on the same-month cohorts of the period."""
    return run(RANKING, _p(params, chosen))


def cohorts(params: dict, chosen=()) -> pd.DataFrame:
    return run_rows(COHORTS, _p(params, chosen))


def follow_up(params: dict, days: int, chosen=()) -> pd.DataFrame:
    """Prospects at D with no contact for more than ``days`` days (the reassignment list)."""
    return run(FOLLOW_UP, {**_p(params, chosen), "days": int(days)})


def neglect_days() -> int:
    return int(run(NEGLECT_DAYS)["neglect_days"].iloc[0])


def action_effect(params: dict, chosen=()) -> pd.DataFrame:
    return run(ACTION_EFFECT, _p(params, chosen))


def actions(params: dict, chosen=()) -> pd.DataFrame:
    return run_rows(ACTIONS, _p(params, chosen))


def broken_promises(params: dict, chosen=()) -> pd.DataFrame:
    return run_rows(BROKEN, _p(params, chosen))


def broken_promise_count(params: dict, chosen=()) -> int:
    return int(run(BROKEN_COUNT, _p(params, chosen))["broken_promises"].iloc[0])


def options(params: dict) -> list[str]:
    return run(OPTIONS, params)["consultant_id"].dropna().tolist()
