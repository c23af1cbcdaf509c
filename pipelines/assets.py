"""The build as Dagster assets: landing files -> raw (one asset per export table, keyed as the
dbt sources are) -> Great Expectations checks -> dbt models and tests -> published warehouse.

The assets stay thin: the decisions live in pipelines.ingest, pipelines.quality and
pipelines.resources, which have their own tests.
"""

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from sources.registry import load_contract

from .dbt_project import dbt_project, dbt_target_path, stable_database_path
from .dbt_state import (
    CHANGED_RAW_ENV,
    FORECAST_KEPT_BEFORE_ENV,
    RECEIPT_FILES_CHANGED_ENV,
    Plan,
    current_state,
    downstream,
    forecast_kept_before,
    missing_tables,
    plan,
    read_state,
    receipt_files_changed,
    refables_in_order,
    write_state,
)
from .ingest import ingest_landing
from .quality import validate_build_in_child
from .resources import WarehouseResource, report
from .settings import DUCKDB_PATH_ENV, MEMORY_LIMIT_ENV, duckdb_memory_limit

#: dbt's unit tests check model logic on fixed rows, not the data: they run once in `make test`
#: (tests/dbt/test_unit_tests.py), not in every build, where they cost about 4 s whatever
#: the data's size (dbt's advice too: unit tests in development and CI only)
NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]
RAW_KEYS = {name: dg.AssetKey(["raw", name]) for name in load_contract()}


class _KeptModelChecks(logging.Filter):
    """Drops Dagster's warning, one per test, that a dbt test of the build step gave no
    result: a build that keeps models as published does not run the tests that read only
    them (they passed on the same tables in the build that made them), and says how many
    models it kept in its own report."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("Blocking asset check")
            and "emitted no result in step 'warehouse_models'" in message
        )


logging.getLogger("dagster._core.execution.plan.active").addFilter(_KeptModelChecks())


def build_id_of(context) -> str:
    return context.run.run_id


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            group_name="ingest",
            description=f"raw.{name}: every landing file of {name} ({table.zh}), typed, with provenance.",
            kinds={"duckdb"},
            skippable=True,
        )
        for (name, key), table in zip(RAW_KEYS.items(), load_contract().values(), strict=True)
    ],
    can_subset=False,
)
def raw_exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[Any]:
    """Start a build in a copy of the published warehouse and bring raw in line with the
    landing folder: new and changed files are read, removed files' rows go, bad rows are
    quarantined with a reason, unreadable files are rejected."""
    build_path = warehouse.start_build()
    report(f"ingest: {warehouse.landing_path} -> {build_path.name}")
    with warehouse.connect_build() as con:
        summary = ingest_landing(
            con,
            warehouse.landing_path,
            build_id=build_id_of(context),
            progress=report,
            rehash=warehouse.full_rebuild,  # --full trusts no file's size and time
        )
    for entry in summary.by_status("rejected"):
        context.log.warning(f"rejected {entry.file_name}: {entry.reason}")
        report(f"rejected {entry.file_name}: {entry.reason}")
    for name, key in RAW_KEYS.items():
        entries = [e for e in summary.entries if e.table_name == name]
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "files": len(entries),
                "files_read": sum(e.status == "loaded" for e in entries),
                "files_rejected": sum(e.status == "rejected" for e in entries),
                "rows_loaded": sum(e.rows_loaded for e in entries if e.status == "loaded"),
                "rows_quarantined": sum(
                    e.rows_quarantined for e in entries if e.status == "loaded"
                ),
            },
        )
    report(
        f"ingest: {len(summary.by_status('loaded'))} files read, "
        f"{len(summary.by_status('unchanged'))} unchanged, {len(summary.by_status('rejected'))} rejected, "
        f"{summary.rows_loaded} rows loaded, {summary.rows_quarantined} quarantined"
    )


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            "great_expectations",
            asset=key,
            blocking=True,
            description="Great Expectations suite of the export contract on the rows loaded in this build.",
        )
        for key in RAW_KEYS.values()
    ],
    can_subset=False,
)
def raw_expectations(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.AssetCheckResult]:
    build_id = build_id_of(context)
    report("checks: Great Expectations on the rows loaded in this build")
    results = validate_build_in_child(str(warehouse.paths.next), build_id)
    for name, key in RAW_KEYS.items():
        mine = [r for r in results if r.table_name == name]
        errors = [r for r in mine if not r.success and r.severity == "error"]
        warnings = [r for r in mine if not r.success and r.severity == "warn"]
        yield dg.AssetCheckResult(
            asset_key=key,
            check_name="great_expectations",
            passed=not errors and not warnings,
            severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
            metadata={
                "expectations": len(mine),
                "failed": json.dumps(
                    [
                        f"{r.expectation}({r.column_name}): {r.unexpected_count}"
                        for r in errors + warnings
                    ],
                    ensure_ascii=False,
                ),
            },
        )


class HuilongDbtTranslator(DagsterDbtTranslator):
    """Asset group = the model's layer folder (staging, intermediate, marts, seeds)."""

    def get_group_name(self, dbt_resource_props: dict[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn") or []
        if dbt_resource_props.get("resource_type") == "seed":
            return "seeds"
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=dbt_project().manifest_path,
    project=dbt_project(),
    dagster_dbt_translator=HuilongDbtTranslator(),
)
def warehouse_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """dbt build (models, seeds and data tests; unit tests run in `make test`) into the build
    file: every model, or, when the last complete build left its state, only those whose raw
    tables changed."""
    when = f"as of {warehouse.as_of_date}" if warehouse.as_of_date else "as of the latest receipt"
    project = dbt_project()
    manifest = json.loads(Path(project.manifest_path).read_text(encoding="utf-8"))
    keep: list[str] = []  # unique_ids of the models kept as published, parents first
    kept_before = None  # the forecast's origins before this date keep their rows
    receipt_files = None  # the receipt files whose rows changed, when receipts alone did
    with warehouse.connect_build() as con:
        if context.is_subset:
            # a partial build leaves models behind their raw tables: no state is stored, so
            # the next build runs all
            current: dict[str, str] = {}
            decided = Plan(True, "a partial build (--select)")
        else:
            current = current_state(con, project.project_dir, warehouse.as_of_date)
            if warehouse.full_rebuild:
                decided = Plan(True, "a full rebuild was asked for")
            else:
                stored = read_state(con)
                decided = plan(stored, current)
                kept_before = forecast_kept_before(con, decided, stored, current)
                receipt_files = receipt_files_changed(decided, stored, current)
        if not decided.full:
            rerun = downstream(manifest, decided.changed)
            keep = [u for u in refables_in_order(manifest) if u not in rerun]
            if missing := missing_tables(con, manifest, set(keep)):
                decided = Plan(True, f"{len(missing)} tables are missing, e.g. {missing[0]}")
                keep, kept_before, receipt_files = [], None, None
    scope = (
        "every model" if decided.full else f"models of changed raw tables only ({decided.reason})"
    )
    report(f"dbt: build {when}, {scope}" + (f"; {decided.reason}" if decided.full else ""))
    if kept_before:
        report(f"dbt: forecast origins before {kept_before} keep their rows (only new receipts)")
    done = 0
    with dbt_target_path() as target:
        # dbt reads the build file, the as-of date and the memory cap from the environment (an
        # env var, not --vars: a new --vars value makes dbt re-parse the whole project, an env
        # var only the one model that reads it); restored afterwards so in-process builds
        # cannot leak them. The build file is named by a path that stays the same from build
        # to build in this target folder, for the same reason (see stable_database_path).
        overrides = {
            DUCKDB_PATH_ENV: str(stable_database_path(target, warehouse.paths.next)),
            "HUILONG_AS_OF": warehouse.as_of_date,
            MEMORY_LIMIT_ENV: duckdb_memory_limit(),  # the one cap ingest uses too
            FORECAST_KEPT_BEFORE_ENV: kept_before.isoformat() if kept_before else "",
            CHANGED_RAW_ENV: "" if decided.full else ",".join(decided.changed),
            RECEIPT_FILES_CHANGED_ENV: "" if receipt_files is None else json.dumps(receipt_files),
            # dbt's own log file (dbt.log in the target folder): what ran and how it ended, in
            # text, unless set otherwise. dbt's default, every debug event (each statement) as
            # JSON, wrote 11-13 MB per build of the team fixture (534 nodes); this, 126 KB
            "DBT_LOG_LEVEL_FILE": os.environ.get("DBT_LOG_LEVEL_FILE") or "info",
            "DBT_LOG_FORMAT_FILE": os.environ.get("DBT_LOG_FORMAT_FILE") or "text",
        }
        saved = {k: os.environ.get(k) for k in overrides}
        os.environ.update(overrides)
        try:
            if decided.full:
                # cautious: in a partial build, skip tests that also read models left out of it;
                # --full-refresh: incremental models are made anew too
                args = [
                    "build",
                    "--full-refresh",
                    "--indirect-selection",
                    "cautious",
                    *NO_UNIT_TESTS,
                ]
                events = dbt.cli(args, context=context, target_path=target).stream()
            else:
                yield from _keep_unchanged(manifest, keep)
                events = (
                    _dbt_build_selected(context, dbt, manifest, decided.selection, target)
                    if decided.changed
                    else iter(())
                )
            for event in events:
                done += 1
                if done % 25 == 0:
                    report(f"dbt: {done} models and tests done")
                yield event
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    with warehouse.connect_build() as con:
        write_state(con, current, build_id_of(context))
    report(f"dbt: {done} models and tests done, {len(keep)} tables kept as published")


def _keep_unchanged(manifest: dict, keep: list[str]) -> Iterator[Any]:
    """A materialization of each model left as published (none downstream of a changed raw
    table, so every parent is kept too), in the order given: parents first, as Dagster wants."""
    project = dbt_project()
    translator = HuilongDbtTranslator()
    for uid in keep:
        yield dg.MaterializeResult(
            asset_key=translator.get_asset_spec(manifest, uid, project).key,
            metadata={"kept": "its code and raw tables are unchanged"},
        )


def _dbt_build_selected(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    manifest: dict,
    selection: str,
    target: Path,
) -> Iterator[Any]:
    """dbt build of ``selection`` and every test that reads one of its models (eager: a
    test between a rebuilt model and a kept one runs too). dagster-dbt would add a selection
    of every asset of the run to the command, so dbt is started without the run's context
    and its events are given that context here."""
    translator = HuilongDbtTranslator()
    args = ["build", "--select", selection, "--indirect-selection", "eager", *NO_UNIT_TESTS]
    invocation = dbt.cli(
        args, manifest=manifest, dagster_dbt_translator=translator, target_path=target
    )
    for raw in invocation.stream_raw_events():
        yield from raw.to_default_asset_events(
            manifest=manifest,
            dagster_dbt_translator=translator,
            context=context,
            target_path=target,
        )


def _dbt_model_keys() -> list[dg.AssetKey]:
    return [key for key in warehouse_models.keys]


@dg.asset(
    deps=_dbt_model_keys(),
    group_name="publish",
    kinds={"duckdb"},
    description="The published warehouse: the finished build swapped in atomically.",
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    report("publish: swapping the new warehouse in")
    info = warehouse.publish(build_id_of(context))
    report(f"publish: {warehouse.paths.warehouse} as of {info['as_of_date']}")
    return dg.MaterializeResult(metadata={k: v for k, v in info.items() if v is not None})
