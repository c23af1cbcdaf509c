"""Long lists reach a page one page at a time, and every row still reaches the downloads."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from dashboards.queries import TABLE_ROWS, ListQuery, first_page, run_rows


def test_a_list_is_read_a_page_at_a_time_and_downloads_hold_every_row(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create schema marts; create table marts.lines as "
            "select i as n, cast(i * 1.01 as decimal(18, 2)) as amount from range(2500) r(i)"
        )
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(path))
    sql = ListQuery("select n, amount from marts.lines where n >= $low order by n desc")
    assert TABLE_ROWS == 1000
    assert first_page(sql).endswith("order by n desc\nlimit 1000")

    page = run_rows(sql, {"low": 100, "unused": "ignored"})
    assert len(page) == 1000
    assert (page["n"].iloc[0], page["n"].iloc[-1]) == (2499, 1500)  # the first page, in order
    assert page.attrs["complete"] is False
    every = page.attrs["all_rows"]()
    assert len(every) == 2400
    # by hand: 1.01 x (100 + ... + 2499) = 1.01 x (3,123,750 - 4,950) = 3,149,988.00
    assert every["amount"].sum() == Decimal("3149988.00")
    assert all(isinstance(v, Decimal) for v in every["amount"].head())

    short = run_rows(sql, {"low": 2000})
    assert len(short) == 500 and short.attrs["complete"] is True


def _mart(con, name: str, columns: str, rows: list[tuple]) -> None:
    con.execute(f"create table marts.{name} ({columns})")
    con.executemany(f"insert into marts.{name} values ({', '.join('?' * len(rows[0]))})", rows)


def test_receivables_by_customer_sums_a_customer_across_the_chosen_projects(tmp_path, monkeypatch):
    """fct_customer_balances holds one row per customer and project; the list shows one row
    per customer, summed over the chosen projects (K1 buys in P1 and P2)."""
    from dashboards.queries import collections as q

    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        _mart(
            con,
            "fct_customer_balances",
            "customer_id varchar, project_id varchar, customer_name varchar, "
            "phone_masked varchar, credit_grade varchar, customer_project_count bigint, "
            "deal_count bigint, due_amount decimal(18, 2), net_receipts_amount decimal(18, 2), "
            "outstanding_amount decimal(18, 2), overdue_amount decimal(18, 2), "
            "credit_balance_amount decimal(18, 2), buyer_payable_amount decimal(18, 2)",
            [
                ("K1", "P1", "甲", "138****0001", "B", 2, 2, 230000, 90000, 160000, 120000, 20000, 0),
                ("K1", "P2", "甲", "138****0001", "B", 2, 1, 10000, 0, 10000, 10000, 0, 3000),
                ("K2", "P1", "乙", "138****0002", "A", 1, 1, 20000, -1000, 20000, 0, 0, 0),
                ("K3", "P2", None, None, None, 1, 1, 50000, 0, 50000, 50000, 0, 0),
            ],
        )  # fmt: skip
        _mart(
            con,
            "fct_customer_credit",
            "customer_id varchar, project_id varchar, credit_grade varchar, "
            "avg_payment_delay_days double, outstanding_amount decimal(18, 2), "
            "overdue_amount decimal(18, 2)",
            [
                ("K1", "P1", "B", 7.5, 170000, 130000),
                ("K2", "P1", "A", 2.0, 20000, 0),
                ("K3", "P2", "A", 4.0, 50000, 50000),
                ("K4", "P1", "A", 0.0, 0, 0),
            ],
        )
    monkeypatch.setenv("HUILONG_WAREHOUSE", str(path))
    columns = ["customer_id", "project_id", "deals", "due_amount", "net_receipts_amount",
               "outstanding_amount", "overdue_amount", "credit_balance_amount",
               "buyer_payable_amount"]  # fmt: skip

    def listed(projects):
        page = q.by_customer({"projects": projects})
        assert page.attrs["complete"] is True
        return [
            tuple(int(v) if isinstance(v, Decimal) else v for v in row)
            for row in page[columns].itertuples(index=False)
        ]

    # every project: K1's two rows are one, most overdue first
    # K1: deals 2 + 1, due 230,000 + 10,000, overdue 120,000 + 10,000, payable 0 + 3,000
    assert listed([]) == [
        ("K1", "P1", 3, 240000, 90000, 170000, 130000, 20000, 3000),
        ("K3", "P2", 1, 50000, 0, 50000, 50000, 0, 0),
        ("K2", "P1", 1, 20000, -1000, 20000, 0, 0, 0),
    ]
    # P2 only: K1's P2 row alone
    assert listed(["P2"]) == [
        ("K3", "P2", 1, 50000, 0, 50000, 50000, 0, 0),
        ("K1", "P2", 1, 10000, 0, 10000, 10000, 0, 3000),
    ]
    assert listed(["P1"]) == [
        ("K1", "P1", 2, 230000, 90000, 160000, 120000, 20000, 0),
        ("K2", "P1", 1, 20000, -1000, 20000, 0, 0, 0),
    ]
    page = q.by_customer({"projects": []})
    assert page[["customer_name", "credit_grade"]].iloc[0].tolist() == ["甲", "B"]
    assert page["deals"].dtype == "int64"

    # credit grades, chosen by the credit row's project, balances over every project:
    # A = K2, K3, K4: 20,000 + 50,000 + 0 outstanding, delay (2 + 4 + 0) / 3 = 2.0 days
    grades = q.credit({"projects": []})
    assert [(g, n, int(o), int(d), a) for g, n, o, d, a in grades.itertuples(index=False)] == [
        ("A", 3, 70000, 50000, 2.0),
        ("B", 1, 170000, 130000, 7.5),
    ]
    grades = q.credit({"projects": ["P1"]})
    assert [(g, n, int(o), int(d), a) for g, n, o, d, a in grades.itertuples(index=False)] == [
        ("A", 2, 20000, 0, 1.0),
        ("B", 1, 170000, 130000, 7.5),
    ]
