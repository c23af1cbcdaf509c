"""sales_exact_div rounds half away from zero at the scale asked, exactly, for amounts and
(whole=true) for counts alike. The macro is rendered with Jinja as dbt would and run in
DuckDB; the expectations are worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import jinja2
import pytest

MACRO = Path(__file__).resolve().parents[2] / "dbt_project" / "macros" / "sales_exact_div.sql"


def exact_div(numerator: str, denominator: str, scale: int, whole: bool) -> Decimal | None:
    module = jinja2.Environment().from_string(MACRO.read_text(encoding="utf-8")).module
    sql = module.sales_exact_div(numerator, denominator, scale, whole=whole)
    return duckdb.connect().execute(f"select {sql}").fetchone()[0]


CASES = [
    # numerator, denominator, scale, expected
    ("2", "3", 6, Decimal("0.666667")),  # 0.6666666… up
    ("1", "3", 6, Decimal("0.333333")),  # 0.3333333… down
    ("1", "128", 6, Decimal("0.007813")),  # 0.0078125, a half: away from zero
    ("-1", "128", 6, Decimal("-0.007813")),
    ("1", "-8", 2, Decimal("-0.13")),  # -0.125
    ("1000000000000", "7", 4, Decimal("142857142857.1429")),  # 142857142857.142857…
    ("5", "0", 6, None),
    ("null", "3", 6, None),
]


@pytest.mark.parametrize("whole", [False, True])
@pytest.mark.parametrize(("numerator", "denominator", "scale", "expected"), CASES)
def test_counts_divide_to_the_hand_worked_quotient(numerator, denominator, scale, expected, whole):
    numerator_sql = f"cast({numerator} as bigint)"
    denominator_sql = f"cast({denominator} as bigint)"
    assert exact_div(numerator_sql, denominator_sql, scale, whole) == expected


def test_amounts_keep_their_fen():
    # 1,234,567.89 / 1,234,568.00 = 0.99999991089…; 0.05 / 0.40 = 0.125 → 0.13
    assert exact_div("1234567.89::decimal(18,2)", "1234568.00::decimal(18,2)", 8, False) == (
        Decimal("0.99999991")
    )
    assert exact_div("0.05::decimal(18,2)", "0.40::decimal(18,2)", 2, False) == Decimal("0.13")
