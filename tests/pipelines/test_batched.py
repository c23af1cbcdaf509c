"""Models built in batches (dbt_project/macros/batched.sql) hold the same rows as built whole.

A batched model reads its inputs a share of its keys at a time when its data outgrows DuckDB's
cap; on the small fixtures every model fits in one batch, so HUILONG_BATCHES=4 forces four.
The team fixture (tests/fixtures/team) has rows in all five batched models, and in four
batches each model's rows fall in at least two (three of them have only two or three keys,
which three batches would put in one). Its build in four batches must equal the one-batch
build table for table, and dbt's log must say each of the five was built in four batches
(else the comparison would prove nothing).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from pipelines.build import build_warehouse as run_build
from pipelines.dbt_project import DBT_PROJECT_DIR, dbt_command, dbt_env
from tests.conftest import FIXTURES, differing_tables, query, warehouse_in

LANDING = FIXTURES / "team" / "landing"
BATCHES = 4
#: the batched models and the key of each row, the one its inputs are split on
BATCHED = {
    "int_schedule_lines_versioned_all_dates": "select deal_id as k from {}",
    "int_line_balances_segmented_all_dates": "select deal_id as k from {}",
    "int_forecast_line_history": "select lines.deal_id as k from {} as h"
    " inner join intermediate.int_schedule_lines_keyed as lines using (schedule_id)",
    "int_customer_follow_up_touches": "select customer_id as k from {}",
    "int_collection_action_outcomes": "select deal_id as k from {}",
}


def _dbt_logs() -> dict:
    """The size of each shared dbt target folder's log now (a build appends to one of them)."""
    return {log: log.stat().st_size for log in (DBT_PROJECT_DIR / "target").glob("build*/dbt.log")}


def _appended_since(before: dict) -> str:
    """What the dbt logs gained since ``before`` (a log new or rotated since: all of it)."""
    text = []
    for log, size in _dbt_logs().items():
        start = before.get(log, 0)
        with log.open("rb") as f:
            f.seek(start if start <= size else 0)
            text.append(f.read().decode("utf-8", "replace"))
    return "\n".join(text)


@pytest.mark.xdist_group("team_incremental")
def test_a_build_in_four_batches_equals_the_build_in_one(build_warehouse, tmp_path, monkeypatch):
    whole = build_warehouse(LANDING)
    # the rows of each model fall in two batches or more (DuckDB's hash of the key, as the
    # filter's), so that each is really put together from parts
    spread = {
        model: query(
            whole,
            f"select count(distinct hash(k) % {BATCHES}) "
            f"from ({keys.format('intermediate.' + model)})",
        )[0][0]
        for model, keys in BATCHED.items()
    }
    assert all(n >= 2 for n in spread.values()), spread

    monkeypatch.setenv("HUILONG_BATCHES", str(BATCHES))
    logs = _dbt_logs()
    batched = warehouse_in(tmp_path, "batched")
    result = run_build(landing=LANDING, warehouse=batched)
    assert result.ok, result.message

    log = _appended_since(logs)
    for model in BATCHED:
        assert re.search(rf"\b{model}: built in {BATCHES} batches\b", log), model
    assert differing_tables(whole, batched) == []


#: (input rows, rows per GB, cap) -> batches, worked by hand: ceil(rows / (R x cap in GB))
SPLITS = {
    # the follow-up touches' 12,206,989 contacts at 1x large under a quarter of the cap:
    # 12,206,989 / (5 M x 0.625) = 3.91 -> 4; under the cap, / 12.5 M = 0.98 -> 1
    (12_206_989, 5_000_000, "625MB"): 4,
    (12_206_989, 5_000_000, "2500MB"): 1,
    # 2.5 GB holds 5 M rows at 2 M per GB: exactly two batches, one row more is three
    (10_000_000, 2_000_000, "2.5GB"): 2,
    (10_000_001, 2_000_000, "2.5GB"): 3,
    # 2 GiB = 2.147483648 GB: 2,147,483.648 rows per batch at 1 M per GB
    (4_294_967, 1_000_000, "2GiB"): 2,
    (4_294_968, 1_000_000, " 2 gib "): 3,
    # nothing to build is still one batch
    (0, 1_000_000, "1GB"): 1,
}


def _compile_inline(tmp_path, sql: str) -> subprocess.CompletedProcess:
    target = tmp_path / "target"
    return subprocess.run(
        dbt_command("compile", target, "--log-path", str(target), "--quiet", "--inline", sql),
        env=dbt_env(HUILONG_DUCKDB_PATH=":memory:"),
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )


def test_the_batches_are_the_rows_over_what_a_batch_holds_under_the_cap(tmp_path):
    columns = [
        f"{{{{ batches_for({rows}, {per_gb}, '{cap}') }}}} as s{i}"
        for i, (rows, per_gb, cap) in enumerate(SPLITS)
    ]
    proc = _compile_inline(tmp_path, "select " + ", ".join(columns))
    assert proc.returncode == 0, proc.stdout[-3000:]
    got = {i: n for n, i in re.findall(r"(\d+) as s(\d+)", proc.stdout)}
    assert {key: int(got[str(i)]) for i, key in enumerate(SPLITS)} == SPLITS

    bad = _compile_inline(tmp_path, "select {{ batches_for(1, 1, '2.5 gigs') }}")
    assert bad.returncode != 0
    assert "memory limit '2.5 gigs' (HUILONG_DUCKDB_MEMORY_LIMIT) is not a size" in bad.stdout
