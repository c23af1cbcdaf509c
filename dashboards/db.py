"""Short-lived read-only connections to the published warehouse.

DuckDB allows one writer or many readers. A build never writes the published file (it
swaps a finished one in with os.replace), so a reader only ever meets a lock while the
swap happens: it retries for a moment instead of failing the page.
"""

from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import duckdb
import pandas as pd

RETRIES = 20
RETRY_PAUSE_S = 0.1


def warehouse_path() -> Path:
    from pipelines.settings import default_warehouse

    return (
        Path(os.environ["HUILONG_WAREHOUSE"])
        if os.environ.get("HUILONG_WAREHOUSE")
        else default_warehouse()
    )


def warehouse_version(path: Path | None = None) -> int:
    """Changes whenever a new build is published; part of every cache key."""
    path = path or warehouse_path()
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def read_sql(sql: str, params: list | dict | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run one query on a fresh read-only connection, retrying while a publish holds the file."""
    path = path or warehouse_path()
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `huilong build` first")
    last: Exception | None = None
    for _ in range(RETRIES):
        try:
            with duckdb.connect(str(path), read_only=True) as con, warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                # through Arrow, so DECIMAL stays Decimal (exact to the fen) and DATE stays date
                return con.execute(sql, params or []).to_arrow_table().to_pandas()
        except duckdb.IOException as exc:
            last = exc
            time.sleep(RETRY_PAUSE_S)
    raise RuntimeError(f"the warehouse {path} stayed locked: {last}")
