"""Which dbt models a build must run, and which it can keep from the published warehouse.

A build starts from a copy of the published warehouse, so every model table of the last
build is already there. A model's table is a function of its code and of the raw rows under
it, so it can be kept when neither changed. The last complete build leaves in
``audit.dbt_state`` what it was built from:

- ``project``: a fingerprint of the dbt project's files and of the dbt, adapter and DuckDB
  versions (any change: everything runs);
- ``as_of``: the as-of setting of the build (``--as-of`` / HUILONG_AS_OF; a change:
  everything runs);
- ``raw.<table>``: a fingerprint of the table's rows: per landing file its sha256, row count
  and load times (a file added, changed, removed or rejected changes it).

The next build runs only the models downstream of a raw table whose fingerprint changed
(``source:raw.<table>+``), with every test that reads one of them; it runs everything when
there is no state to compare with (a first build, an older warehouse, or a partial
``--select`` build, which leaves models behind and so clears the state).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import duckdb

from .ingest.sqltext import ident

STATE_TABLE = "audit.dbt_state"
STATE_DDL = (
    f"create table if not exists {STATE_TABLE} (key varchar, value varchar, build_id varchar)"
)

#: Files of the dbt project that decide what a model computes.
PROJECT_FILES = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
PROJECT_TOP_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "package-lock.yml")
VERSIONED = ("dbt-core", "dbt-duckdb", "duckdb")


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over every project file (path and bytes) and the versions that run them."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in PROJECT_FILES:
        folder = project_dir / name
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    files += [project_dir / n for n in PROJECT_TOP_FILES if (project_dir / n).is_file()]
    for path in sorted(files):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for package in VERSIONED:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def raw_files(con: duckdb.DuckDBPyConnection) -> dict[str, list[list[str]]]:
    """``raw.<table>`` -> one row per landing file in it: name, sha256, row count, load times."""
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw' order by 1"
        ).fetchall()
    ]
    out = {}
    for table in tables:
        files = con.execute(
            f"""select _file_name, _file_sha256, count(*), max(_file_modified_at), max(_loaded_at)
                from raw.{ident(table)} group by all order by all"""
        ).fetchall()
        out[f"raw.{table}"] = [[str(v) for v in row] for row in files]
    return out


def raw_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """``raw.<table>`` -> fingerprint of its rows by landing file (sha256, count, load times)."""
    return {key: _fingerprint(files) for key, files in raw_files(con).items()}


def _fingerprint(files: list[list[str]]) -> str:
    return hashlib.sha256(json.dumps(files).encode()).hexdigest()


def read_state(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'audit' and table_name = 'dbt_state'"
    ).fetchone()[0]
    if not exists:
        return {}
    return dict(con.execute(f"select key, value from {STATE_TABLE}").fetchall())


def write_state(con: duckdb.DuckDBPyConnection, state: dict[str, str], build_id: str) -> None:
    """Replace the stored state (an empty ``state`` clears it: the next build runs all)."""
    con.execute(STATE_DDL)
    con.execute("begin transaction")
    con.execute(f"delete from {STATE_TABLE}")
    if state:
        con.executemany(
            f"insert into {STATE_TABLE} values (?, ?, ?)",
            [(k, v, build_id) for k, v in sorted(state.items())],
        )
    con.execute("commit")


#: The environment variable that tells the forecast models which origins keep their rows.
FORECAST_KEPT_BEFORE_ENV = "HUILONG_FORECAST_KEPT_BEFORE"

#: The raw tables that changed since the last build, comma-separated, on a build that reruns
#: only their models; empty when every model runs. Models incremental by month read it.
CHANGED_RAW_ENV = "HUILONG_CHANGED_RAW_TABLES"

#: The receipt files whose rows changed since the last build (added, changed or gone), as a
#: JSON list of names, on a build where receipts alone changed; empty otherwise. The
#: receipts' staging, keyed and mart models go by the receipts of those files.
RECEIPT_FILES_CHANGED_ENV = "HUILONG_RECEIPT_FILES_CHANGED"

#: The raw tables whose file list the state keeps too, to tell new files from changed ones.
FILE_LISTED = ("raw.receipts",)


def current_state(con: duckdb.DuckDBPyConnection, project_dir: Path, as_of: str) -> dict[str, str]:
    files = raw_files(con)
    return {
        "project": project_fingerprint(project_dir),
        "as_of": as_of,
        **{key: _fingerprint(rows) for key, rows in files.items()},
        **{f"files:{key}": json.dumps(files[key]) for key in FILE_LISTED if key in files},
    }


@dataclass(frozen=True)
class Plan:
    """All models (``full``), or only those downstream of ``changed`` raw tables."""

    full: bool
    reason: str
    changed: tuple[str, ...] = ()

    @property
    def selection(self) -> str:
        """dbt selection of the models to run (empty: none)."""
        return " ".join(f"source:{name}+" for name in self.changed)


def plan(stored: dict[str, str], current: dict[str, str]) -> Plan:
    """What to run, given the state of the published build and of this one."""
    if not stored:
        return Plan(True, "no state of a complete build to compare with")
    if stored.get("project") != current["project"]:
        return Plan(True, "the dbt project or its versions changed")
    if stored.get("as_of", "") != current["as_of"]:
        return Plan(
            True,
            f"the as-of setting changed ({stored.get('as_of') or 'latest'} -> {current['as_of'] or 'latest'})",
        )
    tables = sorted(k for k in current if k.startswith("raw."))
    changed = tuple(t for t in tables if stored.get(t) != current[t])
    # no receipts at all: D falls back to today's date, which moves by itself
    if "raw.receipts" not in changed and not _has_rows(current, "raw.receipts"):
        changed = tuple(sorted({*changed, "raw.receipts"}))
    if not changed:
        return Plan(False, "no raw table changed")
    return Plan(False, f"changed: {', '.join(changed)}", changed)


EMPTY_FINGERPRINT = hashlib.sha256(b"[]").hexdigest()


def _has_rows(state: dict[str, str], key: str) -> bool:
    return state.get(key, EMPTY_FINGERPRINT) != EMPTY_FINGERPRINT


REFABLE = ("model", "seed", "snapshot")


def downstream(manifest: dict, sources: tuple[str, ...]) -> set[str]:
    """unique_ids of the models, seeds and snapshots downstream of the raw tables named
    (``raw.<table>``): what ``dbt build --select source:raw.<table>+`` runs."""
    children = manifest["child_map"]
    todo = [uid for uid in manifest["sources"] if uid.split(".", 2)[2] in sources]
    seen: set[str] = set()
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return {n for n in seen if n.split(".")[0] in REFABLE}


def refables_in_order(manifest: dict) -> list[str]:
    """Every model, seed and snapshot, each after all of its parents."""
    parents = manifest["parent_map"]
    nodes = sorted(uid for uid in parents if uid.split(".")[0] in REFABLE)
    placed: set[str] = set()
    order: list[str] = []

    def place(uid: str) -> None:
        if uid in placed:
            return
        placed.add(uid)
        for parent in sorted(parents.get(uid, [])):
            if parent.split(".")[0] in REFABLE:
                place(parent)
        order.append(uid)

    for uid in nodes:
        place(uid)
    return order


def missing_tables(con: duckdb.DuckDBPyConnection, manifest: dict, uids: set[str]) -> list[str]:
    """``schema.table`` of those nodes that are not in the database (a kept model must be)."""
    present = {
        (s, t)
        for s, t in con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "union all select schema_name, view_name from duckdb_views()"
        ).fetchall()
    }
    nodes = manifest["nodes"]
    wanted = sorted((nodes[u]["schema"], nodes[u].get("alias") or nodes[u]["name"]) for u in uids)
    return [f"{s}.{t}" for s, t in wanted if (s, t) not in present]


def forecast_kept_before(
    con: duckdb.DuckDBPyConnection, decided: Plan, stored: dict[str, str], current: dict[str, str]
) -> dt.date | None:
    """The date before which the forecast's backtest origins keep their rows, or None (all
    are worked out again); see macros/forecast_incremental.sql.

    The forecast at a date F reads only rows dated on or before F. So when receipts are the
    only raw table that changed, and only by new files (every file of the last build still
    there, unchanged), no row dated before the earliest receipt date those files touch
    changed: the dates of their own rows, and of the older rows of any receipt they issue
    again (a later version replaces the older one, wherever it was dated).
    """
    lists = _receipt_file_lists(decided, stored, current)
    if lists is None:
        return None
    old, new = lists
    if not old <= new or old == new:
        return None
    added = sorted(row[0] for row in new - old)
    earliest, undated = con.execute(
        """with added as (
               select receipt_id, receipt_date from raw.receipts
               where _file_name in (select unnest($added))
           ), touched as (
               select receipt_date from added
               union all
               select receipt_date from raw.receipts
               where _file_name not in (select unnest($added))
                   and receipt_id in (select receipt_id from added)
           )
           select min(receipt_date), count(*) filter (where receipt_date is null) from touched""",
        {"added": added},
    ).fetchone()
    return None if earliest is None or undated else earliest


def receipt_files_changed(
    decided: Plan, stored: dict[str, str], current: dict[str, str]
) -> list[str] | None:
    """The receipt files whose rows changed since the last build, when receipts are the only
    raw table that changed; None when that is not known (every receipt is worked out again).

    A file is listed when it came, went, or changed in any field the state keeps of it
    (content, row count, modification time): the latest version of a receipt depends on its
    rows and on the modification time and name of their files only, so a receipt none of
    these files holds, now or at the last build, keeps its version.
    """
    lists = _receipt_file_lists(decided, stored, current)
    if lists is None:
        return None
    old, new = lists
    return sorted({row[0] for row in old ^ new})


def _receipt_file_lists(
    decided: Plan, stored: dict[str, str], current: dict[str, str]
) -> tuple[set[tuple], set[tuple]] | None:
    """The receipt files of the last build and of this one (name, sha256, rows, times), when
    receipts are the only raw table that changed and both lists are stored; else None."""
    if decided.full or decided.changed != ("raw.receipts",):
        return None
    before, after = stored.get("files:raw.receipts"), current.get("files:raw.receipts")
    if before is None or after is None:
        return None
    return {tuple(row) for row in json.loads(before)}, {tuple(row) for row in json.loads(after)}
