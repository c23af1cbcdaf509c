"""The dbt project as Dagster sees it, built once per process.

``@dbt_assets`` needs ``target/manifest.json`` when the code location is imported; it is
(re)generated with ``dbt parse`` whenever it is missing or older than a file of the project,
so a fresh clone and an edited model both load without a manual step.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from .settings import DBT_PROJECT_DIR

MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
TARGET_SLOTS = 4
WATCHED = ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml")


def dbt_executable() -> str:
    """The venv's dbt, found next to this interpreter (works without an activated venv)."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_command(command: str, target: Path | str, *args: str) -> list[str]:
    """The command line of a dbt ``command`` on this project, writing into ``target``."""
    return [
        dbt_executable(),
        command,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(target),
        *args,
    ]


def dbt_env(**extra: str) -> dict[str, str]:
    """The environment of a dbt command started here: this one, without usage statistics."""
    return {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **extra}


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in WATCHED:
        path = DBT_PROJECT_DIR / name
        files = [path] if path.is_file() else path.rglob("*") if path.exists() else []
        for f in files:
            if f.is_file():
                newest = max(newest, f.stat().st_mtime)
    return newest


def _stale() -> bool:
    return not MANIFEST.exists() or MANIFEST.stat().st_mtime < _newest_source_mtime()


def ensure_manifest() -> Path:
    """Parse the project when the manifest is missing or stale, one process at a time (test
    workers and `dagster` import the code location at once), into a private folder whose
    manifest is then moved in whole: a reader sees the old file or the new one, never half."""
    if _stale():
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        with (MANIFEST.parent / ".parse.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if _stale():
                with tempfile.TemporaryDirectory(dir=MANIFEST.parent, prefix=".parse-") as tmp:
                    subprocess.run(
                        dbt_command("parse", tmp, "--quiet"),
                        check=True,
                        env=dbt_env(),
                        cwd=DBT_PROJECT_DIR,
                    )
                    os.replace(Path(tmp) / "manifest.json", MANIFEST)
    return MANIFEST


@cache
def dbt_project() -> DbtProject:
    ensure_manifest()
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class HuilongDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without two costs paid by every ``dbt.cli`` call (py-spy on a
    build of the team fixture: about 2.5 s of CPU together, in a build of 30 s):

    - its ``_cli_version`` starts ``dbt --version`` (a Python process importing dbt, about
      1.5 s of CPU) to learn the version of the dbt next to this interpreter: that dbt is the
      dbt-core installed here, whose version dagster-dbt has already read from the package;
    - ``_initialize_dbt_core_adapter`` opens a dbt adapter in this process (1.2 s). The
      adapter serves only ``fetch_row_counts`` and ``fetch_column_metadata``, which this
      project does not call; without it the event stream is the same.

    Both are private to dagster-dbt (pinned in uv.lock); tests/pipelines/test_dbt_project.py
    fails when an upgrade renames them, so the override cannot go stale unseen.
    """

    @cached_property
    def _cli_version(self):
        from dagster_dbt.compat import DBT_PYTHON_VERSION

        if DBT_PYTHON_VERSION is None:  # no dbt-core importable here: ask the executable
            return super()._cli_version
        return DBT_PYTHON_VERSION

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 (dagster-dbt's signature)
        return None


def dbt_resource() -> DbtCliResource:
    return HuilongDbtCliResource(
        project_dir=dbt_project(),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=dbt_executable(),
    )


def stable_database_path(target: Path, database: Path) -> Path:
    """The path dbt is given for ``database``: the same string build after build in one
    target folder, through a link there to the database's own folder.

    dbt keeps its parse for the next run only if the profile's connection is unchanged, and
    the DuckDB path is part of it: every build into a new folder (each test's warehouse, the
    bench's scales in turn) parsed the whole project again (3.3-3.9 s against 0.6-1.0 s).
    The link is to the folder, not the file, so DuckDB's WAL and spill files sit next to the
    database as before (DuckDB opens the file it points at). The caller holds the target
    folder, so no other build repoints the link meanwhile. Where no link can be made, the
    database's own path (and a full parse)."""
    link = target / "db"
    folder = database.parent.resolve()
    try:
        if link.is_symlink() and os.readlink(link) == str(folder):
            return link / database.name
        if link.is_symlink():
            link.unlink()
        link.symlink_to(folder, target_is_directory=True)
    except OSError:
        return database
    return link / database.name


@contextmanager
def dbt_target_path() -> Iterator[Path]:
    """A target folder for one dbt build, reused build after build so dbt's partial-parse
    file there saves a full re-parse: the first of a few shared folders that no other build
    holds (builds of different warehouses may run at once), else a private temporary one."""
    for slot in range(TARGET_SLOTS):
        shared = DBT_PROJECT_DIR / "target" / ("build" if slot == 0 else f"build-{slot}")
        shared.mkdir(parents=True, exist_ok=True)
        lock = (shared / ".lock").open("w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        try:
            yield shared
        finally:
            lock.close()
        return
    with tempfile.TemporaryDirectory(prefix="huilong-dbt-") as private:
        yield Path(private)
