"""Dagster resources: where the landing folder and the warehouse are, and how a build is
published. Paths come from the run's configuration or the environment, never the cwd."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from .build_file import claim_copy
from .settings import (
    BuildPaths,
    default_as_of,
    default_landing,
    default_warehouse,
    duckdb_memory_limit,
)

_STARTED = time.monotonic()


def report(message: str) -> None:
    """Progress for people: one line on stderr while a build runs from the command line."""
    if os.environ.get("HUILONG_PROGRESS") == "1":
        elapsed = time.monotonic() - _STARTED
        print(f"[huilong {elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)


class WarehouseResource(dg.ConfigurableResource):
    """The published DuckDB file, the landing folder and the build's as-of date."""

    warehouse: str = ""
    landing: str = ""
    as_of: str = ""
    #: run every dbt model even where the last build's state says its table can be kept, and
    #: hash every landing file even where its size and time match the ledger
    full_rebuild: bool = False

    @property
    def paths(self) -> BuildPaths:
        return BuildPaths(Path(self.warehouse).resolve() if self.warehouse else default_warehouse())

    @property
    def landing_path(self) -> Path:
        return Path(self.landing).resolve() if self.landing else default_landing()

    @property
    def as_of_date(self) -> str:
        return self.as_of or default_as_of() or ""

    def start_build(self) -> Path:
        """Begin a build in ``<warehouse>.next``: a copy of the published file (so raw tables
        and the file ledger carry over and unchanged files are not read again), or empty."""
        paths = self.paths
        paths.warehouse.parent.mkdir(parents=True, exist_ok=True)
        claim_copy(paths)
        return paths.next

    def connect_build(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.paths.next), config={"memory_limit": duckdb_memory_limit()})

    def publish(self, build_id: str) -> dict:
        """Swap the finished build in atomically: open readers keep the old file, new readers
        see the new one, and a build that never gets here leaves the old one untouched."""
        paths = self.paths
        finished = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with duckdb.connect(str(paths.next)) as con:
            as_of = con.execute("select as_of_date from intermediate.int_as_of_date").fetchone()[0]
            totals = con.execute(
                """select count(*) filter (where status = 'loaded'),
                          count(*) filter (where status = 'unchanged'),
                          coalesce(sum(rows_loaded) filter (where status <> 'rejected'), 0),
                          coalesce(sum(rows_quarantined) filter (where status <> 'rejected'), 0),
                          count(*) filter (where status = 'rejected')
                   from audit.file_ledger where build_id = ?""",
                [build_id],
            ).fetchone()
            started = (
                con.execute(
                    "select min(loaded_at) from audit.file_ledger where build_id = ?", [build_id]
                ).fetchone()[0]
                or finished
            )
            con.execute(
                "insert into audit.builds values (?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?)",
                [
                    build_id,
                    started,
                    finished,
                    as_of,
                    (finished - started).total_seconds(),
                    totals[0],
                    totals[2],
                    totals[3],
                    totals[4],
                    None,
                ],
            )
            con.execute("checkpoint")
        os.replace(paths.next, paths.warehouse)
        info = {
            "build_id": build_id,
            "status": "published",
            "as_of_date": as_of.isoformat(),
            "finished_at": finished.isoformat(),
            "files_read": totals[0],
            "files_unchanged": totals[1],
            "rows_loaded": totals[2],
            "rows_quarantined": totals[3],
            "files_rejected": totals[4],
        }
        paths.build_info.write_text(json.dumps(info, indent=2), encoding="utf-8")
        return info
