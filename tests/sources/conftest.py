"""Generated data sets shared by the generator tests (each is generated once per session)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from sources.generator import generate
from sources.registry import load_contract

AS_OF = date(2026, 10, 31)


def _generate(tmp_path_factory, name: str, **kwargs):
    out = tmp_path_factory.mktemp(name)
    counts = generate(out=out, **kwargs)
    return out, counts


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    return _generate(tmp_path_factory, "tiny", scale="tiny", seed=7)


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    return _generate(tmp_path_factory, "demo", scale="demo", seed=7)


@pytest.fixture(scope="session")
def tiny_messy(tmp_path_factory):
    return _generate(tmp_path_factory, "tiny_messy", scale="tiny", seed=7, messy=True)


def load_clean(folder) -> duckdb.DuckDBPyConnection:
    """Every clean CSV of `folder` as a DuckDB table with the contract's column types."""
    con = duckdb.connect()
    for table in load_contract().values():
        cols = ", ".join(
            f"'{c.name}': '{'VARCHAR' if c.type in ('month', 'boolean') else c.duckdb_type}'"
            for c in table.columns
        )
        path = str(folder / f"{table.name}.csv")
        con.execute(
            f"create table {table.name} as select * from read_csv('{path}', header=true, "
            f"columns={{{cols}}}, quote='\"', escape='\"', strict_mode=true)"
        )
    return con
