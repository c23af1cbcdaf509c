"""Queries of the overdue worklist (逾期业务): the seven cases, sorted by money at risk."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

#: The worklist's filters on fct_overdue_items as o (projects, cases, consultants, ladder
#: steps): its list, the headlines over it and its chart all read the same cases.
_WHERE = """
where (len($projects) = 0 or list_contains($projects, o.project_id))
  and (len($cases) = 0 or list_contains($cases, o.case_type))
  and (len($consultants) = 0 or list_contains($consultants, o.consultant_id))
  and (len($steps) = 0 or list_contains($steps, o.escalation_step))"""

SUMMARY = (
    """
select coalesce(sum(o.amount_outstanding), 0) as amount_outstanding, count(*) as cases,
       count(*) filter (where o.is_promise_broken) as broken_promises,
       count(*) filter (where o.escalation_step = 'legal') as legal_cases
from marts.fct_overdue_items as o"""
    + _WHERE
)

BY_CASE = (
    """
select o.case_type, sum(o.amount_outstanding) as amount_outstanding
from marts.fct_overdue_items as o"""
    + _WHERE
    + """
group by o.case_type
order by amount_outstanding desc, o.case_type
"""
)

ITEMS = ListQuery(
    """
select o.case_type, o.escalation_step, o.project_id, o.project_name, o.reference_id,
       o.customer_id, o.customer_name, o.phone_masked, o.consultant_id, o.due_date,
       o.days_overdue, o.amount_outstanding, o.line_count, o.last_action_date,
       o.last_action_type, o.last_action_outcome, o.promised_date, o.promised_amount,
       o.is_promise_broken, o.deal_id, o.as_of_date
from marts.fct_overdue_items as o"""
    + _WHERE
    + """
order by o.amount_outstanding desc, o.days_overdue desc, o.reference_id
"""
)

OPTIONS = """
select distinct case_type, consultant_id, escalation_step, escalation_step_order
from marts.fct_overdue_items
where (len($projects) = 0 or list_contains($projects, project_id))
"""


def _filters(params: dict, cases, consultants, steps) -> dict:
    return {**params, "cases": list(cases), "consultants": list(consultants), "steps": list(steps)}


def items(params: dict, cases=(), consultants=(), steps=()) -> pd.DataFrame:
    """The cases, most money at risk first (a page of them: run_rows)."""
    return run_rows(ITEMS, _filters(params, cases, consultants, steps))


def summary(params: dict, cases=(), consultants=(), steps=()) -> pd.Series:
    """Money at risk, cases, broken promises and cases at the legal step, over every case."""
    return run(SUMMARY, _filters(params, cases, consultants, steps)).iloc[0]


def by_case(params: dict, cases=(), consultants=(), steps=()) -> pd.DataFrame:
    return run(BY_CASE, _filters(params, cases, consultants, steps))


def options(params: dict) -> pd.DataFrame:
    return run(OPTIONS, params)
