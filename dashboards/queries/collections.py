"""Queries of the collections reports (marts only)."""

from __future__ import annotations

import pandas as pd

from . import run

MONTHLY_CASH = """
select month, cash_collected, refunds_amount, reservation_fees_amount, receipt_count
from marts.fct_cash_collected_monthly
order by month
"""

AS_OF = "select max(as_of_date) as as_of_date from audit.builds"


def monthly_cash_collected() -> pd.DataFrame:
    """Cash collected per month: every receipt dated in it, refunds negative, all items."""
    return run(MONTHLY_CASH)


def as_of_date():
    frame = run(AS_OF)
    return frame["as_of_date"].iloc[0] if not frame.empty else None
