"""dbt's unit tests (the `unit_tests:` blocks of the models' YAML), run here once.

Warehouse builds leave them out (pipelines.assets.NO_UNIT_TESTS): they check a model's logic
on rows written in the YAML, so they say the same thing in every build. dbt still needs the
models' parents to exist for their column types, so they run against a copy of the thin
slice's full build.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from pipelines.dbt_project import dbt_command, dbt_env, ensure_manifest
from pipelines.settings import DBT_PROJECT_DIR, DUCKDB_PATH_ENV
from tests.conftest import FIXTURES

THIN = FIXTURES / "thin_slice" / "landing"

pytestmark = pytest.mark.xdist_group("thin")


def test_every_dbt_unit_test_passes(build_warehouse, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(build_warehouse(THIN), warehouse)
    declared = {
        uid
        for uid in json.loads(ensure_manifest().read_text()).get("unit_tests", {})
        if uid.startswith("unit_test.huilong.")
    }
    target = tmp_path / "target"
    proc = subprocess.run(
        dbt_command("test", target, "--log-path", str(target), "--select", "test_type:unit"),
        env=dbt_env(**{DUCKDB_PATH_ENV: str(warehouse)}),
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    results = json.loads((target / "run_results.json").read_text())["results"]
    failed = [r["unique_id"] for r in results if r["status"] != "pass"]
    assert not failed, f"{failed}\n{proc.stdout[-3000:]}"
    assert proc.returncode == 0, proc.stdout[-3000:]
    # every declared unit test ran (a selector that matched nothing would pass vacuously)
    assert {r["unique_id"] for r in results} == declared
    assert len(declared) >= 25
