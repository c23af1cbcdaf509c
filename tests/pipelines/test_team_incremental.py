"""A day of new receipts works out again the collection outcomes of the deals it touches only.

The team fixture (tests/fixtures/team, README) built without --as-of has D = 2024-06-27, its
latest receipt. Its three collection actions: K1 on C08 (promise kept, paid 06-05 and 06-08),
K2 and K3 on C07 (K3 broken; credited 150,000 on 06-18 and 100,000 on 06-27, so 250,000 within
30 days). A new file with 50,000 paid on C07 on 2024-06-29 moves D to 06-29 and credits K3,
the latest action on C07 by then, 17 days after it: 300,000 within 30 days, 150,000 within 7
as before. The actions on C07 are worked out again; K1's row is kept as published, and so
are the consultant months before June.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import duckdb
import pytest

from pipelines.build import build_warehouse as run_build
from tests.conftest import (
    FIXTURES,
    differing_tables,
    query,
    set_published_as_of,
    tables,
    warehouse_in,
)

LANDING = FIXTURES / "team" / "landing"
OUTCOMES = "intermediate.int_collection_action_outcomes"
MART = "marts.fct_collection_action_outcomes"
NEW_RECEIPT = (
    "receipt_id,contract_id,subscription_id,reservation_id,receipt_date,amount,item,method,voucher_no\n"
    "E99,C07,,,2024-06-29,50000.00,down_payment,bank_transfer,V99\n"
)
#: what this build worked out again, which a build from scratch leaves empty
REDONE = [
    "intermediate.int_receipt_events_changed: 1 rows only in a",
    "staging.stg_finance__receipts_changed: 1 rows only in a",
]
MARK = "#published"
MONTHLY = "intermediate.int_consultant_monthly"
FOLLOW_UP = "intermediate.int_customer_follow_up_monthly"
#: a consultant month's mark: its calls raised by this much (the view reads them, nothing else)
CALLS_MARK = 1_000_000
COHORT = "intermediate.int_consultant_cohort_customers"
TOUCHES = "intermediate.int_customer_follow_up_touches"
#: the per-customer tables' marks: a date moved DATE_MARK days on, past DATE_MARKED_AFTER.
#: A cohort customer's first_contact_date (the mart reads the cohort month, never the date),
#: so kept rows show it and the mart is untouched; a follow-up state's horizon_end_date,
#: which only lets customers lapsed for good into the state at D, where they count in no
#: figure and on no list
DATE_MARKED = {COHORT: "first_contact_date", TOUCHES: "horizon_end_date"}
DATE_MARK = 10_000
DATE_MARKED_AFTER = "2050-01-01"
#: the surviving customers of the team fixture received by 2024-05-31 (TK05 folded into TK01;
#: TK10, received 06-01, after)
RECEIVED_BY_MAY = {"TK01", "TK02", "TK03", "TK04", "TK06", "TK07", "TK08", "TK09", "TK11"}


def months_marked(warehouse) -> dict[str, tuple[int, int]]:
    """Per month: (rows marked, rows)."""
    return {
        month.isoformat(): (marked_rows, rows)
        for month, marked_rows, rows in query(
            warehouse,
            f"""select month, count(*) filter (where calls >= {CALLS_MARK}), count(*)
                from {MONTHLY} group by 1 order by 1""",
        )
    }


def marked(warehouse) -> dict[str, bool]:
    return {
        action: flag
        for action, flag in query(
            warehouse, f"select action_id, outcome like '%{MARK}' from {OUTCOMES} order by 1"
        )
    }


def customers_kept(warehouse, table: str) -> set[str]:
    """The customers of a per-customer table whose row is marked (kept as published)."""
    return {
        customer
        for (customer,) in query(
            warehouse,
            f"select customer_id from {table} where {DATE_MARKED[table]} > '{DATE_MARKED_AFTER}'",
        )
    }


def mark(warehouse) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update {OUTCOMES} set outcome = outcome || '{MARK}'")
        con.execute(f"update {MONTHLY} set calls = calls + {CALLS_MARK}")
        for table, column in DATE_MARKED.items():
            con.execute(f"update {table} set {column} = {column} + {DATE_MARK}")


def unmark(warehouse) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update {OUTCOMES} set outcome = replace(outcome, '{MARK}', '')")
        con.execute(
            f"update {MONTHLY} set calls = calls - {CALLS_MARK} where calls >= {CALLS_MARK}"
        )
        for table, column in DATE_MARKED.items():
            con.execute(
                f"update {table} set {column} = {column} - {DATE_MARK} "
                f"where {column} > '{DATE_MARKED_AFTER}'"
            )


def test_new_receipts_work_out_the_outcomes_of_their_deals_only(build_warehouse, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    published = build_warehouse(LANDING)
    warehouse = warehouse_in(tmp_path, "w")
    shutil.copyfile(published, warehouse)
    assert query(warehouse, "select as_of_date from intermediate.int_as_of_date") == [
        (dt.date(2024, 6, 27),)
    ]
    assert query(
        warehouse,
        f"select action_id, recovered_30d_amount, promise_status from {MART} order by 1",
    ) == [
        ("K1", Decimal("300000.00"), "kept"),
        ("K2", Decimal("0.00"), "none"),
        ("K3", Decimal("250000.00"), "broken"),
    ]
    months = months_marked(warehouse)
    assert "2024-06-01" in months and min(months) < "2024-06-01"
    mark(warehouse)
    # May's follow-up counts go, as if the last build had not made them: this build works
    # out May's month end again (the macro, for month ends not kept) besides D's snapshot
    # (read from int_customer_follow_up_at_as_of)
    with duckdb.connect(str(warehouse)) as con:
        may = f"from {FOLLOW_UP} where snapshot_month = '2024-05-01'"
        may_rows = con.execute(f"select * {may} order by all").fetchall()
        assert may_rows
        con.execute(f"delete {may}")
    (landing / "receipts_2024-06-29.csv").write_text(NEW_RECEIPT, encoding="utf-8")

    result = run_build(landing=landing, warehouse=warehouse)

    assert result.ok, result.message
    assert result.as_of_date == "2024-06-29"
    assert marked(warehouse) == {"K1": True, "K2": False, "K3": False}
    # no customer was received, contacted, subscribed or signed between 06-27 and 06-29
    assert customers_kept(warehouse, COHORT) == RECEIVED_BY_MAY | {"TK10"}
    assert customers_kept(warehouse, TOUCHES) == RECEIVED_BY_MAY | {"TK10"}
    assert (
        query(
            warehouse,
            f"select * from {FOLLOW_UP} where snapshot_month = '2024-05-01' order by all",
        )
        == may_rows
    )
    # the consultant months before D's month (June) kept, every row marked; June worked out
    assert months_marked(warehouse) == {
        month: (rows if month < "2024-06-01" else 0, rows) for month, (_, rows) in months.items()
    }
    assert query(
        warehouse,
        f"""select action_id, recovered_7d_amount, recovered_30d_amount, days_to_payment,
                   promise_status, as_of_date
            from {MART} order by 1""",
    ) == [
        ("K1", Decimal("300000.00"), Decimal("300000.00"), 4, "kept", dt.date(2024, 6, 29)),
        ("K2", Decimal("0.00"), Decimal("0.00"), None, "none", dt.date(2024, 6, 29)),
        ("K3", Decimal("150000.00"), Decimal("300000.00"), 6, "broken", dt.date(2024, 6, 29)),
    ]
    unmark(warehouse)
    full = warehouse_in(tmp_path, "full")
    assert run_build(landing=landing, warehouse=full).ok
    assert tables(warehouse) == tables(full)
    assert differing_tables(warehouse, full) == REDONE

    # the file goes again, and the last published D is set back to 2024-06-04 (as if the
    # build before had been then): C08's payments (06-05, 06-08) fall between the two D, so
    # K1 is worked out again as well; the warehouse is the first build's again
    (landing / "receipts_2024-06-29.csv").unlink()
    mark(warehouse)
    with duckdb.connect(str(warehouse)) as con:
        set_published_as_of(con, "2024-06-04")
    result = run_build(landing=landing, warehouse=warehouse)
    assert result.ok, result.message
    assert result.as_of_date == "2024-06-27"
    assert marked(warehouse) == {"K1": False, "K2": False, "K3": False}
    # between 06-04 and 06-27: TK03's follow-up call (06-25) and TK01's contract C01 (06-10)
    assert customers_kept(warehouse, COHORT) == (RECEIVED_BY_MAY | {"TK10"}) - {"TK01", "TK03"}
    # and the end of TK06's deal (C06 cancelled 06-20), which makes TK06 a prospect again
    assert customers_kept(warehouse, TOUCHES) == (RECEIVED_BY_MAY | {"TK10"}) - {"TK03", "TK06"}
    assert months_marked(warehouse) == {
        month: (rows if month < "2024-06-01" else 0, rows) for month, (_, rows) in months.items()
    }
    unmark(warehouse)
    assert tables(warehouse) == tables(published)
    assert differing_tables(warehouse, published) == REDONE

    # the file comes back, and the last published D is set to 2024-05-31, a month end, with
    # the monthly tables ending at May as that build's did: the follow-up row of D's month
    # (May) was May's month end, so this build keeps it (marked) and adds June from D's
    # snapshot alone; the consultant months work out May again (it held D's overdue cases)
    (landing / "receipts_2024-06-29.csv").write_text(NEW_RECEIPT, encoding="utf-8")
    mark(warehouse)
    may = "snapshot_month = '2024-05-01'"
    with duckdb.connect(str(warehouse)) as con:
        set_published_as_of(con, "2024-05-31")
        con.execute(f"delete from {FOLLOW_UP} where snapshot_month > '2024-05-01'")
        con.execute(f"delete from {MONTHLY} where month > '2024-05-01'")
        con.execute(
            f"update {FOLLOW_UP} set prospects_at_month_end = prospects_at_month_end + "
            f"{CALLS_MARK} where {may}"
        )
        may_rows = con.execute(f"select count(*) from {FOLLOW_UP} where {may}").fetchone()[0]
    assert may_rows > 0
    result = run_build(landing=landing, warehouse=warehouse)
    assert result.ok, result.message
    assert result.as_of_date == "2024-06-29"
    assert query(
        warehouse,
        f"select count(*) from {FOLLOW_UP} where {may} and prospects_at_month_end >= {CALLS_MARK}",
    ) == [(may_rows,)]
    assert months_marked(warehouse) == {
        month: (rows if month < "2024-05-01" else 0, rows) for month, (_, rows) in months.items()
    }
    # between 05-31 and 06-29 also TK10's first contact (a visit, 06-01) and C07 (TK07, 06-01);
    # TK10 was received after the published D, yet the table held it: the delete takes it
    assert customers_kept(warehouse, COHORT) == RECEIVED_BY_MAY - {"TK01", "TK03", "TK07"}
    assert customers_kept(warehouse, TOUCHES) == RECEIVED_BY_MAY - {"TK03", "TK06"}
    unmark(warehouse)
    # the consultants' May, worked out again, read the kept follow-up counts, marks and all
    may_marked = f"where month = '2024-05-01' and prospects_at_month_end >= {CALLS_MARK}"
    assert query(warehouse, f"select count(*) from {MONTHLY} {may_marked}") == [(may_rows,)]
    with duckdb.connect(str(warehouse)) as con:
        for table, where in ((FOLLOW_UP, f"where {may}"), (MONTHLY, may_marked)):
            con.execute(
                f"update {table} set prospects_at_month_end = prospects_at_month_end - "
                f"{CALLS_MARK} {where}"
            )
    assert tables(warehouse) == tables(full)
    assert differing_tables(warehouse, full) == REDONE


#: a customer received on 2024-06-26 with no contact logged: a first_contact_date alone
TK12 = "TK12,P1,吴芳,13500001212,510104199912121212,2024-06-26,安居客,G2\n"


# its own fixture landing (TK12 added): no build to share with the test above, so its own group
@pytest.mark.xdist_group("team_incremental_customers")
def test_customers_received_or_subscribed_since_the_published_d_are_worked_out(
    build_warehouse, tmp_path
):
    """The per-customer tables after a day of receipts, the published D set back to
    2024-05-20 (as if the build before had been then), on the team fixture with TK12 added.
    Between 05-20 and the new D (06-29), by what each customer's row is worked out again:
    - cohort: received TK10 (06-01) and TK12 (06-26, no contact logged: its first contact
      date alone); contacted TK01 (TK05's visit, 05-25, folded), TK03 (06-25), TK10;
      subscribed TK02 (S02, 05-21; its contacts are on or before 05-20); signed TK01 (C01,
      06-10) and TK07 (C07, 06-01);
    - follow-up state: received or contacted as above; deals starting or ending: TK02 (S02
      05-21, cancelled 05-28) and TK06 (C06 cancelled 06-20).
    The other customers keep their published rows; the tables then equal a build from
    scratch."""
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    with (landing / "customers.csv").open("a", encoding="utf-8") as f:
        f.write(TK12)
    published = build_warehouse(landing)
    warehouse = warehouse_in(tmp_path, "w")
    shutil.copyfile(published, warehouse)
    everyone = RECEIVED_BY_MAY | {"TK10", "TK12"}
    for table in (COHORT, TOUCHES):
        assert {c for (c,) in query(warehouse, f"select customer_id from {table}")} == everyone
    mark(warehouse)
    with duckdb.connect(str(warehouse)) as con:
        set_published_as_of(con, "2024-05-20")
    (landing / "receipts_2024-06-29.csv").write_text(NEW_RECEIPT, encoding="utf-8")

    result = run_build(landing=landing, warehouse=warehouse)

    assert result.ok, result.message
    assert result.as_of_date == "2024-06-29"
    assert customers_kept(warehouse, COHORT) == {"TK04", "TK06", "TK08", "TK09", "TK11"}
    assert customers_kept(warehouse, TOUCHES) == {"TK04", "TK07", "TK08", "TK09", "TK11"}
    unmark(warehouse)
    full = warehouse_in(tmp_path, "full")
    assert run_build(landing=landing, warehouse=full).ok
    assert tables(warehouse) == tables(full)
    assert differing_tables(warehouse, full) == REDONE


# the builds of the first test run on one xdist worker
pytestmark = pytest.mark.xdist_group("team_incremental")
