"""Shared pytest fixtures: building a warehouse from a folder of export files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def build_warehouse(tmp_path_factory) -> Callable[..., Path]:
    """``build_warehouse(landing_dir, as_of=None, select=None) -> Path`` of a built warehouse.

    Runs the real build (ingest -> dbt build with every test -> publish); ``select`` (dbt
    syntax) limits dbt to some models and their tests, for checks that need only those.
    Builds of the same folder, as-of date and selection are cached for the session.
    """
    from pipelines.build import build_warehouse as run_build

    cache: dict[tuple[str, str | None, str | None], Path] = {}

    def _build(landing: Path, as_of: str | None = None, select: str | None = None) -> Path:
        key = (str(Path(landing).resolve()), as_of, select)
        if key not in cache:
            out = tmp_path_factory.mktemp("warehouse") / "huilong.duckdb"
            result = run_build(landing=Path(landing), warehouse=out, as_of=as_of, select=select)
            assert result.ok, result.message
            cache[key] = out
        return cache[key]

    return _build


def warehouse_in(tmp_path: Path, folder: str) -> Path:
    """A warehouse file ``huilong.duckdb`` in its own folder under ``tmp_path``.

    Every test build's file has the same name, as in a real deployment: dbt's profile names
    its catalog after the file, and a catalog other than the last build's in the same target
    folder makes dbt parse the whole project again (3-4 s) instead of only what changed.
    """
    path = tmp_path / folder / "huilong.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read-only query against a built warehouse."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


# --- comparing warehouses (incremental builds against from-scratch ones) -------------------


def comment_of(warehouse: Path, schema: str, table: str) -> str | None:
    """The comment on a table (a test marks a table to see whether a build kept it)."""
    rows = query(
        warehouse,
        "select comment from duckdb_tables() where schema_name = ? and table_name = ?",
        [schema, table],
    )
    return rows[0][0]


def set_published_as_of(con: duckdb.DuckDBPyConnection, as_of: str) -> None:
    """Set the D of the last published build (audit.builds), as if that build had been then:
    the next build's incremental models work out what lies between that D and its own."""
    con.execute(
        "update audit.builds set as_of_date = ? "
        "where finished_at = (select max(finished_at) from audit.builds)",
        [as_of],
    )


def tables(warehouse: Path) -> list[tuple[str, str]]:
    """The dbt project's tables and views."""
    return query(
        warehouse,
        "select schema_name, table_name from duckdb_tables() "
        "where schema_name in ('seeds', 'staging', 'intermediate', 'marts') "
        "union all select schema_name, view_name from duckdb_views() "
        "where schema_name in ('seeds', 'staging', 'intermediate', 'marts') order by all",
    )


def differing_tables(a: Path, b: Path) -> list[str]:
    """Tables and views whose rows differ between two warehouses (EXCEPT ALL both ways)."""
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    out = []
    for schema, table in tables(a):
        name = f'"{schema}"."{table}"'
        for x, y in (("a", "b"), ("b", "a")):
            n = con.execute(
                f"select count(*) from (select * from {x}.{name} except all select * from {y}.{name})"
            ).fetchone()[0]
            if n:
                out.append(f"{schema}.{table}: {n} rows only in {x}")
    return out


#: xdist groups, the longest first (seconds of one run on this 2-core machine, 2026-11-24):
#: forecast_incremental 269, thin 216, sales 155, team_incremental 131, forecast 71,
#: receivables 53, team 40. With --no-loadscope-reorder xdist hands groups out in this
#: order: the longest start first and the short ones fill in at the end. Its own reordering
#: (most tests first) started forecast_incremental, one test of 269 s, among the last, and
#: one worker ran it alone for about a minute at the end.
LONGEST_GROUPS_FIRST = (
    "forecast_incremental",
    "thin",
    "sales",
    "team_incremental",
    "team_incremental_customers",
    "forecast",
    "receivables",
    "team",
)


def _group_rank(item: pytest.Item) -> int:
    marker = item.get_closest_marker("xdist_group")
    if marker is None:
        return len(LONGEST_GROUPS_FIRST) + 1  # single tests, each its own unit, last
    name = marker.args[0] if marker.args else marker.kwargs.get("name")
    if name in LONGEST_GROUPS_FIRST:
        return LONGEST_GROUPS_FIRST.index(name)
    return len(LONGEST_GROUPS_FIRST)  # a new group: after the known ones


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest groups first (a stable sort: tests keep their order within a group)."""
    items.sort(key=_group_rank)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fail loudly when --dist loadgroup stops grouping: each fixture warehouse is built once
    per worker that needs it, so a silent break (pytest 9.2 with xdist 3.8 did this) costs
    minutes of every run and no test notices."""
    if not session.config.getoption("loadgroup", default=False):
        return
    ungrouped = [
        item.nodeid
        for item in session.items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
    ]
    if ungrouped:
        raise pytest.UsageError(
            f"xdist_group marks were not applied ({len(ungrouped)} tests, e.g. {ungrouped[0]}): "
            "check the pytest / pytest-xdist pins"
        )
