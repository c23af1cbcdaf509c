"""Queries of the data-hygiene lists on the data-ops page (issue 10): likely duplicate
customers with their evidence and merge status, and deals beyond the discount policy."""

from __future__ import annotations

import pandas as pd

from . import ListQuery, run, run_rows

DUPLICATES = """
select duplicate_pair_id, match_rule, is_merged, surviving_customer_id, is_cross_project,
       customer_id_a, customer_name_a, project_id_a, phone_masked_a, id_number_masked_a,
       consultant_id_a, customer_id_b, customer_name_b, project_id_b, phone_masked_b,
       id_number_masked_b, consultant_id_b, reviewed_by, reviewed_date
from marts.fct_duplicate_customers
where (len($projects) = 0 or list_contains($projects, project_id_a)
       or list_contains($projects, project_id_b))
order by is_merged, match_rule, duplicate_pair_id
"""

DISCOUNT_COUNT = """
select count(*) as discount_exceptions
from marts.fct_discount_exceptions
where (len($projects) = 0 or list_contains($projects, project_id))
"""

DISCOUNTS = ListQuery("""
select deal_id, project_id, unit_id, unit_type, customer_name, consultant_id, deal_date,
       deal_state_at_as_of, list_price_amount, deal_price_amount, discount_rate, max_discount,
       policy_price_amount, excess_discount_amount, is_below_floor, approval_level,
       approve_date, is_discount_approved, discount_change_id
from marts.fct_discount_exceptions
where (len($projects) = 0 or list_contains($projects, project_id))
order by is_discount_approved, excess_discount_amount desc, deal_id
""")


def duplicates(params: dict) -> pd.DataFrame:
    return run(DUPLICATES, params)


def discount_exceptions(params: dict) -> pd.DataFrame:
    return run_rows(DISCOUNTS, params)


def discount_exception_count(params: dict) -> int:
    return int(run(DISCOUNT_COUNT, params)["discount_exceptions"].iloc[0])
