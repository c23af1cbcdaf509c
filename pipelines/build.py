"""`huilong build`: the Dagster build job run in-process, with one lock per warehouse.

A build writes ``<warehouse>.next`` and swaps it in only when every step and every
error-severity check passed; any failure (or a kill) leaves the published file as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .settings import BuildPaths

if TYPE_CHECKING:
    import dagster as dg


class BuildLocked(RuntimeError):
    pass


@dataclass
class BuildResult:
    ok: bool
    message: str
    warehouse: Path
    as_of_date: str | None = None
    files_rejected: int = 0
    rows_quarantined: int = 0
    info: dict = field(default_factory=dict)


def _failure_message(result: dg.ExecuteInProcessResult) -> str:
    """Which step failed and why, in one line."""
    import dagster as dg

    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error
            text = (error.message or "").strip().splitlines() if error else []
            cause = error.cause if error else None
            while cause is not None and cause.cause is not None:
                cause = cause.cause
            detail = (cause.message.strip().splitlines()[0] if cause and cause.message else "") or (
                text[0] if text else "unknown error"
            )
            return f"step {event.step_key} failed: {detail}"
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            evaluation = getattr(data, "evaluation", data)
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                return f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} failed"
    return "the build did not finish"


def _asset_selection(defs, select: str | None):
    """Asset keys of a partial build: the selected dbt models plus ingest and publish."""
    if not select:
        return None
    from dagster_dbt import build_dbt_asset_selection

    from .assets import published_warehouse, raw_exports, warehouse_models

    graph = defs.resolve_asset_graph()
    models = build_dbt_asset_selection([warehouse_models], dbt_select=select).resolve(graph)
    if not models:
        raise ValueError(f"--select {select!r} matches no dbt model")
    return sorted({*raw_exports.keys, *models, *published_warehouse.keys})


def _may_load_rows(landing: Path, warehouse: Path) -> bool:
    """Whether a landing file is newer than the published warehouse, so that the build will
    most likely load rows and check them. Only a guess, by modification times: it decides
    whether the checks child starts ahead (a child started for nothing costs 3.8 s of CPU)."""
    from .ingest import landing_files

    if not warehouse.exists():
        return True
    published = warehouse.stat().st_mtime
    return any(p.stat().st_mtime > published for p in landing_files(landing))


def build_warehouse(
    landing: Path | None = None,
    warehouse: Path | None = None,
    as_of: str | None = None,
    *,
    select: str | None = None,
    full: bool = False,
    progress: bool = False,
) -> BuildResult:
    """Run the whole build; return whether it published and a one-line message.

    ``select`` (dbt selection syntax, e.g. ``+fct_ar_aging``) rebuilds only those models and
    their tests on top of a copy of the published warehouse; ingest, checks and publish
    always run. The default, everything, is what a scheduled build does; within it dbt runs
    only the models whose raw tables changed since the last complete build (see
    pipelines.dbt_state), or every model with ``full``.
    """
    from .build_file import begin_copy
    from .settings import default_landing, default_warehouse

    if as_of:
        dt.date.fromisoformat(as_of)  # a wrong date fails here, before anything is touched
    paths = BuildPaths((warehouse or default_warehouse()).resolve())
    paths.warehouse.parent.mkdir(parents=True, exist_ok=True)
    resource_config = {
        "warehouse": str(paths.warehouse),
        "landing": str((landing or default_landing()).resolve()),
        "as_of": as_of or "",
        "full_rebuild": full,
    }
    if progress:
        os.environ["HUILONG_PROGRESS"] = "1"
    with paths.lock.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildLocked(f"another build of {paths.warehouse} is running") from exc
        # the copy of the published file, and the checks child's imports, run while Dagster
        # and dbt are imported; on the way out, in reverse: the instance, the child, the copy
        with contextlib.ExitStack() as stack:
            stack.enter_context(begin_copy(paths))
            from .quality import warm_checks

            if _may_load_rows(Path(resource_config["landing"]), paths.warehouse):
                stack.enter_context(warm_checks())
            import dagster as dg

            from .definitions import build_job, defs

            # in memory: the run's events are read from `result` and nothing outlives the
            # build. instance_for_test() kept them in SQLite on disk, one commit per event:
            # 8 s of this process's CPU in a 30 s build of the team fixture, none of it used
            instance = stack.enter_context(dg.DagsterInstance.ephemeral())
            result = defs.resolve_job_def(build_job.name).execute_in_process(
                asset_selection=_asset_selection(defs, select),
                instance=instance,
                raise_on_error=False,
                run_config={
                    "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
                    "resources": {"warehouse": {"config": resource_config}},
                },
            )
        if not result.success:
            for leftover in (paths.next, Path(f"{paths.next}.wal")):
                leftover.unlink(missing_ok=True)
            message = _failure_message(result)
            paths.build_info.write_text(
                json.dumps(
                    {
                        "status": "failed",
                        "message": message,
                        "finished_at": dt.datetime.now(dt.UTC).isoformat(),
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
            return BuildResult(False, message, paths.warehouse)
    info = json.loads(paths.build_info.read_text(encoding="utf-8"))
    message = (
        f"published {paths.warehouse} as of {info['as_of_date']}: "
        f"{info['files_read']} files read, {info['files_unchanged']} unchanged, "
        f"{info['files_rejected']} rejected; {info['rows_loaded']} rows in the warehouse, "
        f"{info['rows_quarantined']} quarantined"
    )
    return BuildResult(
        True,
        message,
        paths.warehouse,
        as_of_date=info["as_of_date"],
        files_rejected=info["files_rejected"],
        rows_quarantined=info["rows_quarantined"],
        info=info,
    )
