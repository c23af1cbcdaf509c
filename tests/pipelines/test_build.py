"""The build end to end: thin slice figures, rejected files, failed and killed builds."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.build import build_warehouse as run_build
from pipelines.build_file import begin_copy, claim_copy
from pipelines.settings import BuildPaths
from tests.conftest import FIXTURES, query, warehouse_in

THIN = FIXTURES / "thin_slice" / "landing"
#: The machinery tests (rejects, failures, kills, the command line) rebuild only the models
#: of the thin slice; full builds are proven by the fixture tests of each mart area.
THIN_MODELS = "+fct_cash_collected_monthly +int_deals_joined"


def receipts_total(folder: Path) -> dict[str, Decimal]:
    """Sum of the receipts files per month, computed from the CSV text (not by the warehouse)."""
    totals: dict[str, Decimal] = {}
    for path in sorted(folder.glob("receipts_*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                month = row["receipt_date"][:7]
                totals[month] = totals.get(month, Decimal(0)) + Decimal(row["amount"])
    return totals


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def published_thin(build_warehouse, tmp_path) -> tuple[Path, Path]:
    """A copy of the thin-slice landing folder and a published warehouse built from it (a
    copy of the session's build, so each machinery test pays only for the builds it tests)."""
    landing = tmp_path / "landing"
    shutil.copytree(THIN, landing)
    warehouse = warehouse_in(tmp_path, "w")
    shutil.copyfile(build_warehouse(THIN), warehouse)
    return landing, warehouse


def test_thin_slice_monthly_cash_equals_receipts_files(build_warehouse):
    warehouse = build_warehouse(THIN)
    rows = query(
        warehouse,
        "select strftime(month, '%Y-%m'), cash_collected from marts.fct_cash_collected_monthly order by 1",
    )
    assert dict(rows) == receipts_total(THIN)
    # by hand: May 20,000 + 50,000 + 300,000 + 1,234,567.89; June 100,000.50 - 20,000 + 88.01
    assert dict(rows) == {"2024-05": Decimal("1604567.89"), "2024-06": Decimal("80088.51")}
    as_of = query(warehouse, "select as_of_date from intermediate.int_as_of_date")[0][0]
    assert as_of.isoformat() == "2024-06-28"  # the latest receipt date


def test_raw_rows_keep_provenance(build_warehouse):
    warehouse = build_warehouse(THIN)
    rows = query(
        warehouse,
        "select receipt_id, _file_name, _row_number, length(_file_sha256) from raw.receipts "
        "where receipt_id in ('R0001', 'R0007') order by 1",
    )
    assert rows == [
        ("R0001", "receipts_2024-05.csv", 2, 64),
        ("R0007", "receipts_2024-06.csv", 4, 64),
    ]


def test_unreadable_file_is_rejected_with_reason_and_the_rest_loads(tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(THIN, landing)
    (landing / "receipts_2024-07.csv").write_bytes(b"\xff\xfe\x00\x00garbage\x81\x00\xfe")
    (landing / "receipts_2024-08.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    before = {p.name: sha(p) for p in landing.iterdir()}

    warehouse = warehouse_in(tmp_path, "w")
    result = run_build(landing=landing, warehouse=warehouse, select=THIN_MODELS)

    assert result.ok, result.message
    assert result.files_rejected == 2
    ledger = dict(
        query(
            warehouse,
            "select file_name, status || ': ' || coalesce(reason, '') from audit.file_ledger",
        )
    )
    assert ledger["receipts_2024-07.csv"].startswith("rejected: the file is UTF-16 text")
    assert ledger["receipts_2024-08.xlsx"].startswith("rejected: the workbook cannot be opened")
    assert ledger["receipts_2024-05.csv"] == "loaded: "
    total = query(warehouse, "select sum(cash_collected) from marts.fct_cash_collected_monthly")[0][
        0
    ]
    assert total == Decimal("1604567.89") + Decimal("80088.51")
    assert {p.name: sha(p) for p in landing.iterdir()} == before  # landing files untouched


def test_failed_build_leaves_the_published_warehouse_untouched(published_thin):
    landing, warehouse = published_thin
    published = sha(warehouse)

    # a contract id that equals another subscription's id: the deal key is no longer unique,
    # an error-severity dbt test fails and nothing may be published
    (landing / "subscriptions.csv").write_text(
        "subscription_id,unit_id,customer_id,subscription_date,deal_price,deposit_amount,sign_by_date,status\n"
        "X1,U1,K1,2024-05-01,1000000.00,50000.00,2024-05-15,active\n"
        "S9,U2,K2,2024-05-02,900000.00,50000.00,2024-05-16,signed\n",
        encoding="utf-8",
    )
    (landing / "contracts.csv").write_text(
        "contract_id,subscription_id,unit_id,customer_id,sign_date,contract_amount,payment_method,status\n"
        "X1,S9,U2,K2,2024-05-10,900000.00,one_off,active\n",
        encoding="utf-8",
    )
    result = run_build(landing=landing, warehouse=warehouse, select=THIN_MODELS)

    assert not result.ok
    assert "warehouse_models" in result.message
    assert sha(warehouse) == published
    assert not Path(f"{warehouse}.next").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.contracts").fetchone()[0] == 0


def test_the_copy_begun_before_the_job_is_claimed_by_its_ingest_or_removed(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"published " * 100_000)
    paths = BuildPaths(warehouse)
    wal = Path(f"{paths.next}.wal")
    wal.write_text("left by a killed build", encoding="utf-8")

    with begin_copy(paths):
        claim_copy(paths)  # what the ingest step does
    assert paths.next.read_bytes() == warehouse.read_bytes()
    assert not wal.exists()

    # the job failed before its ingest: the copy is not left behind
    with pytest.raises(ValueError), begin_copy(paths):
        raise ValueError("--select matches no dbt model")
    assert not paths.next.exists()
    assert warehouse.read_bytes() == b"published " * 100_000

    # a run from the Dagster UI has no copy begun: the ingest makes it
    claim_copy(paths)
    assert paths.next.read_bytes() == warehouse.read_bytes()


def test_the_checks_child_starts_ahead_only_when_a_landing_file_is_newer_than_the_warehouse(
    tmp_path,
):
    from pipelines.build import _may_load_rows

    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    landing.mkdir()
    old = landing / "receipts.csv"
    old.write_text("receipt_id\n", encoding="utf-8")
    assert _may_load_rows(landing, warehouse)  # no warehouse yet: the first build loads
    warehouse.write_bytes(b"published")
    os.utime(old, (time.time() - 60, time.time() - 60))
    assert not _may_load_rows(landing, warehouse)
    (landing / "receipts_2024-07.csv").write_text("receipt_id\n", encoding="utf-8")
    os.utime(warehouse, (time.time() - 30, time.time() - 30))
    assert _may_load_rows(landing, warehouse)


def test_a_selection_matching_no_model_leaves_no_copy(published_thin):
    landing, warehouse = published_thin
    published = sha(warehouse)
    with pytest.raises(ValueError, match="matches no dbt model"):
        run_build(landing=landing, warehouse=warehouse, select="no_such_model")
    assert sha(warehouse) == published
    assert not Path(f"{warehouse}.next").exists()


HUILONG = [sys.executable, "-m", "pipelines.cli"]


def build_args(landing: Path, warehouse: Path) -> list[str]:
    return [
        "build",
        "--landing",
        str(landing),
        "--warehouse",
        str(warehouse),
        "--select",
        THIN_MODELS,
    ]


def test_cli_strict_exit_code_and_last_line(published_thin):
    landing, warehouse = published_thin
    (landing / "收款明细_bad.csv").write_text(
        "收款编码,合同编码,收款日期,金额,款项,收款方式\nR9,C9,2025-13-45,10,首付,转账\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HUILONG_PROGRESS": "0"}
    args = build_args(landing, warehouse)
    strict = subprocess.run(
        HUILONG + args + ["--strict"], capture_output=True, text=True, env=env, cwd=landing
    )
    assert strict.returncode == 3, strict.stdout + strict.stderr
    lines = strict.stdout.strip().splitlines()
    assert "7 rows in the warehouse, 1 quarantined" in lines[-2]
    assert lines[-1].startswith("--strict: 1 rows quarantined and 0 files rejected")
    bad = subprocess.run(
        HUILONG + args + ["--as-of", "2024-02-30"], capture_output=True, text=True, cwd=landing
    )
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_killed_build_leaves_the_published_warehouse_readable(published_thin):
    landing, warehouse = published_thin
    published = sha(warehouse)
    (landing / "receipts_2024-07.csv").write_text(
        "receipt_id,contract_id,receipt_date,amount,item,method\nR0100,C001,2024-07-01,5.00,instalment,cash\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        HUILONG + build_args(landing, warehouse),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HUILONG_PROGRESS": "1"},
        start_new_session=True,
    )
    # the copy to .next begins before Dagster is imported: wait for the ingest's progress line
    watchdog = threading.Timer(120, os.killpg, (proc.pid, signal.SIGKILL))
    watchdog.start()
    started = any("] ingest: " in line for line in proc.stderr)
    watchdog.cancel()
    assert started, "the build never started its ingest"
    assert Path(f"{warehouse}.next").exists()
    time.sleep(1.0)  # well inside ingest or dbt
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()

    assert sha(warehouse) == published
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.receipts").fetchone()[0] == 7
    # the next build, from the command line, recovers from the leftover .next: exit 0
    env = {**os.environ, "HUILONG_PROGRESS": "0"}
    done = subprocess.run(
        HUILONG + build_args(landing, warehouse), capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        done.stdout.strip().splitlines()[-1].startswith(f"published {warehouse} as of 2024-07-01")
    )
    assert query(warehouse, "select count(*) from raw.receipts")[0][0] == 8


def test_as_of_limits_receipts(tmp_path):
    # 2024-06-04: May's 1,604,567.89 plus R0005 on 2024-06-03 (100,000.50)
    warehouse = warehouse_in(tmp_path, "w")
    result = run_build(landing=THIN, warehouse=warehouse, as_of="2024-06-04", select=THIN_MODELS)
    assert result.ok and result.as_of_date == "2024-06-04"
    total = "select sum(cash_collected) from marts.fct_cash_collected_monthly"
    assert query(warehouse, total)[0][0] == Decimal("1704568.39")


def marts_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every mart, sorted: two equal snapshots mean no figure changed."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
            ).fetchall()
        ]
        return {
            t: con.execute(f'select * from marts."{t}" order by all').fetchall() for t in tables
        }


def test_unchanged_rebuild_changes_nothing_while_readers_read_and_a_reexport_corrects(
    published_thin,
):
    import threading

    from dashboards.db import read_sql

    landing, warehouse = published_thin
    before = marts_snapshot(warehouse)

    # dashboards keep reading while the rebuild runs and publishes: no read may fail
    errors, reads, stop = [], [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                frame = read_sql(
                    "select sum(cash_collected) as s from marts.fct_cash_collected_monthly",
                    path=warehouse,
                )
                reads.append(frame["s"].iloc[0])
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))
            time.sleep(0.02)  # a busy dashboard, not a loop that starves the build of the GIL

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = run_build(landing=landing, warehouse=warehouse, select=THIN_MODELS)
    finally:
        stop.set()
        thread.join()
    assert result.ok, result.message
    assert errors == []
    assert len(reads) > 10 and set(reads) == {Decimal("1684656.40")}
    assert marts_snapshot(warehouse) == before
    statuses = query(
        warehouse,
        "select distinct status from audit.file_ledger where build_id = "
        "(select build_id from audit.builds order by finished_at desc limit 1)",
    )
    assert statuses == [("unchanged",)]

    # a later corrected re-export of June: R0005 was 100,000.50 and is really 100,000.00
    corrected = landing / "receipts_2024-06_corrected.csv"
    corrected.write_text(
        "receipt_id,contract_id,receipt_date,amount,item,method\n"
        "R0005,C001,2024-06-03,100000.00,instalment,bank_transfer\n",
        encoding="utf-8",
    )
    later = (landing / "receipts_2024-06.csv").stat().st_mtime + 60
    os.utime(corrected, (later, later))
    assert run_build(landing=landing, warehouse=warehouse, select=THIN_MODELS).ok
    june = query(
        warehouse,
        "select cash_collected from marts.fct_cash_collected_monthly where month = '2024-06-01'",
    )
    assert june == [(Decimal("80088.01"),)]  # 80,088.51 - 0.50
    assert query(warehouse, "select count(*) from raw.receipts where receipt_id = 'R0005'") == [
        (2,)
    ]
    assert query(warehouse, "select count(*) from marts.fct_receipts") == [(7,)]


# tests sharing a fixture warehouse run on one xdist worker, so it is built once
pytestmark = pytest.mark.xdist_group("thin")
