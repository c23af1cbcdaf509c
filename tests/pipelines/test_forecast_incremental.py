"""A day of new receipts works out the forecast at the new D only; the backtest origins keep
their rows, and the warehouse equals a from-scratch build.

The forecast fixture (tests/fixtures/forecast/landing) has D = 2026-10-19, its latest
receipt, and 12 backtest origins, the month ends 2025-10-31 .. 2026-09-30. A new file of two
receipts dated 2026-10-20 and 2026-10-21 moves D to 2026-10-21 and touches no date before
2026-10-20: every month end keeps its rows, the old D (no longer an origin) loses them.
The same build keeps the D-free *_all_dates tables, and the follow-up counts of the months
before D's month; the FIFO segments of lines and of contracts are worked out again for the
two deals paid only, which int_receipt_events_changed lists (the one table that differs from
a build from scratch, where it is empty). The after-sales states keep every contract but the
one with a milestone on 2026-10-21. Taking the file away again (D back to 2026-10-19) gives
the first build's warehouse.

The line history and loan services at the new D carry the published D's rows forward for
the deals and contracts with nothing dated between the two D (marks show which rows were
carried); bringing the file back carries 2026-10-19, no month end, forward and drops it; and
a deal whose cancellation falls between two D is worked out, not carried forward live.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.build import build_warehouse as run_build
from pipelines.dbt_state import Plan, forecast_kept_before, receipt_files_changed
from tests.conftest import (
    FIXTURES,
    comment_of,
    differing_tables,
    query,
    set_published_as_of,
    tables,
    warehouse_in,
)

LANDING = FIXTURES / "forecast" / "landing"
NEW_RECEIPTS = (
    "receipt_id,contract_id,subscription_id,reservation_id,receipt_date,amount,item,method,voucher_no\n"
    "P001-SK9000001,P001-HT000042,,,2026-10-20,5000.00,instalment,bank_transfer,PJ0019000001\n"
    "P001-SK9000002,P001-HT000052,,,2026-10-21,3000.00,down_payment,pos,PJ0019000002\n"
)
HISTORY = "intermediate.int_forecast_line_history"
SEGMENTS = "intermediate.int_line_balances_segmented_all_dates"
CONTRACT_SEGMENTS = "intermediate.int_contract_receivables_segmented_all_dates"
CHANGED = "intermediate.int_receipt_events_changed"
RECEIPTS = "staging.stg_finance__receipts"
RECEIPTS_CHANGED = "staging.stg_finance__receipts_changed"
RECEIPT_TABLES = (RECEIPTS, "marts.fct_receipts")
NEW_RECEIPT_IDS = [("P001-SK9000001",), ("P001-SK9000002",)]
#: the tables that differ from a build from scratch (where they are empty): what this build
#: worked out again
REDONE = [f"{CHANGED}: 2 rows only in a", f"{RECEIPTS_CHANGED}: 2 rows only in a"]
PAID_CONTRACTS = ("P001-HT000042", "P001-HT000052")
MONTHLY = "intermediate.int_customer_follow_up_monthly"
#: D-free tables that a day of receipts leaves as published (their views apply D)
ALL_DATES = [
    "intermediate.int_contacts_folded_all_dates",
    "intermediate.int_schedule_lines_versioned_all_dates",
    "intermediate.int_service_events_sequenced_all_dates",
]
MARK = "#published"
SERVICE_STATES = "intermediate.int_service_pipeline_states"
SETTLEMENTS = "intermediate.int_line_settlements"
RECEIVABLE = "intermediate.int_receivable_lines"
#: a receivable line's mark: C_i raised by this much (nothing downstream reads C_i)
RECEIVABLE_MARK = 10**12
EVENTS = "intermediate.int_receipt_events_accumulated_all_dates"


#: the published D the test sets in audit.builds before the first new build
SINCE = "2026-06-30"


def paid_moved_kept(
    warehouse: Path, table: str, paid: list[tuple[str]], also: str = ""
) -> tuple[list[str], dict[str, int]]:
    """Three deals of a table incremental by deal: the first deal the new receipts pay, the
    first other one with receipts after SINCE (between the two D once the published D is
    set back there) and the first with none (`also`: a further condition on these two);
    and each one's rows in the table."""
    deals = [paid[0][0]] + [
        query(
            warehouse,
            f"""select min(deal_id) from {table} where deal_id not in (?, ?) and deal_id
                {"in" if moved else "not in"} (select deal_id from {EVENTS}
                    where event_date > '{SINCE}')
                {also}""",
            [d for (d,) in paid],
        )[0][0]
        for moved in (True, False)
    ]
    assert deals[1] and deals[2]
    rows = dict(
        query(
            warehouse,
            f"select deal_id, count(*) from {table} where deal_id in (?, ?, ?) group by 1",
            deals,
        )
    )
    return deals, rows


def origins(warehouse: Path) -> list[str]:
    rows = query(
        warehouse, "select forecast_as_of from intermediate.int_forecast_origins order by 1"
    )
    return [d.isoformat() for (d,) in rows]


LOANS = "intermediate.int_forecast_loan_services"
KEYED = "intermediate.int_schedule_lines_keyed"
NEW_D = "2026-10-21"


def history_deals(
    warehouse: Path, source: str, paid: list[tuple[str]], with_moved: bool = True
) -> list[str]:
    """Deals with customer lines in the line history at `source` still in the learning
    window at NEW_D: the first deal the new receipts pay, the first other one with receipt
    events between the two dates (with_moved), and the first with nothing dated after
    `source` that a cut at D reads (no event, no line or deal start, no end)."""
    between = f"> '{source}'"
    started_or_ended = f"""and keyed.deal_id not in (
        select deal_id from {KEYED}
        where line_start_date {between} or deal_start_date {between} or deal_end_date {between})"""
    deals = [paid[0][0]]
    for moved in (True, False) if with_moved else (False,):
        deals.append(
            query(
                warehouse,
                f"""select min(keyed.deal_id) from {KEYED} as keyed
                    inner join {HISTORY} as history on history.schedule_id = keyed.schedule_id
                    where history.forecast_as_of = '{source}'
                        and history.due_date > date '{NEW_D}' - 1095
                        and keyed.deal_id not in (?, ?)
                        and keyed.deal_id {"in" if moved else "not in"}
                            (select deal_id from {EVENTS} where event_date {between}
                                {f"and event_date <= '{NEW_D}'" if moved else ""})
                        {"" if moved else started_or_ended}""",
                [d for (d,) in paid],
            )[0][0]
        )
    assert all(deals)
    return deals


def mark_history(warehouse: Path, source: str, deals: list[str]) -> list[tuple]:
    """Mark the line history of `deals` at `source` in settled_date, which nothing
    downstream reads (1900-01-01 on every row, settled or not); returns each row's
    (settled_date, schedule_id) to put back."""
    lines = f"(select schedule_id from {KEYED} where deal_id in ({', '.join('?' * len(deals))}))"
    original = query(
        warehouse,
        f"""select settled_date, schedule_id from {HISTORY}
            where forecast_as_of = '{source}' and schedule_id in {lines}""",
        deals,
    )
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"""update {HISTORY} set settled_date = date '1900-01-01'
                where forecast_as_of = '{source}' and schedule_id in {lines}""",
            deals,
        )
    return original


def history_marks(warehouse: Path, deals: list[str]) -> dict[str, tuple[int, int]]:
    """Per deal, its rows in the line history at NEW_D: (marked, all)."""
    return {
        deal: (marked, rows)
        for deal, marked, rows in query(
            warehouse,
            f"""select keyed.deal_id, count(*) filter (where history.settled_date = '1900-01-01'),
                       count(*)
                from {HISTORY} as history
                inner join {KEYED} as keyed on history.schedule_id = keyed.schedule_id
                where history.forecast_as_of = '{NEW_D}' and keyed.deal_id in ({", ".join("?" * len(deals))})
                group by 1""",
            deals,
        )
    }


def mark_loans(warehouse: Path, source: str) -> tuple[str, list[tuple]] | None:
    """Give the loan services at `source` a row of a contract that does not exist, with no
    milestone date: no line joins it and it makes no observation, so nothing downstream sees
    it; it reaches NEW_D only if the rows at `source` are carried forward. And mark, in its
    bank, the first contract with a loan event between `source` and NEW_D (none: None); it
    is worked out again, so the mark must not reach NEW_D. Returns that contract and its
    (service, bank) rows to put back."""
    moved = query(
        warehouse,
        f"""select min(contract_id) from staging.stg_erp__service_events
            where service in ('mortgage', 'provident_fund')
                and event_date > '{source}' and event_date <= '{NEW_D}'""",
    )[0][0]
    banks = query(
        warehouse,
        f"select service, bank from {LOANS} where forecast_as_of = '{source}' and contract_id = ?",
        [moved],
    )
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"""insert into {LOANS} by name
                select date '{source}' as forecast_as_of, '{MARK}' as contract_id,
                    'mortgage' as service, 'unknown' as bank, 'docs_complete' as current_milestone"""
        )
        con.execute(
            f"update {LOANS} set bank = '{MARK}' where forecast_as_of = '{source}' and contract_id = ?",
            [moved],
        )
    return (moved, banks) if moved else None


def assert_carried(
    warehouse: Path, deals: list[str], loans: tuple[str, list[tuple]] | None
) -> None:
    """At NEW_D the last of `deals` kept every mark (carried forward), the others none (worked
    out again), and each has rows; the unseen loan row was carried forward, the marked
    contract with a loan event worked out again."""
    marks = history_marks(warehouse, deals)
    *worked_out, carried = deals
    for deal in worked_out:
        assert marks[deal][0] == 0 and marks[deal][1] > 0, deal
    assert marks[carried][0] == marks[carried][1] > 0
    assert query(
        warehouse,
        f"select count(*) from {LOANS} where contract_id = '{MARK}' and forecast_as_of = '{NEW_D}'",
    ) == [(1,)]
    if loans:
        ((marked, rows),) = query(
            warehouse,
            f"""select count(*) filter (where bank = '{MARK}'), count(*) from {LOANS}
                where forecast_as_of = '{NEW_D}' and contract_id = ?""",
            [loans[0]],
        )
        assert marked == 0 and rows >= max(len(loans[1]), 1)


def unmark(
    con: duckdb.DuckDBPyConnection,
    original: list[tuple],
    loans: tuple[str, list[tuple]] | None,
    source: str,
) -> None:
    """Put the line history's settled dates back at `source` and on the rows carried from
    there to NEW_D, and the marked loan's banks at `source`; take the unseen loan rows out."""
    if loans and loans[1]:
        con.executemany(
            f"""update {LOANS} set bank = ?
                where forecast_as_of = '{source}' and contract_id = ? and service = ?""",
            [[bank, loans[0], service] for service, bank in loans[1]],
        )
    con.executemany(
        f"""update {HISTORY} set settled_date = ?
            where forecast_as_of = ? and schedule_id = ? and settled_date = '1900-01-01'""",
        [[settled, date, schedule] for settled, schedule in original for date in (source, NEW_D)],
    )
    con.execute(f"delete from {LOANS} where contract_id = '{MARK}'")


def test_new_receipts_work_out_the_new_d_only_and_equal_a_full_build(
    build_warehouse, tmp_path, capsys
):
    landing = tmp_path / "landing"
    shutil.copytree(LANDING, landing)
    warehouse = warehouse_in(tmp_path, "w")
    shutil.copyfile(build_warehouse(LANDING), warehouse)
    month_ends = [m for m in origins(warehouse) if m != "2026-10-19"]
    assert len(month_ends) == 12
    assert (month_ends[0], month_ends[-1]) == ("2025-10-31", "2026-09-30")

    # mark the published rows of two origins in a column nothing downstream reads: a kept
    # origin keeps the mark, one worked out again (or dropped) does not
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"""update {HISTORY} set schedule_id = schedule_id || '{MARK}'
                where forecast_as_of in ('2026-09-30', '2026-10-19')"""
        )
        per_origin = dict(
            con.execute(
                f"""select cast(forecast_as_of as varchar), count(*) from {HISTORY}
                    where schedule_id like '%{MARK}' group by 1"""
            ).fetchall()
        )
    assert per_origin["2026-09-30"] > 0 and per_origin["2026-10-19"] > 0
    # the tables not cut at D are kept too: their views cut them at the new D
    with duckdb.connect(str(warehouse)) as con:
        for table in ALL_DATES:
            con.execute(f"comment on table {table} is 'published'")
        # the follow-up counts keep the months before D's month (2026-10): a marker row in
        # each of the last three months, counting nobody (such a group is never built, and
        # nothing downstream reads it)
        assert con.execute(
            f"select count(*) from {MONTHLY} where snapshot_month between '2026-08-01' and '2026-10-01'"
        ).fetchone()[0]
        con.execute(
            f"""insert into {MONTHLY} (consultant_id, project_id, snapshot_month,
                    prospects_at_month_end, neglected_customers_at_month_end)
                values ('{MARK}', '{MARK}', '2026-08-01', 0, 0), ('{MARK}', '{MARK}', '2026-09-01', 0, 0),
                       ('{MARK}', '{MARK}', '2026-10-01', 0, 0)"""
        )
    # mark the customer's segments of a deal the new receipts pay and of one they do not, in
    # a column nothing downstream reads (minus 100 years): a deal and payer worked out again
    # loses the mark
    paid = query(
        warehouse,
        "select deal_id from intermediate.int_deals_joined where contract_id in (?, ?) order by 1",
        list(PAID_CONTRACTS),
    )
    assert len(paid) == 2
    unpaid = query(
        warehouse,
        f"""select deal_id, count(*) from {SEGMENTS}
            where payer = 'customer' and deal_id not in (?, ?)
            group by 1 order by 2 desc, 1 limit 1""",
        [d for (d,) in paid],
    )[0]
    marked = [paid[0][0], unpaid[0]]
    # the contract segments of the same two deals: every column is read downstream, so the
    # mark is a row of its own, starting in 2100 (after any D: the view leaves it out)
    contract_rows = dict(
        query(
            warehouse,
            f"select deal_id, count(*) from {CONTRACT_SEGMENTS} where deal_id in (?, ?) group by 1",
            marked,
        )
    )
    assert contract_rows[marked[0]] > 0 and contract_rows[marked[1]] > 0
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"update {SEGMENTS} set regime_start_date = regime_start_date - 36500 "
            "where payer = 'customer' and deal_id in (?, ?)",
            marked,
        )
        con.execute(
            f"""insert into {CONTRACT_SEGMENTS}
                select deal_id, any_value(project_id), date '2100-01-01', null, 1.00
                from {CONTRACT_SEGMENTS} where deal_id in (?, ?) group by deal_id""",
            marked,
        )
    assert query(warehouse, f"select count(*) from {CHANGED}") == [(0,)]
    # the staging and mart rows of a receipt the new file does not hold, marked in their
    # voucher number (which the mart alone reads, and nothing downstream of it): kept as
    # published, so they keep the mark
    kept_receipt = query(warehouse, f"select min(receipt_id) from {RECEIPTS}")[0][0]
    with duckdb.connect(str(warehouse)) as con:
        for table in RECEIPT_TABLES:
            con.execute(
                f"update {table} set voucher_no = '{MARK}' where receipt_id = ?", [kept_receipt]
            )
    # the after-sales states of the contract with a milestone on 2026-10-21 (between the old
    # D and the new one) and of one without any since 2026-06-30 (the published D set below),
    # marked in their bank: the first is worked out again, the second kept (a contract without
    # a loan, whose bank fct_mortgage_pipeline would copy)
    moved = query(
        warehouse,
        f"""select distinct contract_id from {SERVICE_STATES} where contract_id in (
                select contract_id from intermediate.int_service_events_sequenced_all_dates
                where event_date = '2026-10-21')""",
    )
    assert len(moved) == 1
    still = query(
        warehouse,
        f"""select min(contract_id) from {SERVICE_STATES} where contract_id not in (
                select contract_id from intermediate.int_service_events_sequenced_all_dates
                where event_date > '{SINCE}')
                and contract_id not in (
                    select contract_id from {SERVICE_STATES}
                    where service in ('mortgage', 'provident_fund'))""",
    )[0]
    service_marked = [moved[0][0], still[0]]
    banks = query(
        warehouse,
        f"select contract_id, service, bank from {SERVICE_STATES} where contract_id = ?",
        [still[0]],
    )
    # stored states that no longer hold at the new D, as if the contract had changed: one
    # with another consultant, and one of a contract that is not live; both are dropped and
    # the first worked out again
    altered = query(
        warehouse,
        f"""select max(contract_id) from {SERVICE_STATES} where contract_id not in (
                select contract_id from intermediate.int_service_events_sequenced_all_dates
                where event_date between '2026-10-20' and '2026-10-21')""",
    )[0][0]
    assert altered != still[0]
    altered_rows = query(
        warehouse, f"select * from {SERVICE_STATES} where contract_id = ? order by all", [altered]
    )
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"update {SERVICE_STATES} set bank = '{MARK}' where contract_id in (?, ?)",
            service_marked,
        )
        con.execute(
            f"update {SERVICE_STATES} set consultant_id = '{MARK}' where contract_id = ?", [altered]
        )
        con.execute(
            f"""insert into {SERVICE_STATES} select * replace ('{MARK}' as contract_id)
                from {SERVICE_STATES} where contract_id = ?""",
            [still[0]],
        )
    # the settled lines of three deals, marked in their item: a deal the new receipts pay,
    # one with receipts (as if) dated between the old D and the new one, and one with
    # neither; only the last is kept. The old D is the last published build's: set back to
    # 2026-06-30, deals with receipts since then fall between the two dates
    settled_deals, settled_rows = paid_moved_kept(warehouse, SETTLEMENTS, paid)
    # the line history and loan services at the new D are carried forward from the published
    # D (set back to SINCE below, a month end, so still an origin): mark SINCE's history of a
    # paid deal, of one with receipts since SINCE and of one with nothing dated since, and
    # give SINCE a loan row nothing downstream sees; only the last deal and the loan row
    # carry their marks to the new D
    carried_deals = history_deals(warehouse, SINCE, paid)
    history_original = mark_history(warehouse, SINCE, carried_deals)
    loans = mark_loans(warehouse, SINCE)
    assert loans
    # the receivable lines of the same kinds of deal, marked in C_i; and a deal that ended
    # before D with nothing dated between the two D, given a line as if it had been live at
    # the published D: the pre-hook must drop it (a build from scratch has none)
    since = f"'{SINCE}'"
    receivable_deals, receivable_rows = paid_moved_kept(
        warehouse,
        RECEIVABLE,
        paid,
        also=f"""and deal_id not in (select deal_id from intermediate.int_schedule_lines_keyed
                    where line_start_date > {since} or deal_start_date > {since})""",
    )
    assert len(receivable_rows) == 3
    ended = query(
        warehouse,
        f"""select min(deal_id) from intermediate.int_schedule_lines_keyed
            where deal_end_date <= '2026-10-19'
            and deal_id not in (select deal_id from intermediate.int_schedule_lines_keyed
                where line_start_date > {since} or deal_start_date > {since})
            and deal_id not in (select deal_id from {EVENTS} where event_date > {since})""",
    )[0][0]
    assert ended
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"update {SETTLEMENTS} set item = item || '{MARK}' where deal_id in (?, ?, ?)",
            settled_deals,
        )
        con.execute(
            f"""update {RECEIVABLE} set cumulative_due_amount = cumulative_due_amount + {RECEIVABLE_MARK}
                where deal_id in (?, ?, ?)""",
            receivable_deals,
        )
        con.execute(
            f"""insert into {RECEIVABLE} by name
                select '{MARK}' as schedule_id, ? as deal_id, 'customer' as payer, 'deposit' as item,
                    date '2026-01-01' as due_date, 1.00 as amount_due, 1.00 as outstanding_amount,
                    1.00 as cumulative_due_amount, 0.00 as net_receipts_amount""",
            [ended],
        )
        set_published_as_of(con, SINCE)
    (landing / "receipts_2026-10-21.csv").write_text(NEW_RECEIPTS, encoding="utf-8")

    capsys.readouterr()
    result = run_build(landing=landing, warehouse=warehouse, progress=True)

    assert result.ok, result.message
    assert result.as_of_date == "2026-10-21"
    assert "dbt: forecast origins before 2026-10-20 keep their rows" in capsys.readouterr().err
    assert origins(warehouse) == [*month_ends, "2026-10-21"]
    assert_carried(warehouse, carried_deals, loans)
    # 2026-09-30 was kept: every one of its rows still marked; the old D is gone; the new D
    # was worked out (no mark)
    counts = query(
        warehouse,
        f"""select cast(forecast_as_of as varchar), count(*) filter (where schedule_id like '%{MARK}'),
                   count(*)
            from {HISTORY} where forecast_as_of in ('2026-09-30', '2026-10-19', '2026-10-21')
            group by 1 order by 1""",
    )
    assert [row[:2] for row in counts] == [
        ("2026-09-30", per_origin["2026-09-30"]),
        ("2026-10-21", 0),
    ]
    assert counts[0][2] == per_origin["2026-09-30"] and counts[1][2] > 0
    for table in ALL_DATES:
        assert comment_of(warehouse, *table.split(".")) == "published", table
    # the months before D's month were kept, D's month worked out again
    assert query(
        warehouse,
        f"select cast(snapshot_month as varchar) from {MONTHLY} where consultant_id = '{MARK}' order by 1",
    ) == [("2026-08-01",), ("2026-09-01",)]
    # the versions of lines open at the old D now run to the new D + 1 (2026-10-22)
    assert query(
        warehouse, "select max(valid_to) from intermediate.int_schedule_lines_versioned"
    ) == [(dt.date(2026, 10, 22),)]

    # the paid deal's segments were worked out again (no mark); the other deal's were kept,
    # every row still marked
    after = {
        deal: (marked_rows, rows)
        for deal, marked_rows, rows in query(
            warehouse,
            f"""select deal_id, count(*) filter (where regime_start_date < '1950-01-01'), count(*)
                from {SEGMENTS} where payer = 'customer' and deal_id in (?, ?) group by 1""",
            marked,
        )
    }
    assert after[unpaid[0]] == (unpaid[1], unpaid[1])
    assert after[marked[0]][0] == 0 and after[marked[0]][1] > 0
    contract_after = {
        deal: (marked_rows, rows)
        for deal, marked_rows, rows in query(
            warehouse,
            f"""select deal_id, count(*) filter (where segment_start_date = '2100-01-01'), count(*)
                from {CONTRACT_SEGMENTS} where deal_id in (?, ?) group by 1""",
            marked,
        )
    }
    assert contract_after[unpaid[0]] == (1, contract_rows[unpaid[0]] + 1)
    assert contract_after[marked[0]][0] == 0 and contract_after[marked[0]][1] > 0
    # the changed deals and payers: the two paid deals' customer (both receipts are theirs)
    assert query(warehouse, f"select deal_id, payer from {CHANGED} order by 1") == [
        (deal, "customer") for (deal,) in paid
    ]
    # the receipts worked out again: the new file's; every other staging row kept
    assert (
        query(warehouse, f"select receipt_id from {RECEIPTS_CHANGED} order by 1") == NEW_RECEIPT_IDS
    )
    for table in RECEIPT_TABLES:
        assert query(
            warehouse, f"select voucher_no from {table} where receipt_id = ?", [kept_receipt]
        ) == [(MARK,)], table
        assert query(
            warehouse, f"select count(*) from {table} where receipt_id like 'P001-SK9%'"
        ) == [(2,)], table

    # the contract with the new milestone was worked out again (no mark, now at that
    # milestone); the other kept, every row still marked
    service_after = {
        contract: rest
        for contract, *rest in query(
            warehouse,
            f"""select contract_id, count(*) filter (where bank = '{MARK}'), count(*),
                       max(current_milestone_date)
                from {SERVICE_STATES} where contract_id in (?, ?) group by 1""",
            service_marked,
        )
    }
    assert service_after[moved[0][0]][0] == 0
    assert service_after[moved[0][0]][2] == dt.date(2026, 10, 21)
    assert service_after[still[0]][:2] == [len(banks), len(banks)]
    assert (
        query(
            warehouse,
            f"select * from {SERVICE_STATES} where contract_id = ? order by all",
            [altered],
        )
        == altered_rows
    )
    assert query(
        warehouse, f"select count(*) from {SERVICE_STATES} where contract_id = '{MARK}'"
    ) == [(0,)]

    assert dict(
        query(
            warehouse,
            f"""select deal_id, count(*) filter (where item like '%{MARK}') from {SETTLEMENTS}
                    where deal_id in (?, ?, ?) group by 1""",
            settled_deals,
        )
    ) == {
        settled_deals[0]: 0,
        settled_deals[1]: 0,
        settled_deals[2]: settled_rows[settled_deals[2]],
    }

    # the same for the receivable lines; the ended deal's line is gone
    assert dict(
        query(
            warehouse,
            f"""select deal_id, count(*) filter (where cumulative_due_amount >= {RECEIVABLE_MARK})
                from {RECEIVABLE} where deal_id in (?, ?, ?, ?) group by 1""",
            [*receivable_deals, ended],
        )
    ) == {
        receivable_deals[0]: 0,
        receivable_deals[1]: 0,
        receivable_deals[2]: receivable_rows[receivable_deals[2]],
    }

    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update {SETTLEMENTS} set item = replace(item, '{MARK}', '')")
        con.execute(
            f"""update {RECEIVABLE} set cumulative_due_amount = cumulative_due_amount - {RECEIVABLE_MARK}
                where cumulative_due_amount >= {RECEIVABLE_MARK}"""
        )
        con.executemany(
            f"update {SERVICE_STATES} set bank = ? where contract_id = ? and service = ?",
            [[bank, contract, service] for contract, service, bank in banks],
        )
        original = query(
            build_warehouse(LANDING),
            f"select voucher_no from {RECEIPTS} where receipt_id = ?",
            [kept_receipt],
        )[0][0]
        for table in RECEIPT_TABLES:
            con.execute(
                f"update {table} set voucher_no = ? where receipt_id = ?", [original, kept_receipt]
            )
        con.execute(f"update {HISTORY} set schedule_id = replace(schedule_id, '{MARK}', '')")
        con.execute(f"delete from {MONTHLY} where consultant_id = '{MARK}'")
        con.execute(
            f"update {SEGMENTS} set regime_start_date = regime_start_date + 36500 "
            "where regime_start_date < '1950-01-01'"
        )
        con.execute(f"delete from {CONTRACT_SEGMENTS} where segment_start_date = '2100-01-01'")
        unmark(con, history_original, loans, SINCE)
    full = warehouse_in(tmp_path, "full")
    assert run_build(landing=landing, warehouse=full).ok
    assert tables(warehouse) == tables(full)
    # the differences: which deals and payers, and which receipts, this build worked out again
    assert differing_tables(warehouse, full) == REDONE

    # the file goes again: D is back at 2026-10-19, the two deals' receipts of it are gone,
    # and the warehouse is the first build's again (its side tables dropped)
    (landing / "receipts_2026-10-21.csv").unlink()
    # no receipt is dated between the two D now: the paid deal's settled lines are worked out
    # again because its events changed (they are marked), and the other deals' are kept
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"update {SETTLEMENTS} set item = item || '{MARK}' where deal_id in (?, ?)",
            settled_deals[::2],
        )
    result = run_build(landing=landing, warehouse=warehouse)
    assert result.ok, result.message
    assert result.as_of_date == "2026-10-19"
    assert dict(
        query(
            warehouse,
            f"""select deal_id, count(*) filter (where item like '%{MARK}') from {SETTLEMENTS}
                where deal_id in (?, ?) group by 1""",
            settled_deals[::2],
        )
    ) == {settled_deals[0]: 0, settled_deals[2]: settled_rows[settled_deals[2]]}
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update {SETTLEMENTS} set item = replace(item, '{MARK}', '')")
    assert tables(warehouse) == tables(build_warehouse(LANDING))
    assert differing_tables(warehouse, build_warehouse(LANDING)) == REDONE
    assert query(warehouse, f"select deal_id, payer from {CHANGED} order by 1") == [
        (deal, "customer") for (deal,) in paid
    ]
    # the receipts of the file that went: their staging rows went with it
    assert (
        query(warehouse, f"select receipt_id from {RECEIPTS_CHANGED} order by 1") == NEW_RECEIPT_IDS
    )

    # the file comes back: D moves from 2026-10-19, the published D and no month end, to
    # NEW_D again. The line history and loan services carry 2026-10-19's rows forward (the
    # paid deal's worked out again) and then drop them; the warehouse is the second build's
    old_d = "2026-10-19"
    carried_deals = history_deals(warehouse, old_d, paid, with_moved=False)
    history_original = mark_history(warehouse, old_d, carried_deals)
    loans = mark_loans(warehouse, old_d)
    (landing / "receipts_2026-10-21.csv").write_text(NEW_RECEIPTS, encoding="utf-8")
    result = run_build(landing=landing, warehouse=warehouse)
    assert result.ok, result.message
    assert result.as_of_date == NEW_D
    assert_carried(warehouse, carried_deals, loans)
    for table in (HISTORY, LOANS):
        assert query(
            warehouse, f"select count(*) from {table} where forecast_as_of = '{old_d}'"
        ) == [(0,)], table
    with duckdb.connect(str(warehouse)) as con:
        unmark(con, history_original, loans, old_d)
    assert tables(warehouse) == tables(full)
    assert differing_tables(warehouse, full) == REDONE

    # a deal whose cancellation takes effect between two D with nothing else dated between
    # them: its lines are worked out at the new D, no longer live, not carried forward live.
    # The fixture has none, so the contracts export gains one, cancelled as of 2026-10-22
    # (exported ahead of that date) and built; then a receipt of another deal dated
    # 2026-10-22 moves D there, a receipts-only build that carries 2026-10-21 forward
    ending = history_deals(warehouse, NEW_D, paid, with_moved=False)[-1]
    contracts = (landing / "contracts.csv").read_text(encoding="utf-8").splitlines()
    header = contracts[0].split(",")
    (row,) = [i for i, line in enumerate(contracts) if line.startswith(ending + ",")]
    fields = contracts[row].split(",")
    fields[header.index("status")] = "cancelled"
    fields[header.index("cancel_date")] = "2026-10-22"
    contracts[row] = ",".join(fields)
    (landing / "contracts.csv").write_text("\n".join(contracts) + "\n", encoding="utf-8")
    result = run_build(landing=landing, warehouse=warehouse)
    assert result.ok, result.message
    assert result.as_of_date == NEW_D
    live_at = f"""select bool_and(history.is_deal_live), count(*) from {HISTORY} as history
        inner join {KEYED} as keyed on history.schedule_id = keyed.schedule_id
        where keyed.deal_id = ? and history.forecast_as_of = ?"""
    assert query(warehouse, live_at, [ending, NEW_D])[0][0] is True
    (landing / "receipts_2026-10-22.csv").write_text(
        NEW_RECEIPTS.splitlines()[0]
        + "\nP001-SK9000003,P001-HT000052,,,2026-10-22,1000.00,down_payment,pos,PJ0019000003\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    result = run_build(landing=landing, warehouse=warehouse, progress=True)
    assert result.ok, result.message
    assert result.as_of_date == "2026-10-22"
    assert "dbt: forecast origins before 2026-10-22 keep their rows" in capsys.readouterr().err
    not_live, rows = query(warehouse, live_at, [ending, "2026-10-22"])[0]
    assert not_live is False and rows > 0
    assert query(
        warehouse,
        f"select count(*) from {HISTORY} where forecast_as_of = '2026-10-22' and is_deal_live",
    ) != [(0,)]


# --- the date before which origins keep their rows, on a raw.receipts table alone ---------

FILE_A = ["receipts.csv", "a" * 64, "3", "2026-10-01 00:00:00", "2026-10-02 00:00:00"]
FILE_B = ["receipts_2026-10-21.csv", "b" * 64, "2", "2026-10-21 00:00:00", "2026-10-22 00:00:00"]


@pytest.fixture
def receipts() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(
        "create table raw.receipts (receipt_id varchar, receipt_date date, _file_name varchar)"
    )
    con.execute(
        """insert into raw.receipts values
           ('R1', '2026-08-05', 'receipts.csv'), ('R2', '2026-09-10', 'receipts.csv'),
           ('R3', '2026-10-19', 'receipts.csv'),
           ('R4', '2026-10-20', 'receipts_2026-10-21.csv'),
           ('R5', '2026-10-21', 'receipts_2026-10-21.csv')"""
    )
    return con


def state(*files: list[str]) -> dict[str, str]:
    return {"files:raw.receipts": json.dumps(list(files))}


RECEIPTS_ONLY = Plan(False, "changed: raw.receipts", ("raw.receipts",))


def test_kept_before_is_the_earliest_date_of_the_new_files(receipts):
    assert forecast_kept_before(
        receipts, RECEIPTS_ONLY, state(FILE_A), state(FILE_A, FILE_B)
    ) == dt.date(2026, 10, 20)


def test_a_receipt_issued_again_counts_its_older_date(receipts):
    # R2 (2026-09-10 in the old file) comes again in the new file, dated 2026-10-21: the
    # forecast at 2026-09-30 loses it, so that origin is worked out again
    receipts.execute(
        "insert into raw.receipts values ('R2', '2026-10-21', 'receipts_2026-10-21.csv')"
    )
    assert forecast_kept_before(
        receipts, RECEIPTS_ONLY, state(FILE_A), state(FILE_A, FILE_B)
    ) == dt.date(2026, 9, 10)


def test_a_new_receipt_without_a_date_keeps_nothing(receipts):
    receipts.execute("insert into raw.receipts values ('R6', null, 'receipts_2026-10-21.csv')")
    assert (
        forecast_kept_before(receipts, RECEIPTS_ONLY, state(FILE_A), state(FILE_A, FILE_B)) is None
    )


@pytest.mark.parametrize(
    ("decided", "stored", "current"),
    [
        # a changed file (same name, new content): its old rows' dates are gone
        (RECEIPTS_ONLY, state(FILE_A), state([*FILE_A[:1], "c" * 64, *FILE_A[2:]], FILE_B)),
        # a file left the folder
        (RECEIPTS_ONLY, state(FILE_A, FILE_B), state(FILE_B)),
        # another raw table changed too
        (Plan(False, "", ("raw.contracts", "raw.receipts")), state(FILE_A), state(FILE_A, FILE_B)),
        # a full build
        (Plan(True, "a full rebuild was asked for"), state(FILE_A), state(FILE_A, FILE_B)),
        # a state written before the file list was kept
        (RECEIPTS_ONLY, {}, state(FILE_A, FILE_B)),
    ],
    ids=["changed-file", "removed-file", "other-table", "full", "no-file-list"],
)
def test_anything_but_new_receipt_files_keeps_nothing(receipts, decided, stored, current):
    assert forecast_kept_before(receipts, decided, stored, current) is None


# --- the receipt files whose receipts are worked out again -------------------------------

FILE_A2 = ["receipts.csv", "c" * 64, "3", "2026-10-01 00:00:00", "2026-10-02 00:00:00"]
FILE_A_TOUCHED = ["receipts.csv", "a" * 64, "3", "2026-10-05 00:00:00", "2026-10-02 00:00:00"]


@pytest.mark.parametrize(
    ("stored", "current", "expected"),
    [
        (state(FILE_A), state(FILE_A, FILE_B), ["receipts_2026-10-21.csv"]),  # a new file
        (state(FILE_A, FILE_B), state(FILE_B), ["receipts.csv"]),  # a file went
        (state(FILE_A, FILE_B), state(FILE_A2, FILE_B), ["receipts.csv"]),  # new content
        # the same content, modified later: its rows may now win over other files' versions
        (state(FILE_A, FILE_B), state(FILE_A_TOUCHED, FILE_B), ["receipts.csv"]),
        (state(FILE_A), state(FILE_A2, FILE_B), ["receipts.csv", "receipts_2026-10-21.csv"]),
        (state(FILE_A), state(FILE_A), []),
    ],
    ids=["new", "gone", "changed", "touched", "changed-and-new", "none"],
)
def test_receipt_files_changed_are_those_that_came_went_or_changed(stored, current, expected):
    assert receipt_files_changed(RECEIPTS_ONLY, stored, current) == expected


@pytest.mark.parametrize(
    ("decided", "stored"),
    [
        (Plan(False, "", ("raw.contracts", "raw.receipts")), state(FILE_A)),
        (Plan(True, "a full rebuild was asked for"), state(FILE_A)),
        (RECEIPTS_ONLY, {}),
    ],
    ids=["other-table", "full", "no-file-list"],
)
def test_receipt_files_changed_unknown_works_out_every_receipt(decided, stored):
    assert receipt_files_changed(decided, stored, state(FILE_A, FILE_B)) is None


# its own group: its three builds of the whole fixture share nothing with the forecast tests
pytestmark = pytest.mark.xdist_group("forecast_incremental")
