"""Queries of the after-sales reports: mortgage pipeline, overdue disbursements, area true-up."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

STAGES = [
    "not_started",
    "docs_complete",
    "bank_interview",
    "approved",
    "rejected",
    "registered",
    "disbursed",
]

PIPELINE_BY = """
select current_milestone, coalesce(bank, '—') as bank, count(*) as contracts,
       sum(loan_amount) filter (where is_primary_loan_service) as loan_amount,
       avg(days_in_current_stage) as days_in_current_stage
from marts.fct_mortgage_pipeline
where (len($projects) = 0 or list_contains($projects, project_id))
group by all
"""

PIPELINE = """
select contract_id, service, project_id, customer_id, consultant_id, bank, payment_method,
       loan_amount, sign_date, current_milestone, current_milestone_date, days_in_current_stage,
       is_rejected, is_disbursed
from marts.fct_mortgage_pipeline
where not is_disbursed and (len($projects) = 0 or list_contains($projects, project_id))
order by days_in_current_stage desc, contract_id
"""

OVERDUE_DISBURSEMENTS = """
select contract_id, project_id, customer_id, consultant_id, bank, loan_amount, current_milestone,
       loan_due_date, loan_days_overdue, loan_overdue_amount
from marts.fct_mortgage_pipeline
where is_disbursement_overdue and (len($projects) = 0 or list_contains($projects, project_id))
order by loan_overdue_amount desc, contract_id
"""

TRUE_UP_TOTALS = """
select coalesce(sum(buyer_pays_amount) filter (where buyer_pays_amount > 0), 0) as buyer_pays_amount,
       coalesce(-sum(buyer_pays_amount) filter (where buyer_pays_amount < 0), 0) as refund_amount,
       count(*) filter (where may_cancel) as may_cancel_count
from marts.fct_area_true_up
where (len($projects) = 0 or list_contains($projects, project_id))
"""

TRUE_UP = ListQuery("""
select contract_id, unit_id, project_id, customer_id, presale_area_m2, measured_area_m2,
       error_ratio, unit_price, contract_amount, true_up_rule, buyer_pays_amount,
       developer_bears_amount, may_cancel
from marts.fct_area_true_up
where (len($projects) = 0 or list_contains($projects, project_id))
order by abs(error_ratio) desc, contract_id
""")


def pipeline_by(params: dict) -> pd.DataFrame:
    return run(PIPELINE_BY, params)


def pipeline(params: dict) -> pd.DataFrame:
    return run(PIPELINE, params)


def overdue_disbursements(params: dict) -> pd.DataFrame:
    return run(OVERDUE_DISBURSEMENTS, params)


def true_up(params: dict) -> pd.DataFrame:
    return run_rows(TRUE_UP, params)


def true_up_totals(params: dict) -> pd.Series:
    """What buyers pay and are refunded for measured area, and the contracts they may cancel."""
    return run(TRUE_UP_TOTALS, params).iloc[0]
