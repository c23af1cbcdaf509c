"""Queries of the collections reports (marts only): receipts, receivables, aging, collection
rate, DSO/ADD/CEI, credit grades, provisions, roll rates and late fees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from . import ListQuery, run, run_rows

MONTHLY_CASH = """
select month, cash_collected, refunds_amount, reservation_fees_amount, receipt_count
from marts.fct_cash_collected_monthly
order by month
"""

AS_OF = "select max(as_of_date) as as_of_date from audit.builds"

COLLECTED = """
select
    (select coalesce(sum(cash_collected), 0) from marts.fct_collections_monthly
      where (len($projects) = 0 or list_contains($projects, project_id))) as total_collected,
    (select coalesce(sum(cash_collected), 0) from marts.fct_collections_monthly
      where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))) as period_collected,
    (select sum(collection_target_amount) from marts.fct_collections_monthly
      where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))) as period_target
"""

MONTHLY = """
select month, sum(cash_collected) as cash_collected,
       sum(collection_target_amount) as collection_target_amount,
       sum(deal_collected) as deal_collected, sum(opening_overdue) as opening_overdue,
       sum(due_in_month) as due_in_month,
       sum(deal_collected) / nullif(sum(opening_overdue) + sum(due_in_month), 0) as collection_rate,
       sum(cash_collected) / nullif(sum(collection_target_amount), 0) as plan_achievement
from marts.fct_collections_monthly
where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by month
order by month
"""

MONTHLY_BY_PROJECT = """
select c.month, c.project_id, p.project_name, c.cash_collected, c.collection_target_amount,
       c.plan_achievement, c.deal_collected, c.opening_overdue, c.due_in_month, c.collection_rate
from marts.fct_collections_monthly as c
left join marts.dim_project as p using (project_id)
where c.month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
order by c.month desc, c.project_id
"""

RECEIPTS_BY = """
select receipt_month as month, item, method, count(*) as receipt_count,
       sum(receipt_amount) as receipt_amount
from marts.fct_receipts
where receipt_month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
group by all
order by month, item, method
"""

RECEIPTS = ListQuery("""
select receipt_id, receipt_date, project_id, contract_id, subscription_id, item, method,
       receipt_amount
from marts.fct_receipts
where receipt_month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
order by receipt_date desc, receipt_id
""")

#: Per customer over the chosen projects, from fct_customer_balances (one row per customer
#: and project). A customer with live deals in one project only (customer_project_count = 1)
#: is that row as it stands; the few in several projects have the chosen projects' rows
#: summed. No group-by or join over every customer, so the first page is a scan.
BY_CUSTOMER = ListQuery("""
with chosen as (
    select * from marts.fct_customer_balances
    where (len($projects) = 0 or list_contains($projects, project_id))
)
select customer_id, customer_name, phone_masked, project_id, credit_grade, deal_count as deals,
       due_amount, net_receipts_amount, outstanding_amount, overdue_amount,
       credit_balance_amount, buyer_payable_amount
from chosen
where customer_project_count = 1
union all
select customer_id, any_value(customer_name), any_value(phone_masked), any_value(project_id),
       any_value(credit_grade), cast(sum(deal_count) as bigint), sum(due_amount),
       sum(net_receipts_amount), sum(outstanding_amount), sum(overdue_amount),
       sum(credit_balance_amount), sum(buyer_payable_amount)
from chosen
where customer_project_count > 1
group by customer_id
order by overdue_amount desc, outstanding_amount desc, customer_id
""")

BALANCE_TOTALS = """
select coalesce(sum(outstanding_amount), 0) as outstanding_amount,
       coalesce(sum(overdue_amount), 0) as overdue_amount,
       coalesce(sum(credit_balance_amount), 0) as credit_balance_amount,
       coalesce(sum(buyer_payable_amount), 0) as buyer_payable_amount
from marts.fct_deal_balances
where (len($projects) = 0 or list_contains($projects, project_id))
"""

AGING_NOW = """
select aging_bucket, min(bucket_order) as bucket_order, payer,
       sum(outstanding_amount) as outstanding_amount, sum(line_count) as line_count
from marts.fct_ar_aging
where (len($projects) = 0 or list_contains($projects, project_id))
group by aging_bucket, payer
order by bucket_order, payer
"""

AGING_HISTORY = """
select month_end, aging_bucket, min(bucket_order) as bucket_order,
       sum(outstanding_amount) as outstanding_amount
from marts.fct_ar_aging_history
where month_end between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
group by month_end, aging_bucket
order by month_end, bucket_order
"""

#: The open lines (outstanding > 0), stored in this order by fct_open_receivable_lines.
RECEIVABLE_LINES = ListQuery("""
select schedule_id, deal_id, project_id, customer_id, payer, item, due_date, amount_due,
       outstanding_amount, days_past_due, aging_bucket
from marts.fct_open_receivable_lines
where (not $overdue_only or days_past_due >= 1) and (len($projects) = 0 or list_contains($projects, project_id))
order by days_past_due desc, outstanding_amount desc, schedule_id
""")

KPIS = """
select k.month_end, k.project_id, p.project_name, k.total_receivable, k.not_due_receivable,
       k.dso_countback, k.best_possible_dso, k.add_days, k.cei
from marts.kpi_receivables_monthly as k
left join marts.dim_project as p using (project_id)
where k.month_end between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
order by k.month_end desc, k.project_id
"""

#: Customers per credit grade with their receivable and overdue over all their live deals
#: (fct_customer_credit carries both), chosen by the credit row's project.
CREDIT = """
select credit_grade, count(*) as customers,
       coalesce(sum(outstanding_amount), 0) as outstanding_amount,
       coalesce(sum(overdue_amount), 0) as overdue_amount,
       avg(avg_payment_delay_days) as avg_payment_delay_days
from marts.fct_customer_credit
where (len($projects) = 0 or list_contains($projects, project_id))
group by credit_grade
order by credit_grade
"""

PROVISION = """
select month_end, sum(outstanding_amount) as outstanding_amount,
       sum(overdue_amount) as overdue_amount, sum(provision_amount) as provision_amount,
       sum(provision_amount) / nullif(sum(outstanding_amount), 0) as provision_ratio,
       sum(provision_amount) / nullif(sum(overdue_amount), 0) as coverage_ratio
from marts.kpi_provision_monthly
where month_end between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
group by month_end
order by month_end
"""

ROLL_RATES = """
select month_end, from_bucket, min(from_bucket_order) as from_bucket_order,
       sum(from_outstanding_amount) as from_outstanding_amount,
       sum(rolled_forward_amount) as rolled_forward_amount,
       sum(rolled_forward_amount) / nullif(sum(from_outstanding_amount), 0) as roll_rate
from marts.fct_aging_roll_rates
where month_end between $start and last_day($end) and (len($projects) = 0 or list_contains($projects, project_id))
group by month_end, from_bucket
order by month_end desc, from_bucket_order
"""

LATE_FEE_TOTAL = """
select coalesce(sum(late_fee_amount), 0) as late_fee_amount
from marts.fct_late_fee_deals
where (len($projects) = 0 or list_contains($projects, project_id))
"""

LATE_FEES = ListQuery("""
select deal_id, contract_id, project_id, customer_id, customer_name, line_count,
       outstanding_amount, late_fee_amount
from marts.fct_late_fee_deals
where (len($projects) = 0 or list_contains($projects, project_id))
order by late_fee_amount desc, deal_id
""")


def monthly_cash_collected() -> pd.DataFrame:
    """Cash collected per month: every receipt dated in it, refunds negative, all items."""
    return run(MONTHLY_CASH)


def as_of_date():
    frame = run(AS_OF)
    return frame["as_of_date"].iloc[0] if not frame.empty else None


def collected(params: dict) -> pd.Series:
    return run(COLLECTED, params).iloc[0]


def monthly(params: dict) -> pd.DataFrame:
    return run(MONTHLY, params)


def monthly_by_project(params: dict, whole_history: bool = False) -> pd.DataFrame:
    """Per project and month; every month to the as-of date when ``whole_history``."""
    if whole_history:
        params = {**params, "start": date(1900, 1, 1), "end": date(2999, 12, 31)}
    return run(MONTHLY_BY_PROJECT, params)


def receipts_by(params: dict) -> pd.DataFrame:
    return run(RECEIPTS_BY, params)


def receipts(params: dict) -> pd.DataFrame:
    return run_rows(RECEIPTS, params)


def by_customer(params: dict) -> pd.DataFrame:
    return run_rows(BY_CUSTOMER, params)


def balance_totals(params: dict) -> pd.Series:
    return run(BALANCE_TOTALS, params).iloc[0]


def aging_now(params: dict) -> pd.DataFrame:
    return run(AGING_NOW, params)


def aging_history(params: dict) -> pd.DataFrame:
    return run(AGING_HISTORY, params)


def receivable_lines(params: dict, overdue_only: bool = False) -> pd.DataFrame:
    return run_rows(RECEIVABLE_LINES, {**params, "overdue_only": overdue_only})


def kpis(params: dict) -> pd.DataFrame:
    return run(KPIS, params)


def credit(params: dict) -> pd.DataFrame:
    return run(CREDIT, params)


def provision(params: dict) -> pd.DataFrame:
    return run(PROVISION, params)


def roll_rates(params: dict) -> pd.DataFrame:
    return run(ROLL_RATES, params)


def late_fees(params: dict) -> pd.DataFrame:
    return run_rows(LATE_FEES, params)


def late_fee_total(params: dict) -> Decimal:
    """Late fees accrued to D over the chosen projects (every deal, not only the rows shown)."""
    return run(LATE_FEE_TOTAL, params)["late_fee_amount"].iloc[0]
