"""The forecast tables' tests read the rows the build writes (macros/test_where.sql).

A receipts-only build keeps the forecast dates before HUILONG_FORECAST_KEPT_BEFORE as
published, so the tests of those tables carry the placeholder __forecast_origins_written__,
which becomes `forecast_as_of >= <that date>` when it is set and `true` (every row) when it
is not. Checked on the SQL dbt compiles for the tests of int_forecast_line_history.
"""

from __future__ import annotations

import subprocess

from pipelines.dbt_project import dbt_command, dbt_env
from pipelines.dbt_state import FORECAST_KEPT_BEFORE_ENV
from pipelines.settings import DBT_PROJECT_DIR


def compiled_tests(tmp_path, kept_before: str) -> dict[str, str]:
    target = tmp_path / "target"
    proc = subprocess.run(
        dbt_command(
            "compile",
            target,
            "--log-path",
            str(target),
            "--select",
            "int_forecast_line_history,test_type:generic",
        ),
        env=dbt_env(**{FORECAST_KEPT_BEFORE_ENV: kept_before}),
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    # the selection compiles the model's two generic tests (file names are hashed)
    return {
        path.name: " ".join(path.read_text().split())
        for path in (target / "compiled").rglob("*.sql")
        if path.parent.name == "_forecast__models.yml"
    }


def test_forecast_tests_read_the_dates_written(tmp_path):
    # with the variable unset every build of the test suite runs them over every row
    # (`where true`); one compile here, as each costs a dbt parse
    tests = compiled_tests(tmp_path, "2026-10-20")
    # the uniqueness of (date, line) and the settled-by-F rule, both filtered
    assert len(tests) == 2, sorted(tests)
    for name, sql in tests.items():
        assert "where forecast_as_of >= date '2026-10-20') dbt_subquery" in sql, (name, sql)
        assert "__forecast_origins_written__" not in sql, name
