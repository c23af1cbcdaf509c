"""What every page needs to know about the published build: its as-of date, the projects,
the months of history, and the definition (口径) of every mart column."""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import run

LAST_BUILD = """
select build_id, started_at, finished_at, as_of_date, status, duration_seconds,
       files_loaded, rows_loaded, rows_quarantined, files_rejected, message
from audit.builds
where as_of_date is not null
order by finished_at desc nulls last
limit 1
"""

PROJECTS = "select project_id, project_name from marts.dim_project order by project_id"

MONTHS = """
select min(month) as first_month, max(month) as last_month from (
    select month from marts.fct_cash_collected_monthly
    union all select month from marts.fct_collections_monthly
    union all select month from marts.fct_sales_monthly
)
"""

DEFINITIONS = """
select table_name, column_name, comment
from duckdb_columns()
where schema_name = 'marts' and comment is not null
"""

DEFINITION = """
select comment from duckdb_columns()
where schema_name = 'marts' and table_name = $table and column_name = $column
"""


def last_build() -> pd.Series | None:
    """The build that published this warehouse (the latest one recorded in it)."""
    frame = run(LAST_BUILD)
    return None if frame.empty else frame.iloc[0]


def as_of_date() -> date | None:
    build = last_build()
    return None if build is None else build["as_of_date"]


def projects() -> pd.DataFrame:
    return run(PROJECTS)


def month_bounds() -> tuple[date | None, date | None]:
    """First and last month (first days) of the monthly histories."""
    frame = run(MONTHS)
    first, last = frame["first_month"].iloc[0], frame["last_month"].iloc[0]
    return (None if pd.isna(first) else first), (None if pd.isna(last) else last)


def definition(table: str, column: str) -> str:
    """The column's definition (口径) as persisted from the dbt docs; '' when it has none."""
    frame = run(DEFINITION, {"table": table, "column": column})
    return "" if frame.empty or frame["comment"].iloc[0] is None else str(frame["comment"].iloc[0])
