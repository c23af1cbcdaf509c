"""Great Expectations suites on the raw tables, derived from export contract v1.

Great Expectations 1.x validates pandas DataFrames well but not DuckDB through SQLAlchemy,
so each table's rows loaded in this build are read into a DataFrame and validated there
(rows loaded by earlier builds were validated then; their results stay in audit.dq_results).

Severity: `error` expectations guard what every later model relies on (keys and required
values present, enum values canonical) and block publishing; `warn` ones report values a
person should look at (amounts or dates far outside the plausible) without blocking.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb
import pandas as pd

from sources.registry import Table, load_contract

from .ingest.sqltext import ident
from .settings import PROJECT_ROOT

#: Amounts beyond this many yuan in one row are implausible for a unit or a receipt.
MAX_PLAUSIBLE_AMOUNT = 1_000_000_000
EARLIEST_PLAUSIBLE_DATE = dt.date(1990, 1, 1)
#: Rows validated per Great Expectations batch (DuckDB vectors of 2,048 rows): ~1 M rows.
CHUNK_VECTORS = 500
#: DuckDB's cap while the checks read raw: it streams rows into DataFrames and needs little.
CHECKS_MEMORY_LIMIT = "1GB"
#: Unexpected values kept per expectation, as GE's own partial_unexpected_list (20).
PARTIAL_UNEXPECTED = 20


@dataclass(frozen=True)
class ExpectationResult:
    table_name: str
    expectation: str
    column_name: str | None
    success: bool
    severity: str
    unexpected_count: int
    element_count: int
    details: str


def _suite_for(table: Table, latest_allowed: dt.date):
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=f"raw_{table.name}")
    severities: dict[tuple[str, str | None], str] = {}

    def add(expectation, severity: str) -> None:
        suite.add_expectation(expectation)
        severities[(expectation.expectation_type, expectation.column)] = severity

    for col in table.columns:
        if col.required or col.name in table.key:
            add(gx.expectations.ExpectColumnValuesToNotBeNull(column=col.name), "error")
        if col.values:
            add(
                gx.expectations.ExpectColumnValuesToBeInSet(
                    column=col.name, value_set=list(col.values)
                ),
                "error",
            )
        if col.type == "money":
            low = -MAX_PLAUSIBLE_AMOUNT if col.allow_negative else 0
            add(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column=col.name, min_value=low, max_value=MAX_PLAUSIBLE_AMOUNT
                ),
                "warn",
            )
        if col.type == "date":
            add(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column=col.name,
                    min_value=dt.datetime.combine(EARLIEST_PLAUSIBLE_DATE, dt.time()),
                    max_value=dt.datetime.combine(latest_allowed, dt.time()),
                ),
                "warn",
            )
    return suite, severities


def validate_new_rows(
    con: duckdb.DuckDBPyConnection, file_shas: dict[str, list[str]], *, build_id: str
) -> list[ExpectationResult]:
    """Validate, per table, the rows of the files loaded in this build; store the results."""
    if not any(file_shas.values()):
        return []  # nothing new: skip importing Great Expectations (seconds) at all
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.execution_engine import pandas_execution_engine

    # GE fingerprints every frame under 1 GB (an MD5 of hash_pandas_object) as a batch
    # marker nobody here reads: half of all validation time at scale. Frames are not hashed
    # above the threshold, so a threshold of 0 turns the fingerprint off.
    pandas_execution_engine.HASH_THRESHOLD = 0
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("raw")
    latest_allowed = dt.date.today() + dt.timedelta(days=3650)
    results: list[ExpectationResult] = []
    for table in load_contract().values():
        shas = file_shas.get(table.name)
        if not shas:
            continue
        suite, severities = _suite_for(table, latest_allowed)
        # only the columns an expectation reads: every other column would cost a conversion
        expected = {column for _, column in severities}
        checked = [c for c in table.columns if c.name in expected]
        if not checked:
            continue
        columns = ", ".join(ident(c.name) for c in checked)
        cursor = con.execute(
            f"select {columns} from raw.{ident(table.name)} where _file_sha256 in (select unnest(?))",
            [shas],
        )
        asset = source.add_dataframe_asset(table.name)
        batches = asset.add_batch_definition_whole_dataframe("new_rows")
        totals: dict[tuple[str, str | None], dict] = {}
        # chunk by chunk: every expectation here is row by row, so counts add up exactly,
        # and memory stays at one chunk (12 M contacts in one frame took 5.3 GB at 1x)
        while not (frame := cursor.fetch_df_chunk(CHUNK_VECTORS)).empty:
            for col in checked:
                if col.type in ("date", "month"):
                    # nanosecond datetimes: GE compares those vectorised, any other unit row
                    # by row in Python (28 s instead of 0.1 s for 3 M contact dates)
                    frame[col.name] = pd.to_datetime(frame[col.name]).astype("datetime64[ns]")
                elif col.type in ("money", "area"):
                    frame[col.name] = frame[col.name].astype("float64")
            outcome = batches.get_batch(batch_parameters={"dataframe": frame}).validate(suite)
            for res in outcome.results:
                cfg = res.expectation_config
                key = (cfg.type, cfg.kwargs.get("column"))
                detail = res.result or {}
                total = totals.setdefault(
                    key,
                    {"success": True, "unexpected": 0, "elements": 0, "missing": 0, "sample": []},
                )
                total["success"] &= bool(res.success)
                total["unexpected"] += int(detail.get("unexpected_count") or 0)
                total["elements"] += int(detail.get("element_count") or len(frame))
                total["missing"] += int(detail.get("missing_count") or 0)
                room = PARTIAL_UNEXPECTED - len(total["sample"])
                total["sample"] += list(detail.get("partial_unexpected_list") or [])[:room]
        for (expectation, column), total in totals.items():
            # GE's unexpected_percent: of every value for not-null, of the non-missing otherwise
            base = total["elements"] - (
                0 if expectation == "expect_column_values_to_not_be_null" else total["missing"]
            )
            results.append(
                ExpectationResult(
                    table_name=table.name,
                    expectation=expectation,
                    column_name=column,
                    success=total["success"],
                    severity=severities[(expectation, column)],
                    unexpected_count=total["unexpected"],
                    element_count=total["elements"],
                    details=json.dumps(
                        {
                            "partial_unexpected_list": total["sample"],
                            "unexpected_percent": 100 * total["unexpected"] / base if base else 0.0,
                        },
                        ensure_ascii=False,
                        default=str,
                    ),
                )
            )
    checked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if results:
        con.executemany(
            "insert into audit.dq_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    build_id,
                    r.table_name,
                    r.expectation,
                    r.column_name,
                    r.success,
                    r.severity,
                    r.unexpected_count,
                    r.element_count,
                    r.details,
                    checked_at,
                )
                for r in results
            ],
        )
    return results


def files_loaded_by(con: duckdb.DuckDBPyConnection, build_id: str) -> dict[str, list[str]]:
    """Table -> sha256 of each file the ledger says this build loaded."""
    loaded = con.execute(
        "select table_name, list(sha256) from audit.file_ledger "
        "where build_id = ? and status = 'loaded' group by table_name",
        [build_id],
    ).fetchall()
    return dict(loaded)


def validate_build(path: str, build_id: str) -> list[ExpectationResult]:
    """Validate the rows the ledger says this build loaded into the build file at ``path``."""
    with duckdb.connect(path, config={"memory_limit": CHECKS_MEMORY_LIMIT}) as con:
        return validate_new_rows(con, files_loaded_by(con, build_id), build_id=build_id)


@dataclass
class _Child:
    """A checks child: ``python -m pipelines.quality``, waiting for one request on stdin."""

    proc: subprocess.Popen
    stderr: IO[bytes]


#: the checks child started ahead of the checks step by :func:`warm_checks`
_WARM: list[_Child] = []


def _start_child() -> _Child:
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the child; _finish closes it)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.quality"],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )
    return _Child(proc, stderr)


def _finish(child: _Child, request: str | None) -> tuple[int, str]:
    """Send the child its request (None: none, it exits), wait; its exit code and stderr."""
    with contextlib.suppress(BrokenPipeError):  # a child that died shows in its exit code
        if request is not None:
            child.proc.stdin.write(request + "\n")
        child.proc.stdin.close()
    code = child.proc.wait()
    child.stderr.seek(0)
    text = child.stderr.read().decode("utf-8", errors="replace")
    child.stderr.close()
    return code, text


@contextlib.contextmanager
def warm_checks() -> Iterator[None]:
    """Start the checks child now, so that it imports Great Expectations (3.8 s with pandas)
    while the build copies the warehouse and ingests; :func:`validate_build_in_child` hands
    it its request. A child handed none (nothing loaded, or the build stopped first) reads
    end-of-input and exits."""
    child = _start_child()
    _WARM.append(child)
    try:
        yield
    finally:
        if child in _WARM:
            _WARM.remove(child)
            _finish(child, None)


def validate_build_in_child(path: str, build_id: str) -> list[ExpectationResult]:
    """:func:`validate_build` in a child process, so that its memory goes back to the system
    before dbt starts.

    In the build's own process the DataFrames' strings stayed resident after they were freed
    (1.2 GB at 1x, which no gc or malloc_trim returned), beside dbt's 2.9 GB. A plain
    ``python -m pipelines.quality``, not multiprocessing: its children run the parent's
    ``__main__`` again first, and a build started after a Streamlit script had run in the
    same process (as the dashboard tests do) ran the whole app in the child, which died.
    The child is the one :func:`warm_checks` started, if any, else a new one.
    The caller must not hold a connection to ``path`` (DuckDB opens a file in one process).
    """
    with duckdb.connect(path) as con:
        if not any(files_loaded_by(con, build_id).values()):
            return []  # nothing new (an unchanged landing folder): no child at all
    child = _WARM.pop() if _WARM else _start_child()
    with tempfile.TemporaryDirectory(prefix="huilong-checks-") as tmp:
        out = Path(tmp) / "results.json"
        code, stderr = _finish(child, json.dumps([path, build_id, str(out)]))
        if code != 0:
            last = (stderr.strip().splitlines() or [f"exit code {code}"])[-1]
            raise RuntimeError(f"the Great Expectations checks failed: {last}")
        return [ExpectationResult(**r) for r in json.loads(out.read_text(encoding="utf-8"))]


def _main() -> None:
    """``python -m pipelines.quality``: the child's side. It imports Great Expectations, then
    reads one request, ``[BUILD_FILE, BUILD_ID, OUT_JSON]`` as a JSON line, from stdin."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations  # noqa: F401  (the import is the slow part, done while waiting)

    line = sys.stdin.readline()
    if not line.strip():
        return  # no request: the build loaded nothing or stopped before its checks
    path, build_id, out = json.loads(line)
    results = validate_build(path, build_id)
    Path(out).write_text(
        json.dumps([dataclasses.asdict(r) for r in results], ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    _main()
