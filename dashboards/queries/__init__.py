"""Every SQL the pages run, as functions with bound parameters, cached per published build."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.db import read_sql, warehouse_path, warehouse_version


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, params: tuple, path: str, version: int) -> pd.DataFrame:
    return read_sql(sql, list(params), path=__import__("pathlib").Path(path))


def run(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Rows of a marts query; the cache key includes the warehouse file's version, so a new
    publish is seen at the next rerun."""
    path = warehouse_path()
    return _cached(sql, tuple(params), str(path), warehouse_version(path))
