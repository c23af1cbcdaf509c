"""What a build reruns: the stored state against the current one (pipelines.dbt_state)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.dbt_state import (
    EMPTY_FINGERPRINT,
    Plan,
    downstream,
    missing_tables,
    plan,
    project_fingerprint,
    raw_fingerprints,
    read_state,
    refables_in_order,
    write_state,
)

PROJECT = "p" * 64


def state(**raw: str) -> dict[str, str]:
    return {
        "project": PROJECT,
        "as_of": "",
        "raw.receipts": "r1",
        **{f"raw.{k}": v for k, v in raw.items()},
    }


def test_no_stored_state_runs_everything():
    assert plan({}, state()) == Plan(True, "no state of a complete build to compare with")


def test_a_changed_project_or_as_of_setting_runs_everything():
    assert plan(state(), {**state(), "project": "q" * 64}).full
    decided = plan(state(), {**state(), "as_of": "2024-06-30"})
    assert decided.full
    assert decided.reason == "the as-of setting changed (latest -> 2024-06-30)"


def test_only_the_changed_raw_tables_are_rerun():
    stored = state(contracts="c1", marketing_spend="m1", units="u1")
    current = state(contracts="c1", marketing_spend="m2", units="u2")
    decided = plan(stored, current)
    assert not decided.full
    assert decided.changed == ("raw.marketing_spend", "raw.units")
    assert decided.selection == "source:raw.marketing_spend+ source:raw.units+"


def test_nothing_changed_runs_nothing():
    decided = plan(state(units="u1"), state(units="u1"))
    assert (decided.full, decided.changed, decided.selection) == (False, (), "")


def test_a_table_new_to_the_contract_counts_as_changed():
    assert plan(state(), state(units="u1")).changed == ("raw.units",)


def test_no_receipts_at_all_reruns_what_reads_them():
    """D then falls back to today's date, which moves from one build to the next."""
    empty = {**state(units="u1"), "raw.receipts": EMPTY_FINGERPRINT}
    assert plan(empty, empty).changed == ("raw.receipts",)


def _raw(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema raw")
    con.execute(
        "create table raw.receipts (receipt_id varchar, _file_name varchar, _row_number bigint, "
        "_file_sha256 varchar, _file_modified_at timestamp, _loaded_at timestamp)"
    )
    con.execute(
        "create table raw.units (unit_id varchar, _file_name varchar, _row_number bigint, "
        "_file_sha256 varchar, _file_modified_at timestamp, _loaded_at timestamp)"
    )


def _add(con, table: str, file: str, sha: str, n: int) -> None:
    when = dt.datetime(2024, 6, 1, 8)
    con.executemany(
        f"insert into raw.{table} values (?, ?, ?, ?, ?, ?)",
        [(f"{file}-{i}", file, i + 2, sha, when, when) for i in range(n)],
    )


def test_raw_fingerprints_follow_the_files_of_each_table():
    con = duckdb.connect()
    _raw(con)
    empty = raw_fingerprints(con)
    assert empty == {"raw.receipts": EMPTY_FINGERPRINT, "raw.units": EMPTY_FINGERPRINT}
    _add(con, "receipts", "receipts.csv", "a" * 64, 3)
    _add(con, "units", "units.csv", "b" * 64, 2)
    first = raw_fingerprints(con)
    assert first == raw_fingerprints(con)  # the same rows, the same fingerprint
    _add(con, "receipts", "receipts_2024-06-02.csv", "c" * 64, 1)  # a new daily file
    second = raw_fingerprints(con)
    assert second["raw.units"] == first["raw.units"]
    assert second["raw.receipts"] != first["raw.receipts"]
    # the file re-exported: same name, new content
    con.execute("delete from raw.receipts where _file_name = 'receipts_2024-06-02.csv'")
    _add(con, "receipts", "receipts_2024-06-02.csv", "d" * 64, 1)
    assert raw_fingerprints(con)["raw.receipts"] not in (
        first["raw.receipts"],
        second["raw.receipts"],
    )
    # the file removed from the landing folder: back to the first state
    con.execute("delete from raw.receipts where _file_name = 'receipts_2024-06-02.csv'")
    assert raw_fingerprints(con) == first


def test_state_is_stored_replaced_and_cleared():
    con = duckdb.connect()
    con.execute("create schema audit")
    assert read_state(con) == {}
    write_state(con, state(units="u1"), "b1")
    assert read_state(con) == state(units="u1")
    write_state(con, state(units="u2"), "b2")
    assert read_state(con) == state(units="u2")
    assert con.execute("select distinct build_id from audit.dbt_state").fetchall() == [("b2",)]
    write_state(con, {}, "b3")
    assert read_state(con) == {}


def test_project_fingerprint_follows_the_files_that_decide_models(tmp_path: Path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1 as x\n")
    (tmp_path / "dbt_project.yml").write_text("name: p\n")
    first = project_fingerprint(tmp_path)
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "manifest.json").write_text("{}")  # build output: not a change
    assert project_fingerprint(tmp_path) == first
    (tmp_path / "models" / "a.sql").write_text("select 2 as x\n")
    second = project_fingerprint(tmp_path)
    assert second != first
    (tmp_path / "models" / "a.sql").rename(tmp_path / "models" / "b.sql")  # same bytes, new name
    assert project_fingerprint(tmp_path) not in (first, second)


# a manifest of four models: stg_r reads raw.receipts, stg_u raw.units, fct reads both, dim
# only stg_u; a seed beside them
MANIFEST = {
    "sources": {"source.p.raw.receipts": {}, "source.p.raw.units": {}},
    "child_map": {
        "source.p.raw.receipts": ["model.p.stg_r"],
        "source.p.raw.units": ["model.p.stg_u"],
        "model.p.stg_r": ["model.p.fct", "test.p.not_null_stg_r_id"],
        "model.p.stg_u": ["model.p.fct", "model.p.dim"],
        "model.p.fct": [],
        "model.p.dim": [],
        "seed.p.s": ["model.p.dim"],
    },
    "parent_map": {
        "model.p.stg_r": ["source.p.raw.receipts"],
        "model.p.stg_u": ["source.p.raw.units"],
        "model.p.fct": ["model.p.stg_u", "model.p.stg_r"],
        "model.p.dim": ["model.p.stg_u", "seed.p.s"],
        "seed.p.s": [],
        "test.p.not_null_stg_r_id": ["model.p.stg_r"],
    },
    "nodes": {
        "model.p.stg_r": {"schema": "staging", "name": "stg_r"},
        "model.p.stg_u": {"schema": "staging", "name": "stg_u"},
        "model.p.fct": {"schema": "marts", "name": "fct", "alias": "fct_alias"},
        "model.p.dim": {"schema": "marts", "name": "dim"},
        "seed.p.s": {"schema": "seeds", "name": "s"},
    },
}


def test_downstream_is_what_dbt_selects_with_source_plus():
    assert downstream(MANIFEST, ("raw.receipts",)) == {"model.p.stg_r", "model.p.fct"}
    assert downstream(MANIFEST, ("raw.units",)) == {"model.p.stg_u", "model.p.fct", "model.p.dim"}
    assert downstream(MANIFEST, ()) == set()


def test_refables_come_after_their_parents():
    order = refables_in_order(MANIFEST)
    assert sorted(order) == [
        "model.p.dim",
        "model.p.fct",
        "model.p.stg_r",
        "model.p.stg_u",
        "seed.p.s",
    ]
    for child, parents in MANIFEST["parent_map"].items():
        if child in order:
            for parent in parents:
                if parent in order:
                    assert order.index(parent) < order.index(child), (parent, child)


@pytest.mark.parametrize(
    ("tables", "missing"),
    [
        (["staging.stg_u", "marts.dim", "seeds.s"], []),
        (["staging.stg_u", "seeds.s"], ["marts.dim"]),
    ],
)
def test_missing_tables_of_kept_models(tables, missing):
    con = duckdb.connect()
    for name in tables:
        schema, table = name.split(".")
        con.execute(f"create schema if not exists {schema}")
        con.execute(f"create table {schema}.{table} (x int)")
    keep = {"model.p.stg_u", "model.p.dim", "seed.p.s"}
    assert missing_tables(con, MANIFEST, keep) == missing
    assert missing_tables(con, MANIFEST, {"model.p.fct"}) == ["marts.fct_alias"]
