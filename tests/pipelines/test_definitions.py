"""The Dagster code location: it loads, and its sensor and schedule decide correctly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipelines.settings import PROJECT_ROOT


def test_definitions_validate_with_the_dagster_cli(tmp_path):
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", str(PROJECT_ROOT / "workspace.yaml")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
        env={**os.environ, "DAGSTER_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation successful" in result.stdout + result.stderr


def test_one_asset_per_export_table_keyed_as_the_dbt_sources():
    from pipelines.definitions import defs
    from sources.registry import load_contract

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {f"raw/{t}" for t in load_contract()} <= keys
    # dbt staging reads the same keys: lineage is one graph from file to mart
    stg = dg.AssetKey(["staging", "stg_finance__receipts"])
    assert dg.AssetKey(["raw", "receipts"]) in graph.get(stg).parent_keys
    assert "published_warehouse" in keys
    published = graph.get(dg.AssetKey(["published_warehouse"]))
    assert dg.AssetKey(["marts", "fct_cash_collected_monthly"]) in published.parent_keys


def test_schedule_runs_daily_at_six_in_shanghai():
    from pipelines.definitions import daily_build

    assert daily_build.cron_schedule == "0 6 * * *"
    assert daily_build.execution_timezone == "Asia/Shanghai"
    assert daily_build.job_name == "build_warehouse"


def test_sensor_requests_a_run_per_change_with_the_cursor(tmp_path, monkeypatch):
    from pipelines.definitions import landing_sensor

    monkeypatch.setenv("HUILONG_LANDING", str(tmp_path))
    (tmp_path / "receipts_2024-05.csv").write_text("x", encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()

    first = landing_sensor(dg.build_sensor_context(instance=instance))
    assert len(first.run_requests) == 1
    cursor = json.loads(first.cursor)
    assert list(cursor) == ["receipts_2024-05.csv"]

    again = landing_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert isinstance(again, dg.SkipReason)

    os.utime(tmp_path / "receipts_2024-05.csv", (1_700_000_000, 1_700_000_000))
    (tmp_path / "receipts_2024-06.csv").write_text("y", encoding="utf-8")
    changed = landing_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert len(changed.run_requests) == 1
    assert changed.run_requests[0].run_key != first.run_requests[0].run_key
    assert sorted(json.loads(changed.cursor)) == ["receipts_2024-05.csv", "receipts_2024-06.csv"]

    (tmp_path / "receipts_2024-05.csv").unlink()
    removed = landing_sensor(dg.build_sensor_context(instance=instance, cursor=changed.cursor))
    assert list(json.loads(removed.cursor)) == ["receipts_2024-06.csv"]
