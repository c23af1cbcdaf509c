"""`huilong generate --messy` parses back to exactly the values of the clean output.

Both folders go through the real ingestion; per table the latest version of each key (the
rule staging applies: file modification time, then name, then line) must be equal, row for
row, and nothing may be quarantined or rejected.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import ingest_landing
from pipelines.ingest.sqltext import ident
from sources.generator import generate
from sources.registry import load_contract


def latest_rows(con: duckdb.DuckDBPyConnection, table) -> list[tuple]:
    cols = ", ".join(ident(c.name) for c in table.columns)
    key = ", ".join(ident(k) for k in table.key)
    return con.execute(
        f"""select {cols} from raw.{ident(table.name)}
            qualify row_number() over (partition by {key}
                order by _file_modified_at desc, _file_name desc, _row_number desc) = 1
            order by {key}"""
    ).fetchall()


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    loaded = {}
    for messy in (False, True):
        out = tmp_path_factory.mktemp("messy" if messy else "clean")
        generate(scale="tiny", seed=11, out=out, messy=messy)
        con = duckdb.connect()
        summary = ingest_landing(con, Path(out), build_id="t")
        loaded[messy] = (con, summary, out)
    return loaded


def test_messy_output_uses_the_forms_real_exports_come_in(both):
    _, summary, out = both[True]
    suffixes = {e.file_name.rsplit(".", 1)[-1] for e in summary.entries}
    assert suffixes == {"csv", "xlsx"}
    assert any(not e.file_name.isascii() for e in summary.entries)  # Chinese file names
    assert len({e.file_name for e in summary.entries if e.table_name == "receipts"}) > 2  # drops


def test_messy_files_all_load_without_quarantine(both):
    _, summary, _ = both[True]
    bad = [
        (e.file_name, e.status, e.reason, e.rows_quarantined)
        for e in summary.entries
        if e.status != "loaded" or e.rows_quarantined
    ]
    assert bad == []


@pytest.mark.parametrize("table", sorted(load_contract()))
def test_messy_values_equal_clean_values(both, table):
    spec = load_contract()[table]
    clean = latest_rows(both[False][0], spec)
    messy = latest_rows(both[True][0], spec)
    assert len(clean) > 0
    assert messy == clean
