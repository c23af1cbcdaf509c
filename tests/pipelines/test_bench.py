"""The benchmark report: its verdicts are what issue readers act on, so they are checked
against hand-worked figures (the timings themselves belong to `make bench`, not to tests)."""

import argparse
import datetime as dt

from pipelines import bench
from pipelines.bench import (
    HISTORY_MODELS,
    KEPT,
    HistoryResult,
    ScaleResult,
    bare_load_seconds,
    render,
    report_name,
)


def _history(first: float, last: float) -> HistoryResult:
    seconds = {months: {model: 0.5 for model in HISTORY_MODELS} for months in (12, 36, 72)}
    seconds[12]["fct_ar_aging_history"] = first
    seconds[36]["fct_ar_aging_history"] = (first + last) / 2
    seconds[72]["fct_ar_aging_history"] = last
    return HistoryResult(data_months=41, seconds=seconds)


def _last_build(tmp_path, monkeypatch, results: list[dict]) -> None:
    """A last build whose run_results.json holds ``results``, where the bench reads it."""
    import json

    target = tmp_path / "target" / "build"
    target.mkdir(parents=True, exist_ok=True)
    (target / "run_results.json").write_text(json.dumps({"results": results}))
    monkeypatch.setattr(bench, "DBT_PROJECT_DIR", tmp_path)


def test_history_verdict_is_72_over_12_months_of_the_aging_history():
    one = ScaleResult(factor=1, input_bytes=2_910_000_000, read_s=15.9, build_s=547.2)
    met = render([one], {}, _history(0.88, 1.12))  # 1.12 / 0.88 = 1.27
    assert "| fct_ar_aging_history | 0.88 s | 1.00 s | 1.12 s | 1.27x | ≤ 1.3x (met) |" in met
    assert "own history spans 41 complete months" in met
    assert "median of 5 runs per model, the settings taking turns" in met
    missed = render([one], {}, _history(0.80, 1.20))  # 1.20 / 0.80 = 1.50
    assert "| 1.50x | ≤ 1.3x (**missed**) |" in missed
    # the other month-end models are reported, not judged
    assert "| int_line_balances_month_ended | 0.50 s | 0.50 s | 0.50 s | 1.00x | — |" in met


def test_build_ratio_verdict():
    one = ScaleResult(factor=1, input_bytes=2_910_000_000, read_s=15.9, build_s=547.2)
    text = render([one], {})
    assert "| 34.4x | ≤ 10x (**missed**) |" in text  # 547.2 / 15.9 = 34.41


def test_growth_to_4x_incremental_share_and_notes():
    quarter = ScaleResult(0.25, 720_000_000, 4.1, 150.0, steps={"ingest": 14.0})
    one = ScaleResult(1, 2_910_000_000, 15.9, 500.0, steps={"ingest": 50.0, "dbt": 400.0})
    four = ScaleResult(4, 11_600_000_000, 64.0, 2300.0, steps={"ingest": 210.0, "dbt": 1900.0})
    one.incremental_s = 150.0  # 150 / 500 = 0.30
    one.incremental_steps = {"start-up": 5.0, "ingest": 1.5, "checks": 6.0, "dbt": 130.0}
    one.incremental_kept = 36
    one.incremental_slowest = [("int_forecast_line_history", 7.74), ("test assert_x", 6.0)]
    four.note = "incremental not run: it copies the 30.0 GB warehouse and 12.0 GB of disk is free"
    text = render([quarter, one, four], {})
    assert "Time at x4 / time at x1: 4.60 (data x4; target ≤ 4.4, **missed**)." in text  # 2300/500
    assert "Time at x0.25 / time at x1: 0.30 (data x0.25)." in text  # no target at 0.25x
    assert "| 2300.0 s | 35.9x | ≤ 8x (**missed**) |" in text  # 2300 / 64.0 = 35.94
    assert (
        "Incremental rebuild at x1: 0.30 of the full build (target at x4: ≤ 1/3; met at x1)."
        in text
    )
    assert (
        "Its steps: start-up 5.0 s, ingest 1.5 s, checks 6.0 s, dbt 130.0 s; "
        "dbt kept 36 tables as published and reran the rest." in text
    )
    assert "Its slowest dbt nodes: int_forecast_line_history 7.7 s, test assert_x 6.0 s." in text
    assert "x4: incremental not run: it copies the 30.0 GB warehouse" in text
    # one column per scale in the step table; a step a scale lacks shows a dash
    assert "| step | x0.25 | x1 | x4 |" in text
    assert "| ingest | 14.0 | 50.0 | 210.0 |" in text
    assert "| dbt | — | 400.0 | 1900.0 |" in text


def test_failed_build_is_reported_not_raised():
    one = ScaleResult(1, 2_910_000_000, 15.9, 500.0, steps={"ingest": 50.0})
    four = ScaleResult(4, 11_600_000_000, 64.0, float("nan"), note="build failed: Out of Memory")
    text = render([one, four], {})
    assert "| x4 | 11.60 GB | 64.0 s | failed | — | — | — | — | — | — |" in text
    assert "x4: build failed: Out of Memory." in text


def test_failure_names_the_dbt_nodes_in_error(tmp_path, monkeypatch):
    oom = "Runtime Error in model m\n  Out of Memory Error: failed to pin block\n  Possible solutions:"
    results = [
        {"unique_id": "model.huilong.fct_a", "status": "error", "message": oom},
        {"unique_id": "model.huilong.fct_b", "status": "success", "message": "OK"},
        {"unique_id": "model.huilong.fct_c", "status": "error", "message": oom},
    ]
    _last_build(tmp_path, monkeypatch, results)
    reason = bench.failure(RuntimeError("build failed\n[huilong 2097.4s] dbt: 475 done"))
    assert reason == "fct_a, fct_c (Out of Memory Error: failed to pin block)"
    _last_build(tmp_path, monkeypatch, results[1:2])
    assert bench.failure(RuntimeError("ingest failed\nlast line")) == "last line"


def test_slowest_dbt_nodes_name_models_and_tests(tmp_path, monkeypatch):
    results = [
        {"unique_id": "model.huilong.fct_a", "execution_time": 1.5},
        {"unique_id": "test.huilong.unique_fct_a_id.7bfe0c3b4a", "execution_time": 6.0},
        {"unique_id": "unit_test.huilong.fct_a.rule_holds", "execution_time": 0.2},
        {"unique_id": "model.huilong.int_b", "execution_time": 7.75},
    ]
    _last_build(tmp_path, monkeypatch, results)
    assert bench.slowest_dbt_nodes(3) == [
        ("int_b", 7.75),
        ("test unique_fct_a_id", 6.0),
        ("fct_a", 1.5),
    ]


def test_dbt_node_times_label_models_data_tests_and_unit_tests_apart(tmp_path, monkeypatch):
    results = [
        {"unique_id": "unit_test.huilong.fct_a.rule_holds", "execution_time": 0.2},
        {"unique_id": "unit_test.huilong.fct_a.nulls_kept", "execution_time": 0.3},
        {"unique_id": "test.huilong.assert_sums", "execution_time": 2.0},
        {"unique_id": "model.huilong.fct_a", "execution_time": 1.5},
    ]
    _last_build(tmp_path, monkeypatch, results)
    # two unit tests of one model are two nodes, not one name kept twice
    assert bench.dbt_node_times() == {
        "test assert_sums": 2.0,
        "fct_a": 1.5,
        "unit test fct_a.nulls_kept": 0.3,
        "unit test fct_a.rule_holds": 0.2,
    }
    assert list(bench.dbt_node_times()) == [
        "test assert_sums",
        "fct_a",
        "unit test fct_a.nulls_kept",
        "unit test fct_a.rule_holds",
    ]


def test_slowest_nodes_table_shows_each_scale_and_growth_past_the_data(monkeypatch):
    quarter = ScaleResult(0.25, 1, 4.0, 150.0, node_seconds={"int_a": 2.0, "int_b": 1.0})
    one = ScaleResult(
        1, 1, 10.0, 500.0, node_seconds={"int_a": 8.0, "int_b": 4.0, "test t": 2.0, "int_c": 5.0}
    )
    four = ScaleResult(
        4,
        1,
        40.0,
        2300.0,
        node_seconds={"int_b": 40.0, "int_a": 36.0, "int_d": 9.0, "test t": 8.6, "int_c": 1.0},
    )
    monkeypatch.setattr(bench, "SLOWEST_NODES", 4)
    text = render([quarter, one, four], {})
    assert "## The slowest dbt nodes at x4 (seconds)" in text
    # growth from x1, data x4: bold above 4 x 4.4 / 4 = 4.4
    assert "for data x4; in bold above x4.40" in text
    assert "| node | x0.25 | x1 | x4 | growth |" in text
    assert "| int_b | 1.0 | 4.0 | 40.0 | **10.00x** |" in text  # 40 / 4
    assert "| int_a | 2.0 | 8.0 | 36.0 | **4.50x** |" in text  # 36 / 8 = 4.5 > 4.4
    assert "| int_d | — | — | 9.0 | — |" in text  # not built at x1
    assert "| test t | — | 2.0 | 8.6 | 4.30x |" in text  # 8.6 / 2 = 4.3, not above
    assert "int_c" not in text  # fifth at x4, past the table's 4 rows
    # one scale: its slowest nodes, no growth column
    alone = render([one], {})
    assert "| node | x1 |" in alone and "| int_a | 8.0 |" in alone and "growth" not in alone


def test_tree_peak_adds_up_a_process_and_its_child_alive_at_once():
    """A parent holding 300 MiB while its child holds 200 MiB: together 500 MiB (plus two
    interpreters), the largest one 300 MiB (plus one). getrusage, which this replaced,
    reports the largest process only, and the bench's own memory on top."""
    import subprocess
    import sys
    import textwrap

    from pipelines.bench import TreePeak

    child = "import time; b = b'x' * (200 << 20); time.sleep(3)"
    parent = textwrap.dedent(
        f"""
        import subprocess, sys
        b = b'x' * (300 << 20)
        subprocess.run([sys.executable, '-c', {child!r}])
        """
    )
    with (
        subprocess.Popen([sys.executable, "-c", parent]) as proc,
        TreePeak(proc.pid, interval=0.1) as peak,
    ):
        proc.wait()
    mib = 1 << 20
    interpreter = 60 * mib  # an interpreter's own memory is well under this
    assert 500 * mib <= peak.total_bytes < 500 * mib + 2 * interpreter
    assert 300 * mib <= peak.largest_bytes < 300 * mib + interpreter


def test_peak_memory_verdict_is_on_the_processes_together():
    one = ScaleResult(1, 2_910_000_000, 15.9, 500.0, steps={"ingest": 40.0})
    one.peak_rss_gb, one.peak_process_gb = 4.24, 2.90  # 2.90 + 1.34 held by the build process
    text = render([one], {})
    assert "4.24 GB, of which its largest process 2.90 GB (target ≤ 4 GB, **missed**)." in text
    one.peak_rss_gb = 3.41
    assert "(target ≤ 4 GB, met)." in render([one], {})
    assert "Raw ingest at x1: 40.0 s = 2.52x the bare read" in text  # 40.0 / 15.9 = 2.516


def test_kept_tables_are_read_from_the_builds_progress_line():
    line = "[huilong  301.2s] dbt: 314 models and tests done, 36 tables kept as published"
    assert KEPT.search(line).group(1) == "36"
    assert KEPT.search("[huilong 1.0s] dbt: build as of the latest receipt") is None


def test_report_name_is_the_runs_start_and_scales():
    # two runs on one day keep their own files (the date alone overwrote a committed one)
    started = dt.datetime(2026, 11, 23, 23, 15, 42)
    assert report_name(started, [0.25, 1.0]) == "2026-11-23-2315-x0.25-x1.md"
    assert report_name(started, [0.25, 1.0, 4.0]) == "2026-11-23-2315-x0.25-x1-x4.md"


def test_ingest_is_reported_above_the_bare_load_floor():
    one = ScaleResult(1, 2_910_000_000, 10.0, 400.0, steps={"ingest": 38.0}, load_s=22.0)
    text = render([one], {})
    # 22.0 / 10.0 = 2.20x; (38.0 - 22.0) / 10.0 = 1.60x
    assert "no typing or checks: 22.0 s = 2.20x the bare read" in text
    assert "hashing cost 16.0 s = 1.60x." in text
    assert "no typing or checks" not in render([ScaleResult(1, 1, 10.0, 400.0)], {})


def test_bare_load_writes_a_file_and_leaves_none(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "receipts.csv").write_text("receipt_id,amount\nR1,100.00\nR2,5.50\n")
    seconds = bare_load_seconds(landing, tmp_path)
    assert seconds > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["landing"]


def test_bare_read_is_the_median_of_three_runs_and_each_is_reported():
    one = ScaleResult(1, 2_910_000_000, 12.4, 372.0, read_runs=[13.1, 10.6, 12.4])
    text = render([one], {})
    assert "| x1 | 2.91 GB | 12.4 s | 372.0 s | 30.0x |" in text  # 372.0 / 12.4
    assert "Bare read: the median of 3 runs (x1 13.1, 10.6, 12.4 s)." in text


def test_run_frees_the_measured_warehouses_before_a_larger_scale(tmp_path, monkeypatch):
    """At 4x the disk must hold the 4x data, its warehouse and the incremental's copy, so
    the 0.25x and 1x warehouses go once the queries and history have run on the 1x one."""
    monkeypatch.setattr(bench, "RESULTS_DIR", tmp_path / "results")
    cache = tmp_path / "cache"
    calls: list[tuple[str, float, list[str]]] = []

    def present() -> list[str]:
        return sorted(p.parent.name for p in cache.glob("warehouse-x*/huilong.duckdb"))

    def fake_scale(cache_, factor, seed):
        calls.append(("build", factor, present()))
        warehouse = bench.warehouse_for(cache_, factor)
        warehouse.parent.mkdir(parents=True)
        warehouse.write_bytes(b"x")
        return ScaleResult(factor, 1, 1.0, 10.0 * factor, steps={"ingest": 1.0})

    def fake_incremental(cache_, result, seed):
        calls.append(("incremental", result.factor, present()))
        result.incremental_s = 3.0 * result.factor

    def fake_queries(warehouse):
        calls.append(("queries", float(warehouse.parent.name[len("warehouse-x") :]), present()))
        return {"overview.KPI": (20.0, 40.0)}

    def fake_history(warehouse, factor):
        calls.append(("history", factor, present()))
        return _history(1.0, 1.1)

    monkeypatch.setattr(bench, "bench_scale", fake_scale)
    monkeypatch.setattr(bench, "bench_incremental", fake_incremental)
    monkeypatch.setattr(bench, "bench_queries", fake_queries)
    monkeypatch.setattr(bench, "bench_history", fake_history)
    args = argparse.Namespace(scales="0.25,1,4", seed=7, cache=cache)
    assert bench.run(args) == 0
    assert calls == [
        ("build", 0.25, []),
        ("build", 1.0, ["warehouse-x0.25"]),
        ("incremental", 1.0, ["warehouse-x0.25", "warehouse-x1"]),
        ("queries", 1.0, ["warehouse-x0.25", "warehouse-x1"]),
        ("history", 1.0, ["warehouse-x0.25", "warehouse-x1"]),
        ("build", 4.0, []),
        ("incremental", 4.0, ["warehouse-x4"]),
    ]
    assert present() == []  # the 4x warehouse is not kept either
    text = (tmp_path / "results" / "latest.md").read_text()
    assert "Incremental rebuild at x1: 0.30 of the full build" in text  # 3 / 10
    assert "Incremental rebuild at x4: 0.30 of the full build" in text  # 12 / 40
    assert "| overview.KPI | 20 | 40 | met |" in text
