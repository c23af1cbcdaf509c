"""Where things live. Every path is absolute and derived from the project root or from an
environment variable, never from the current directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DASHBOARD_APP = PROJECT_ROOT / "dashboards" / "app.py"

#: The one variable dbt's profile and Dagster share: the DuckDB file a build writes.
DUCKDB_PATH_ENV = "HUILONG_DUCKDB_PATH"


def _path_from_env(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


def default_landing() -> Path:
    return _path_from_env("HUILONG_LANDING", PROJECT_ROOT / "sources" / "landing")


def default_warehouse() -> Path:
    return _path_from_env("HUILONG_WAREHOUSE", PROJECT_ROOT / "warehouse" / "huilong.duckdb")


#: DuckDB's memory cap for a build (ingest and every dbt model); beyond it DuckDB spills to
#: disk. A build hands it to dbt in this variable; the profile's own default only serves
#: dbt run by hand. At 1x large, 2.5 GB kept the build's largest process at 3.07 GB (target
#: 4 GB) for a build of 635 s; 3 GB let it reach 4.15 GB (build 547 s). Every model runs
#: under either since the contacts and line-state rewrites.
MEMORY_LIMIT_ENV = "HUILONG_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2500MB"


def duckdb_memory_limit() -> str:
    return os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT


def default_as_of() -> str | None:
    return os.environ.get("HUILONG_AS_OF") or None


@dataclass(frozen=True)
class BuildPaths:
    """The published warehouse and the file a build writes before it is swapped in."""

    warehouse: Path

    @property
    def next(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".next")

    @property
    def lock(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".lock")

    @property
    def build_info(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".build.json")
