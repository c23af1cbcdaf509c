"""Queries of the overdue worklist (逾期业务): the seven cases, sorted by money at risk."""

from __future__ import annotations

import pandas as pd

from . import run

ITEMS = """
select o.case_type, o.escalation_step, o.project_id, p.project_name, o.reference_id,
       o.customer_id, c.customer_name, c.phone_masked, o.consultant_id, o.due_date,
       o.days_overdue, o.amount_outstanding, o.line_count, o.last_action_date,
       o.last_action_type, o.last_action_outcome, o.promised_date, o.promised_amount,
       o.is_promise_broken, o.deal_id, o.as_of_date
from marts.fct_overdue_items as o
left join marts.dim_customer as c using (customer_id)
left join marts.dim_project as p on p.project_id = o.project_id
where (len($projects) = 0 or list_contains($projects, o.project_id))
  and (len($cases) = 0 or list_contains($cases, o.case_type))
  and (len($consultants) = 0 or list_contains($consultants, o.consultant_id))
  and (len($steps) = 0 or list_contains($steps, o.escalation_step))
order by o.amount_outstanding desc, o.days_overdue desc, o.reference_id
"""

OPTIONS = """
select distinct case_type, consultant_id, escalation_step, escalation_step_order
from marts.fct_overdue_items
where (len($projects) = 0 or list_contains($projects, project_id))
"""


def items(params: dict, cases=(), consultants=(), steps=()) -> pd.DataFrame:
    return run(
        ITEMS,
        {**params, "cases": list(cases), "consultants": list(consultants), "steps": list(steps)},
    )


def options(params: dict) -> pd.DataFrame:
    return run(OPTIONS, params)
