"""Queries of the executive overview: today and this month against plan, receivables and
overdue, the trend, and what needs attention (marts only)."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

TODAY = """
select
    (select coalesce(sum(contract_amount), 0) from marts.fct_sales_daily
      where sales_date = $as_of and (len($projects) = 0 or list_contains($projects, project_id))) as today_contract_amount,
    (select coalesce(sum(contract_units), 0) from marts.fct_sales_daily
      where sales_date = $as_of and (len($projects) = 0 or list_contains($projects, project_id))) as today_contract_units,
    (select coalesce(sum(contract_amount), 0) from marts.fct_sales_monthly
      where month = date_trunc('month', $as_of) and (len($projects) = 0 or list_contains($projects, project_id))) as month_contract_amount,
    (select sum(sign_target_amount) from marts.fct_sales_monthly
      where month = date_trunc('month', $as_of) and (len($projects) = 0 or list_contains($projects, project_id))) as month_sign_target_amount,
    (select coalesce(sum(cash_collected), 0) from marts.fct_collections_monthly
      where month = date_trunc('month', $as_of) and (len($projects) = 0 or list_contains($projects, project_id))) as month_cash_collected,
    (select sum(collection_target_amount) from marts.fct_collections_monthly
      where month = date_trunc('month', $as_of) and (len($projects) = 0 or list_contains($projects, project_id))) as month_collection_target_amount,
    (select coalesce(sum(outstanding_amount), 0) from marts.fct_ar_aging
      where (len($projects) = 0 or list_contains($projects, project_id))) as receivable_amount,
    (select coalesce(sum(outstanding_amount), 0) from marts.fct_ar_aging
      where aging_bucket <> 'not_due' and (len($projects) = 0 or list_contains($projects, project_id))) as overdue_amount,
    (select coalesce(sum(receipt_amount), 0) from marts.fct_receipts
      where receipt_date = $as_of and (len($projects) = 0 or list_contains($projects, project_id))) as today_collected_amount
"""

TODAY_RECEIPTS = ListQuery("""
select receipt_id, receipt_date, project_id, contract_id, subscription_id, item, method,
       receipt_amount
from marts.fct_receipts where receipt_date = $as_of and (len($projects) = 0 or list_contains($projects, project_id))
order by receipt_amount desc, receipt_id
""")

MONTH_RECEIPTS = ListQuery("""
select receipt_id, receipt_date, project_id, contract_id, subscription_id, item, method,
       receipt_amount
from marts.fct_receipts where receipt_month = date_trunc('month', $as_of) and (len($projects) = 0 or list_contains($projects, project_id))
order by receipt_date desc, receipt_id
""")

CONTRACTS_SIGNED = """
select contract_id, project_id, unit_id, customer_id, consultant_id, sign_date,
       contract_amount, status_at_as_of
from marts.fct_contracts
where sign_date between $from_date and $as_of and (len($projects) = 0 or list_contains($projects, project_id))
order by sign_date desc, contract_id
"""

TREND = """
with sales as (
    select month, sum(contract_amount) as contract_amount,
           sum(sign_target_amount) as sign_target_amount
    from marts.fct_sales_monthly
    where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
    group by month
), cash as (
    select month, sum(cash_collected) as cash_collected,
           sum(collection_target_amount) as collection_target_amount
    from marts.fct_collections_monthly
    where month between $start and $end and (len($projects) = 0 or list_contains($projects, project_id))
    group by month
)
select coalesce(sales.month, cash.month) as month,
       coalesce(contract_amount, 0) as contract_amount, sign_target_amount,
       coalesce(cash_collected, 0) as cash_collected, collection_target_amount
from sales full join cash on sales.month = cash.month
order by month
"""

ANOMALIES = """
select anomaly_type, count(*) as count, sum(amount) as amount
from marts.fct_sales_anomalies
where (len($projects) = 0 or list_contains($projects, project_id))
group by anomaly_type
order by count desc
"""

OVERDUE_CASES = """
select case_type, count(*) as count, sum(amount_outstanding) as amount
from marts.fct_overdue_items
where (len($projects) = 0 or list_contains($projects, project_id))
group by case_type
order by amount desc
"""


def headline(params: dict) -> pd.Series:
    return run(TODAY, params).iloc[0]


def receipts_today(params: dict) -> pd.DataFrame:
    return run_rows(TODAY_RECEIPTS, params)


def receipts_this_month(params: dict) -> pd.DataFrame:
    return run_rows(MONTH_RECEIPTS, params)


def contracts_signed(params: dict, from_date) -> pd.DataFrame:
    return run(CONTRACTS_SIGNED, {**params, "from_date": from_date})


def trend(params: dict) -> pd.DataFrame:
    return run(TREND, params)


def anomalies(params: dict) -> pd.DataFrame:
    return run(ANOMALIES, params)


def overdue_cases(params: dict) -> pd.DataFrame:
    return run(OVERDUE_CASES, params)
