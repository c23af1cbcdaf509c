"""Receivables core against a hand-written fixture whose figures are worked out here.

Fixture (tests/fixtures/receivables/landing), project P1, as-of D = 2024-06-30:

- Deal C1 (subscription S1 -> contract C1, 1,000,000, mortgage 600,000): deposit Y1 50,000
  due 01-05 (exported under S1, so from 01-05), down payment Y2 350,000 due 02-20, the
  bank's loan Y3 600,000 due 04-30. Customer paid 50,000 (01-05, under S1) + 200,000
  (02-20) + 100,000 (05-10) = 350,000; 50,000 more on 07-05, after D.
  FIFO: Y1 (C 50,000) paid; Y2 (C 400,000) 50,000 open, 131 days -> 91-180.
  Bank: nothing paid, Y3 600,000 open, 61 days -> 61-90.
- Deal C2 (S2 -> C2, 500,000): Y4 20,000 due 03-01, Y5 230,000 due 04-10, Y6 250,000 due
  07-10. Paid 20,000 + 230,000 + 10,000 = 260,000: Y6 (C 500,000) 240,000 open, not due.
- Deal S3 (subscription only, 06-10): deposit Y7 30,000 due 06-10, 10,000 paid on 06-12:
  20,000 open, 20 days -> 1-30.
- Deal C4 (cancelled 2024-05-20): 300,000 paid and refunded on 05-25; not live at D.
- A 20,000 reservation fee (认筹金) on 01-02: cash, not a deal receipt.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, query

LANDING = FIXTURES / "receivables" / "landing"
D = "2024-06-30"


@pytest.fixture(scope="module")
def warehouse(build_warehouse) -> Path:
    return build_warehouse(LANDING, as_of=D)


def test_aging_at_d_matches_hand_computation(warehouse):
    rows = query(
        warehouse,
        "select payer, aging_bucket, outstanding_amount, line_count from marts.fct_ar_aging "
        "where project_id = 'P1' and outstanding_amount <> 0 order by payer, bucket_order",
    )
    assert rows == [
        ("bank", "61-90", Decimal("600000.00"), 1),
        ("customer", "not_due", Decimal("240000.00"), 1),
        ("customer", "1-30", Decimal("20000.00"), 1),
        ("customer", "91-180", Decimal("50000.00"), 1),
    ]


def test_receivable_lines_fifo(warehouse):
    rows = dict(
        (r[0], r[1:])
        for r in query(
            warehouse,
            "select schedule_id, deal_id, payer, outstanding_amount, days_past_due "
            "from marts.fct_receivable_lines",
        )
    )
    # C4 is cancelled (no Y8); every other positive line of a live deal is listed
    assert set(rows) == {"Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"}
    assert rows["Y1"] == ("C1", "customer", Decimal("0.00"), 177)  # keyed under S1, belongs to C1
    assert rows["Y2"] == ("C1", "customer", Decimal("50000.00"), 131)
    assert rows["Y3"] == ("C1", "bank", Decimal("600000.00"), 61)
    assert rows["Y6"] == ("C2", "customer", Decimal("240000.00"), -10)
    assert rows["Y7"] == ("S3", "customer", Decimal("20000.00"), 20)


def test_collection_rate_matches_hand_computation(warehouse):
    rows = {
        str(r[0]): r[1:]
        for r in query(
            warehouse,
            "select month, cash_collected, deal_collected, opening_overdue, due_in_month, "
            "collection_rate, collection_target_amount, plan_achievement "
            "from marts.fct_collections_monthly where project_id = 'P1'",
        )
    }
    # June, over C1, C2, S3 (live on 06-30): received 10,000 (C2) + 10,000 (S3);
    # overdue at 05-31 on lines due by then: C1's Y2 50,000 + Y3 600,000; due in June: Y7.
    cash, deal, opening, due, rate, target, achievement = rows["2024-06-01"]
    assert (cash, deal, opening, due) == (
        Decimal("20000.00"),
        Decimal("20000.00"),
        Decimal("650000.00"),
        Decimal("30000.00"),
    )
    assert rate == pytest.approx(20000 / 680000)
    assert target == Decimal("40000.00") and achievement == pytest.approx(0.5)
    # May, over C1 and C2 (C4 cancelled 05-20): C1 paid 100,000; overdue at 04-30:
    # Y2 150,000 (400,000 - 250,000) + Y3 600,000 (due that day); nothing due in May.
    # Cash collected counts C4's 300,000 refund: 100,000 - 300,000.
    cash, deal, opening, due, rate, target, achievement = rows["2024-05-01"]
    assert (cash, deal, opening, due) == (
        Decimal("-200000.00"),
        Decimal("100000.00"),
        Decimal("750000.00"),
        Decimal("0.00"),
    )
    assert rate == pytest.approx(100000 / 750000)
    # January: the reservation fee is cash collected, not a deal receipt
    assert rows["2024-01-01"][:2] == (Decimal("70000.00"), Decimal("50000.00"))


def test_cash_collected_equals_every_receipt_up_to_d(warehouse):
    (total,) = query(warehouse, "select sum(cash_collected) from marts.fct_collections_monthly")[0]
    # all receipts but SK11 (07-05): 20,000 + 50,000 + 200,000 + 300,000 + 20,000 + 230,000
    # + 100,000 - 300,000 + 10,000 + 10,000
    assert total == Decimal("640000.00")


def test_total_receivable_and_late_fees(warehouse):
    (total, not_due) = query(
        warehouse,
        "select total_receivable, not_due_receivable from marts.kpi_receivables_monthly "
        "where project_id = 'P1' and month_end = date '2024-06-30'",
    )[0]
    # C1: 1,000,000 - 350,000; C2: 500,000 - 260,000
    assert total == Decimal("890000.00")
    assert not_due == Decimal("240000.00")
    fees = dict(
        query(warehouse, "select schedule_id, late_fee_amount from marts.fct_late_fee_accruals")
    )
    # Y2: 150,000 overdue 02-21..05-09 (79 days) + 50,000 05-10..06-30 (52 days)
    #     = 14,450,000 yuan-days x 0.05% = 7,225.00
    # Y7: 30,000 on 06-11 + 20,000 06-12..06-30 (19 days) = 410,000 x 0.05% = 205.00
    # Y5: 230,000 due 04-10, paid 04-15 -> 4 days = 920,000 x 0.05% = 460.00
    # Y3 is the bank's and bears no late fee; C4 (Y8) is cancelled, its fee not carried.
    assert fees == {"Y2": Decimal("7225.00"), "Y5": Decimal("460.00"), "Y7": Decimal("205.00")}


def test_balances_per_customer_and_the_open_lines(warehouse):
    """The by-customer, credit and late-fee lists read one table each; figures by hand."""
    rows = query(
        warehouse,
        "select customer_id, project_id, customer_name, credit_grade, customer_project_count, "
        "deal_count, due_amount, net_receipts_amount, outstanding_amount, overdue_amount "
        "from marts.fct_customer_balances",
    )
    # stored in the list's order: overdue, then outstanding, descending. K1 = C1 with both
    # payers: due 50,000 + 350,000 + the bank's 600,000; paid 350,000; open Y2 50,000
    # (131 days) + Y3 600,000 (61 days), all overdue. K2 = C2: 240,000 open on Y6, not yet
    # due. K3 = S3: 20,000 open, 20 days. K4's C4 is cancelled: not listed.
    assert rows == [
        ("K1", "P1", "客户甲", "D", 1, 1, Decimal("1000000.00"), Decimal("350000.00"),
         Decimal("650000.00"), Decimal("650000.00")),
        ("K3", "P1", "客户丙", "B", 1, 1, Decimal("30000.00"), Decimal("10000.00"),
         Decimal("20000.00"), Decimal("20000.00")),
        ("K2", "P1", "客户乙", "A", 1, 1, Decimal("500000.00"), Decimal("260000.00"),
         Decimal("240000.00"), Decimal("0.00")),
    ]  # fmt: skip
    # grades: K1 (0 x 50,000 + 131 x 350,000) / 400,000 = 114.6 days -> D; K2 (0 x 20,000 +
    # 5 x 230,000) / 250,000 = 4.6 -> A (Y6 not yet due); K3 Y7 open 20 days -> B
    credit = query(
        warehouse,
        "select customer_id, outstanding_amount, overdue_amount from marts.fct_customer_credit "
        "order by customer_id",
    )
    assert credit == [
        ("K1", Decimal("650000.00"), Decimal("650000.00")),
        ("K2", Decimal("240000.00"), Decimal("0.00")),
        ("K3", Decimal("20000.00"), Decimal("20000.00")),
    ]
    fees = query(
        warehouse,
        "select deal_id, customer_name, late_fee_amount from marts.fct_late_fee_deals",
    )
    # stored largest fee first (the figures of test_total_receivable_and_late_fees)
    assert fees == [
        ("C1", "客户甲", Decimal("7225.00")),
        ("C2", "客户乙", Decimal("460.00")),
        ("S3", "客户丙", Decimal("205.00")),
    ]
    # the open lines, most days past due first; Y1, Y4, Y5 are paid
    assert query(
        warehouse,
        "select schedule_id, outstanding_amount, days_past_due, aging_bucket "
        "from marts.fct_open_receivable_lines",
    ) == [
        ("Y2", Decimal("50000.00"), 131, "91-180"),
        ("Y3", Decimal("600000.00"), 61, "61-90"),
        ("Y7", Decimal("20000.00"), 20, "1-30"),
        ("Y6", Decimal("240000.00"), -10, "not_due"),
    ]


def test_settlements(warehouse):
    rows = dict(
        (r[0], r[1:])
        for r in query(
            warehouse, "select schedule_id, settled_date, days_late from marts.fct_line_settlements"
        )
    )
    assert str(rows["Y1"][0]) == "2024-01-05" and rows["Y1"][1] == 0
    assert str(rows["Y5"][0]) == "2024-04-15" and rows["Y5"][1] == 5
    assert rows["Y2"] == (None, None)
    # the cancelled deal's line counts, with the lines as they stood: 300,000 of 800,000
    assert rows["Y8"] == (None, None)


@pytest.mark.parametrize("month_end", ["2024-05-31"])  # more month ends: dbt unit tests
def test_history_month_end_equals_snapshot_built_at_that_date(
    build_warehouse, warehouse, month_end
):
    """The one-pass history of the D build = a separate build with D = that month end."""
    history = query(
        warehouse,
        "select project_id, payer, aging_bucket, outstanding_amount, line_count "
        "from marts.fct_ar_aging_history where month_end = ? order by all",
        [month_end],
    )
    # only the snapshot's models: the comparison needs fct_ar_aging, not the whole project
    snapshot_wh = build_warehouse(LANDING, as_of=month_end, select="+fct_ar_aging")
    snapshot = query(
        snapshot_wh,
        "select project_id, payer, aging_bucket, outstanding_amount, line_count "
        "from marts.fct_ar_aging order by all",
    )
    assert history == snapshot
    assert any(row[3] != 0 for row in snapshot)


def test_marts_carry_their_definitions_as_comments(warehouse):
    rows = query(
        warehouse,
        "select table_name, column_name, comment from duckdb_columns() "
        "where schema_name = 'marts' and table_name in ('fct_receivable_lines', 'fct_ar_aging', "
        "'fct_ar_aging_history', 'fct_collections_monthly', 'kpi_receivables_monthly', "
        "'fct_line_settlements', 'fct_customer_balances', 'fct_open_receivable_lines', "
        "'fct_customer_credit', 'fct_late_fee_deals')",
    )
    missing = [(t, c) for t, c, comment in rows if not comment]
    assert rows and not missing


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("receivables")
