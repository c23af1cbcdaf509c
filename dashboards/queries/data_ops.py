"""Queries of the data-ops page: builds, freshness per source, file ledger, quarantined rows
and data-quality results (schema audit)."""

from __future__ import annotations

import pandas as pd

from . import run

BUILDS = """
select build_id, started_at, finished_at, as_of_date, status, duration_seconds, files_loaded,
       rows_loaded, rows_quarantined, files_rejected, message
from audit.builds
order by started_at desc
limit 50
"""

FRESHNESS = """
select table_name, count(*) as files, sum(rows_loaded) as rows_loaded,
       sum(rows_quarantined) as rows_quarantined,
       max(file_modified_at) as latest_file_modified_at, max(loaded_at) as last_loaded_at
from audit.file_ledger
group by table_name
order by table_name
"""

LEDGER = """
select file_name, table_name, status, rows_read, rows_loaded, rows_quarantined, reason,
       size_bytes, file_modified_at, loaded_at, build_id
from audit.file_ledger
order by loaded_at desc, file_name
"""

QUARANTINE = """
select file_name, table_name, row_number, column_name, reason, raw_values, loaded_at
from audit.quarantined_rows
order by loaded_at desc, file_name, row_number
limit 5000
"""

DQ = """
select table_name, expectation, column_name, success, severity, unexpected_count,
       element_count, details, checked_at
from audit.dq_results
where build_id = (select build_id from audit.builds order by started_at desc limit 1)
order by success, severity, table_name, expectation
"""


def builds() -> pd.DataFrame:
    return run(BUILDS)


def freshness(now) -> pd.DataFrame:
    """Per source table: its files, rows, and how old its newest file is at ``now``."""
    frame = run(FRESHNESS)
    age = (pd.Timestamp(now) - pd.to_datetime(frame["latest_file_modified_at"])).dt.total_seconds()
    frame["age_hours"] = (age / 3600).round(1)
    return frame


def ledger() -> pd.DataFrame:
    return run(LEDGER)


def quarantine() -> pd.DataFrame:
    return run(QUARANTINE)


def dq() -> pd.DataFrame:
    return run(DQ)
