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

import pytest

from pipelines.build import build_warehouse as run_build
from pipelines.dbt_project import DBT_PROJECT_DIR
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
