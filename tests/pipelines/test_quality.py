"""Great Expectations on the rows a build loaded, validated chunk by chunk.

Every expectation of the suites is row by row, so chunk results add up exactly; these
check the added-up counts against counts made by hand, across chunk borders.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines import quality
from pipelines.ingest.schema import ensure_schemas


@pytest.fixture
def con():
    con = duckdb.connect()
    ensure_schemas(con)
    # 5,000 receipts; amounts 1..5000 yuan except three implausible ones (rows 100, 2500,
    # 4999 in three different 2,048-row chunks), one missing id (row 3000), two unknown
    # items (rows 10 and 4000) and one refund (-50.00, allowed: amount may be negative)
    con.execute(
        """
        insert into raw.receipts
        select
            case when i = 3000 then null else 'R' || i end,
            'C' || (i % 97), null, null,
            date '2024-01-01' + cast(i % 300 as integer),
            case when i in (100, 2500, 4999) then 2000000000.00
                 when i = 7 then -50.00 else cast(i as decimal(18, 2)) end,
            case when i in (10, 4000) then 'bogus' else 'instalment' end,
            'pos', null,
            'receipts.csv', i + 1, 'sha-1', timestamp '2024-11-01', timestamp '2024-11-02'
        from range(1, 5001) as t(i)
        """
    )
    return con


def by_check(results):
    return {(r.expectation, r.column_name): r for r in results}


@pytest.mark.parametrize("vectors", [1, 500])  # 2,048-row chunks (3 of them), or one chunk
def test_chunked_validation_adds_up_to_hand_counts(con, monkeypatch, vectors):
    monkeypatch.setattr(quality, "CHUNK_VECTORS", vectors)
    results = by_check(quality.validate_new_rows(con, {"receipts": ["sha-1"]}, build_id="b1"))

    amount = results[("expect_column_values_to_be_between", "amount")]
    assert (amount.success, amount.unexpected_count, amount.element_count) == (False, 3, 5000)
    assert amount.severity == "warn"
    assert json.loads(amount.details)["unexpected_percent"] == pytest.approx(0.06)  # 3 / 5000

    missing_id = results[("expect_column_values_to_not_be_null", "receipt_id")]
    assert (missing_id.success, missing_id.unexpected_count) == (False, 1)
    assert missing_id.severity == "error"
    assert json.loads(missing_id.details)["unexpected_percent"] == pytest.approx(0.02)

    item = results[("expect_column_values_to_be_in_set", "item")]
    assert (item.success, item.unexpected_count, item.element_count) == (False, 2, 5000)
    assert json.loads(item.details)["partial_unexpected_list"] == ["bogus", "bogus"]

    method = results[("expect_column_values_to_be_in_set", "method")]
    assert (method.success, method.unexpected_count) == (True, 0)

    stored = con.execute(
        "select count(*), count(*) filter (where not success) from audit.dq_results "
        "where build_id = 'b1'"
    ).fetchone()
    assert stored == (len(results), 3)


def build_file(con, tmp_path: Path) -> Path:
    """A build file holding the fixture's 5,000 receipts, loaded (says its ledger) by b1."""
    path = tmp_path / "build.duckdb"
    con.execute(f"attach '{path}' as build")
    con.execute("create schema build.raw")
    con.execute("create schema build.audit")
    con.execute("create table build.raw.receipts as select * from raw.receipts")
    con.execute("create table build.audit.dq_results as select * from audit.dq_results")
    con.execute("create table build.audit.file_ledger as select * from audit.file_ledger limit 0")
    con.execute(
        "insert into build.audit.file_ledger (file_name, table_name, sha256, rows_loaded, "
        "status, build_id) values ('receipts.csv', 'receipts', 'sha-1', 5000, 'loaded', 'b1')"
    )
    con.execute("detach build")
    return path


def test_checks_in_a_child_process_return_the_same_counts_whatever_main_is(
    con, tmp_path, monkeypatch
):
    """The checks run in a child process; the build may have been started from a process
    whose __main__ is a script (the Streamlit app, in the dashboard tests). multiprocessing
    ran that script again in its children, and the child died; this child must not."""
    import types

    path = build_file(con, tmp_path)
    script = tmp_path / "app.py"
    script.write_text("raise SystemExit('the app ran in the checks child')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(__import__("sys").modules, "__main__", fake_main)

    results = by_check(quality.validate_build_in_child(str(path), "b1"))
    amount = results[("expect_column_values_to_be_between", "amount")]
    assert (amount.unexpected_count, amount.element_count) == (3, 5000)
    assert results[("expect_column_values_to_not_be_null", "receipt_id")].unexpected_count == 1
    with duckdb.connect(str(path)) as done:  # and the child stored them for this build
        assert done.execute(
            "select count(*) from audit.dq_results where build_id = 'b1'"
        ).fetchone()[0] == len(results)


def test_a_checks_child_started_ahead_does_the_work_and_one_given_none_exits(con, tmp_path):
    """warm_checks starts the child while the build copies and ingests; the checks step
    hands it the build file. A build that loads nothing hands it nothing: it exits."""
    path = build_file(con, tmp_path)
    with quality.warm_checks():
        child = quality._WARM[0]
        results = by_check(quality.validate_build_in_child(str(path), "b1"))
        assert quality._WARM == []  # taken, not a second child
    assert child.proc.returncode == 0
    amount = results[("expect_column_values_to_be_between", "amount")]
    assert (amount.unexpected_count, amount.element_count) == (3, 5000)
    assert results[("expect_column_values_to_not_be_null", "receipt_id")].unexpected_count == 1

    with quality.warm_checks():
        idle = quality._WARM[0]
        assert quality.validate_build_in_child(str(path), "b2") == []  # b2 loaded nothing
    assert idle.proc.returncode == 0 and quality._WARM == []
    with duckdb.connect(str(path)) as done:
        assert done.execute(
            "select count(*) from audit.dq_results where build_id = 'b2'"
        ).fetchone() == (0,)
