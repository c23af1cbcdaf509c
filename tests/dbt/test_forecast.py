"""Issue 9: the 13-week cash forecast and its backtest, on a small generated project
(tests/fixtures/forecast/landing, `huilong generate --scale tiny`, 26 months, D = 2026-10-19).

Two builds only: the fixture as is (D = its latest receipt), and the fixture as it stood at
the month end F = 2026-06-30 — every row dated after F removed and the statuses that changed
after F put back (the export a user would have had at F), built as of F. The forecast at F
must be the same in both: the leak-free proof of the backtest.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, query

LANDING = FIXTURES / "forecast" / "landing"
F = "2026-06-30"

#: The date column that dates each row of a table (rows after F are removed).
DATED = {
    "receipts": "receipt_date",
    "subscriptions": "subscription_date",
    "contracts": "sign_date",
    "service_events": "event_date",
    "reservations": "reservation_date",
    "sales_changes": "apply_date",
    "customers": "first_contact_date",
    "units": "released_date",
    "projects": "launch_date",
}
#: Status fields whose change after F is undone: (status, its date, the status at F).
REVERT = {
    "subscriptions": ("status", "status_date", "active"),
    "contracts": ("status", "cancel_date", "active"),
    "reservations": ("status", "status_date", "active"),
}


def truncate_landing(source: Path, target: Path, as_of: str) -> dict[str, int]:
    """Copy an export folder as it stood at `as_of`; returns the rows removed per table."""
    target.mkdir(parents=True, exist_ok=True)
    tables = {p.stem: list(csv.DictReader(p.open(encoding="utf-8"))) for p in source.glob("*.csv")}
    headers = {p.stem: next(csv.reader(p.open(encoding="utf-8"))) for p in source.glob("*.csv")}
    removed = {}
    for name, rows in tables.items():
        column = DATED.get(name)
        kept = [r for r in rows if not column or not r[column] or r[column] <= as_of]
        if name in REVERT:
            status, status_date, at_f = REVERT[name]
            for r in kept:
                if r[status_date] and r[status_date] > as_of:
                    r[status], r[status_date] = at_f, ""
        tables[name] = kept
        removed[name] = len(rows) - len(kept)
    # schedule lines exist from their key's date: drop those whose key is gone
    contracts = {r["contract_id"] for r in tables["contracts"]}
    subscriptions = {r["subscription_id"] for r in tables["subscriptions"]}
    lines = tables["payment_schedule"]
    tables["payment_schedule"] = [
        r
        for r in lines
        if (r["contract_id"] in contracts)
        or (not r["contract_id"] and r["subscription_id"] in subscriptions)
    ]
    removed["payment_schedule"] = len(lines) - len(tables["payment_schedule"])
    for name, rows in tables.items():
        with (target / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=headers[name])
            writer.writeheader()
            writer.writerows(rows)
    return removed


#: The forecast's lineage plus what the Cash forecast page reads: builds of only these keep
#: the two leak-test builds (shared with tests/dashboards/test_forecast_page.py) affordable.
SELECT = (
    "+fct_cash_forecast +fct_cash_forecast_lines +fct_forecast_backtest +fct_forecast_accuracy "
    "+int_forecast_line_weeks "
    "+dim_customer +dim_project +fct_cash_collected_monthly +fct_collections_monthly +fct_sales_monthly"
    # the overview, the app's landing page
    " +fct_ar_aging +fct_contracts +fct_overdue_items +fct_receipts +fct_sales_anomalies"
    " +fct_sales_daily +fct_subscriptions"
)


@pytest.fixture(scope="module")
def full(build_warehouse) -> Path:
    """The fixture as is (shared with tests/dashboards/test_forecast_page.py)."""
    return build_warehouse(LANDING, select=SELECT)


@pytest.fixture(scope="module")
def at_f(build_warehouse, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("forecast_at_f") / "landing"
    removed = truncate_landing(LANDING, folder, F)
    return build_warehouse(folder, as_of=F, select=SELECT), removed


WEEKLY = """
select horizon_week, week_start, week_end, project_id, payer, expected_amount, p10_amount,
       p90_amount, line_expected_amount, new_business_amount, line_count, std_dev_amount
from intermediate.int_forecast_weekly where forecast_as_of = ? order by all
"""
LINES = """
select horizon_week, schedule_id, project_id, payer, payment_probability, expected_amount,
       variance_amount2
from intermediate.int_forecast_line_weeks where forecast_as_of = ? order by all
"""
#: how each line was forecast: its curve, keys and position on the curve
STATES = """
select schedule_id, forecast_payer, curve, curve_level, key_1, key_2, key_3, position_days,
       position_survival, share, loan_milestone, loan_service, bank
from intermediate.int_forecast_line_states where forecast_as_of = ? order by all
"""
OPEN_LINES = """
select * exclude (forecast_as_of)
from intermediate.int_forecast_open_lines where forecast_as_of = ? order by all
"""


def test_forecast_at_a_month_end_ignores_every_later_row(full, at_f):
    warehouse_at_f, removed = at_f
    # the truncation did remove later business of every kind the forecast reads
    for table in ("receipts", "subscriptions", "contracts", "payment_schedule", "service_events"):
        assert removed[table] > 0, table
    f = date.fromisoformat(F)
    assert query(warehouse_at_f, "select as_of_date from intermediate.int_as_of_date") == [(f,)]
    weekly_full = query(full, WEEKLY, [f])
    weekly_at_f = query(warehouse_at_f, WEEKLY, [f])
    assert len(weekly_full) == 13 * 2  # one project, two payers
    assert sum(r[5] for r in weekly_full) > 0
    assert weekly_full == weekly_at_f
    lines_full = query(full, LINES, [f])
    assert len(lines_full) > 13
    assert lines_full == query(warehouse_at_f, LINES, [f])
    for sql in (STATES, OPEN_LINES):
        rows_full = query(full, sql, [f])
        assert len(rows_full) > 1
        assert rows_full == query(warehouse_at_f, sql, [f])
    # and the build as of F publishes exactly that forecast
    published = query(
        warehouse_at_f,
        "select horizon_week, week_start, week_end, project_id, payer, expected_amount, "
        "p10_amount, p90_amount, line_expected_amount, new_business_amount, line_count "
        "from marts.fct_cash_forecast order by all",
    )
    assert published == [r[:11] for r in weekly_full]


def test_published_forecast_is_13_monday_weeks_that_add_up(full):
    (d,) = query(full, "select as_of_date from intermediate.int_as_of_date")[0]
    assert d == date(2026, 10, 19)
    rows = query(
        full,
        "select forecast_as_of, horizon_week, week_start, week_end, expected_amount, "
        "line_expected_amount, new_business_amount, p10_amount, p90_amount "
        "from marts.fct_cash_forecast where payer = 'customer' order by horizon_week",
    )
    assert [r[1] for r in rows] == list(range(1, 14))
    assert all(r[0] == d for r in rows)
    # week 1 holds D + 1 (a Tuesday: the week began on Monday D); weeks follow each other
    assert rows[0][2] == date(2026, 10, 19) and rows[0][2].weekday() == 0
    for a, b in zip(rows, rows[1:], strict=False):
        assert b[2] == a[2] + timedelta(days=7) and a[3] == a[2] + timedelta(days=6)
    for r in rows:
        assert r[4] == r[5] + r[6] and r[7] <= r[4] <= r[8]
    # a line's expected amount is its outstanding x its chance, to the fen
    for outstanding, probability, expected in query(
        full,
        "select outstanding_amount, payment_probability, expected_amount "
        "from marts.fct_cash_forecast_lines",
    ):
        exact = Decimal(str(outstanding)) * Decimal(repr(probability))
        assert abs(exact - expected) <= Decimal("0.01")
        assert 0 < probability <= 1


def test_backtest_covers_12_month_ends_and_three_methods(full):
    origins = query(
        full,
        "select forecast_as_of, count(distinct method), max(week_end) "
        "from marts.fct_forecast_backtest group by 1 order by 1",
    )
    assert [o[0] for o in origins] == [
        date(2025, 10, 31), date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 31),
        date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31),
        date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30),
    ]  # fmt: skip
    assert all(o[1] == 3 for o in origins)
    assert all(o[2] <= date(2026, 10, 19) for o in origins)  # only weeks already over
    # the published forecast at a month end is the backtest's forecast row
    backtest = query(
        full,
        "select week_start, forecast_amount from marts.fct_forecast_backtest "
        "where forecast_as_of = ? and method = 'forecast' order by 1",
        [date.fromisoformat(F)],
    )
    weekly = dict(
        query(
            full,
            "select week_start, sum(expected_amount) from intermediate.int_forecast_weekly "
            "where forecast_as_of = ? group by 1",
            [date.fromisoformat(F)],
        )
    )
    assert backtest and all(weekly[w] == amount for w, amount in backtest)
    # WAPE = sum |error| / sum actual, recomputed from the rows
    for method, wape in query(
        full,
        "select method, wape from marts.fct_forecast_accuracy where summary_level = 'overall'",
    ):
        err, act = query(
            full,
            "select sum(abs(actual_amount - forecast_amount)), sum(actual_amount) "
            "from marts.fct_forecast_backtest where method = ?",
            [method],
        )[0]
        assert wape == (err / act).quantize(Decimal("0.0001"))


def test_trailing_baseline_is_the_last_13_weeks_per_day(full):
    """By hand from the CSV: receipts of (F - 91, F] / 91 x 7 for a whole week."""
    f = date.fromisoformat(F)
    total = sum(
        Decimal(r["amount"])
        for r in csv.DictReader((LANDING / "receipts.csv").open(encoding="utf-8"))
        if f - timedelta(days=91) < date.fromisoformat(r["receipt_date"]) <= f
    )
    (amount,) = query(
        full,
        "select forecast_amount from marts.fct_forecast_backtest where forecast_as_of = ? "
        "and method = 'trailing_13w_baseline' and horizon_week = 2",
        [f],
    )[0]
    assert amount == (total * 7 / 91).quantize(Decimal("0.01"))


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("forecast")
