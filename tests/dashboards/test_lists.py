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
