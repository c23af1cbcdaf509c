"""Every SQL the pages run, as functions with bound parameters, cached per published build.

Queries name their parameters (``$projects``, ``$start``, ``$end``, ``$as_of`` ...) and take
them as a dict (dashboards.filters.Scope.params); no value is ever formatted into SQL.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards.db import read_sql, warehouse_path, warehouse_version

#: Every query filters projects by the same clause, written out in each statement:
#: ``(len($projects) = 0 or list_contains($projects, project_id))`` (an empty selection means
#: every project, and rows with no project).


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(sql: str, params: tuple, named: bool, path: str, version: int) -> pd.DataFrame:
    if named:
        bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return read_sql(sql, bound, path=Path(path))
    return read_sql(sql, list(params), path=Path(path))


def _freeze(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def run(sql: str, params: tuple | dict = ()) -> pd.DataFrame:
    """Rows of a marts query; the cache key includes the warehouse file's version, so a new
    publish is seen at the next rerun."""
    path = warehouse_path()
    if isinstance(params, dict):
        # pass only the names the statement uses: DuckDB refuses unused named parameters
        used = set(re.findall(r"\$(\w+)", sql))
        frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items() if k in used))
        return _cached(sql, frozen, True, str(path), warehouse_version(path)).copy()
    return _cached(sql, tuple(params), False, str(path), warehouse_version(path)).copy()


#: Rows a page's table holds at once. A list of a million receipts is seconds of Decimal
#: objects and megabytes to the browser, and nobody reads past a page; the downloads fetch
#: every row when clicked (dashboards.components.table).
TABLE_ROWS = 1_000


class ListQuery(str):
    """A statement that lists rows and ends in its ORDER BY: pages read it a page at a time
    (run_rows). Headlines over a list come from aggregate statements, never from its rows."""


def first_page(sql: str) -> str:
    return f"{sql.rstrip()}\nlimit {TABLE_ROWS}"


def run_rows(sql: ListQuery, params: dict) -> pd.DataFrame:
    """The first TABLE_ROWS rows of a list. ``frame.attrs``: ``complete`` (whether that is
    the whole list) and ``all_rows`` (a callable fetching every row, for the downloads)."""
    head = run(first_page(sql), params)
    head.attrs["complete"] = len(head) < TABLE_ROWS
    head.attrs["all_rows"] = partial(run, str(sql), params)
    return head
