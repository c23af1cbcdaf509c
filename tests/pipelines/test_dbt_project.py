"""dbt keeps its parse between builds of different warehouses: the profile's DuckDB path is
the same string in a target folder, through a link to the build file's folder."""

import json
import os
import re
import subprocess

import duckdb

from pipelines.dbt_project import (
    dbt_command,
    dbt_env,
    dbt_executable,
    dbt_resource,
    stable_database_path,
)
from pipelines.settings import DUCKDB_PATH_ENV


def test_link_points_at_the_database_folder_and_wal_lands_there(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    first, second = tmp_path / "a" / "huilong.duckdb.next", tmp_path / "b" / "huilong.duckdb.next"
    first.parent.mkdir()
    second.parent.mkdir()

    path = stable_database_path(target, first)
    assert path == target / "db" / "huilong.duckdb.next"
    with duckdb.connect(str(path)) as con:
        con.execute("set checkpoint_threshold = '1TB'")
        con.execute("create table t as select 1 as a")
        # DuckDB writes its WAL beside the file the link leads to, not in the target folder
        assert sorted(p.name for p in first.parent.iterdir()) == [
            "huilong.duckdb.next",
            "huilong.duckdb.next.wal",
        ]
        assert con.execute("select database_name from duckdb_databases() limit 1").fetchone() == (
            "huilong",
        )
    assert sorted(p.name for p in target.iterdir()) == ["db"]

    # the next build, in another folder: the same string, now leading to that folder
    assert stable_database_path(target, second) == path
    with duckdb.connect(str(path)) as con:
        con.execute("create table u as select 2 as b")
    assert (second.parent / "huilong.duckdb.next").exists()
    with duckdb.connect(str(first), read_only=True) as con:
        assert con.execute("select table_name from duckdb_tables()").fetchall() == [("t",)]
    # the same folder again leaves the link as it is
    before = os.lstat(target / "db").st_ino
    assert stable_database_path(target, second) == path
    assert os.lstat(target / "db").st_ino == before


def _parse(target, path):
    """The names of the events of a `dbt parse` into ``target``, its DuckDB path ``path``."""
    proc = subprocess.run(
        dbt_command("parse", target, "--log-format", "json", "--log-level", "debug"),
        env=dbt_env(**{DUCKDB_PATH_ENV: str(path)}),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    return {
        json.loads(line)["info"]["name"] for line in proc.stdout.splitlines() if line[:1] == "{"
    }


def test_dbt_keeps_its_parse_when_the_next_build_is_another_warehouse(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    _parse(target, stable_database_path(target, tmp_path / "a" / "huilong.duckdb.next"))
    events = _parse(target, stable_database_path(target, tmp_path / "b" / "huilong.duckdb.next"))
    assert "UnableToPartialParse" not in events
    assert "PartialParsingEnabled" in events or "PartialParsingSkipParsing" in events
    # the real path instead, as before the link: dbt parses the whole project again
    assert "UnableToPartialParse" in _parse(target, tmp_path / "a" / "huilong.duckdb.next")


# --- the dbt resource's two shortcuts ------------------------------------------------------


def test_the_resource_knows_the_version_dbt_reports_without_starting_it(monkeypatch):
    """What `dbt --version` (the executable every build runs) prints, the resource reads from
    the installed package; the names overridden are still dagster-dbt's own."""
    import dagster_dbt.core.resource
    from dagster_dbt import DbtCliResource

    def no_process(*args, **kwargs):
        raise AssertionError(f"started {args}")

    for name in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert name in vars(DbtCliResource), f"dagster-dbt no longer has {name}"
    printed = subprocess.run(
        [dbt_executable(), "--version"], capture_output=True, text=True, check=True
    ).stdout
    core = re.search(r"installed:\s*(\d+\.\d+\.\d+)", printed)
    assert core, printed
    monkeypatch.setattr(dagster_dbt.core.resource, "check_output", no_process)
    assert str(dbt_resource()._cli_version) == core.group(1)
    assert dbt_resource()._initialize_dbt_core_adapter(["build"]) is None
