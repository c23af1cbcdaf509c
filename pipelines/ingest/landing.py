"""Taking the landing folder into ``raw``: which files are new, changed, gone or unreadable.

The file ledger remembers each file by name and sha256. A file already loaded with the same
content is not parsed again; a file whose content changed has its old rows replaced; a file
that left the folder has its rows removed (the landing folder is the source of truth). Landing
files are only ever read.

A file whose size and modification time are those the ledger recorded is taken as unchanged
without being read, as rsync and git do (see :func:`_unchanged_by_stat`); ``rehash=True``
(``huilong build --full``) reads and hashes every file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sources.registry import load_contract, table_for_file

from .loader import load_file
from .reader import FileRejected, FileScan, prepare, scan_file
from .schema import ensure_schemas

IGNORED_PREFIXES = (".", "~$", "_")
#: A file modified this close to (or after) the start of the build that recorded it may have
#: been written again within the same timestamp tick (FAT and some network shares keep 1-2 s),
#: so its size and time alone do not prove it unchanged: it is hashed.
RACY_MARGIN = dt.timedelta(seconds=5)


@dataclass
class LedgerEntry:
    file_name: str
    table_name: str | None
    sha256: str
    size_bytes: int
    modified_at: dt.datetime
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    status: str = "loaded"
    reason: str | None = None


@dataclass
class IngestSummary:
    entries: list[LedgerEntry] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[LedgerEntry]:
        return [e for e in self.entries if e.status == status]

    @property
    def rows_loaded(self) -> int:
        return sum(e.rows_loaded for e in self.entries)

    @property
    def rows_quarantined(self) -> int:
        return sum(e.rows_quarantined for e in self.entries)

    def tables_touched(self) -> set[str]:
        return {e.table_name for e in self.entries if e.table_name and e.status != "unchanged"}


def landing_files(landing: Path) -> list[Path]:
    """Every file in the landing folder (sub-folders included), in name order."""
    if not landing.exists():
        return []
    return sorted(
        p
        for p in landing.rglob("*")
        if p.is_file() and not p.name.startswith(IGNORED_PREFIXES) and p.name != "README.md"
    )


def _relative(path: Path, landing: Path) -> str:
    return path.relative_to(landing).as_posix()


def _delete_file_rows(con: duckdb.DuckDBPyConnection, file_name: str) -> None:
    for table in load_contract():
        con.execute(f'delete from raw."{table}" where _file_name = ?', [file_name])
    con.execute("delete from audit.quarantined_rows where file_name = ?", [file_name])


def _modified_at(stat: os.stat_result) -> dt.datetime:
    """The file's modification time as the ledger keeps it (UTC, microseconds)."""
    return dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(tzinfo=None)


def _unchanged_by_stat(before: tuple | None, stat: os.stat_result) -> bool:
    """The ledger's last entry for the file has its size and modification time, and the file
    was already that old when that build started (else it may be racily clean)."""
    if before is None:
        return False
    size, modified_at, recorded_at = before[6:9]
    return (
        size == stat.st_size
        and modified_at == _modified_at(stat)
        and modified_at < recorded_at - RACY_MARGIN
    )


def ingest_landing(
    con: duckdb.DuckDBPyConnection,
    landing: Path,
    *,
    build_id: str,
    progress: Callable[[str], None] | None = None,
    rehash: bool = False,
) -> IngestSummary:
    """Bring ``raw`` in line with the landing folder; record every file in the ledger.

    ``rehash``: hash every file, also those whose size and modification time say unchanged.
    """
    ensure_schemas(con)
    summary = IngestSummary()
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    previous = {
        row[0]: row[1:]
        for row in con.execute(
            """select file_name, sha256, status, reason, rows_read, rows_loaded, rows_quarantined,
                      size_bytes, file_modified_at, loaded_at
               from audit.file_ledger
               qualify row_number() over (partition by file_name order by loaded_at desc) = 1
               and status in ('loaded', 'unchanged', 'rejected')"""
        ).fetchall()
    }
    files = landing_files(landing)
    names = [_relative(p, landing) for p in files]
    present = set(names)
    stats = [p.stat() for p in files]
    # known by size and time: not read at all. Hashing the 1x landing folder (2.9 GB) was
    # 6.0 s of the 6.3 s ingest of one day's receipts
    known = [
        not rehash and _unchanged_by_stat(previous.get(name), st)
        for name, st in zip(names, stats, strict=True)
    ]

    with (
        tempfile.TemporaryDirectory(prefix="huilong-ingest-") as scratch_dir,
        # one thread reads and hashes the next files while DuckDB loads this one
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="huilong-scan") as scanner,
    ):
        scratch = Path(scratch_dir)
        # blank lines are searched for in new files only: see scan_file
        scans = [
            None if skip else scanner.submit(scan_file, path, find_blank=name not in previous)
            for path, name, skip in zip(files, names, known, strict=True)
        ]
        for path, name, stat, pending in zip(files, names, stats, scans, strict=True):
            scan: FileScan = pending.result() if pending else FileScan(previous[name][0], True)
            entry = LedgerEntry(
                file_name=name,
                table_name=None,
                sha256=scan.sha256,
                size_bytes=stat.st_size,
                modified_at=_modified_at(stat),
            )
            table = table_for_file(path.name)
            entry.table_name = table.name if table else None
            before = previous.get(name)
            if before and before[0] == entry.sha256:
                # same content as last time: not parsed again, its rows stay as they are
                status, reason, *counts = before[1:6]
                entry.rows_read, entry.rows_loaded, entry.rows_quarantined = counts
                entry.status = "rejected" if status == "rejected" else "unchanged"
                entry.reason = reason
                summary.entries.append(entry)
                continue
            if progress:
                progress(f"reading {name}")
            con.execute("begin transaction")
            try:
                _delete_file_rows(con, name)
                if table is None:
                    raise FileRejected(
                        "the file name matches no table of export contract v1 "
                        "(name it after its table, e.g. receipts_2024-06.csv or 收款明细_2024-06.csv)"
                    )
                prepared = prepare(
                    path, table, scratch, may_have_blank_lines=scan.may_have_blank_lines
                )
                result = load_file(
                    con,
                    prepared,
                    table,
                    file_name=name,
                    sha256=entry.sha256,
                    modified_at=entry.modified_at,
                    loaded_at=loaded_at,
                )
                entry.rows_read = result.rows_read
                entry.rows_loaded = result.rows_loaded
                entry.rows_quarantined = result.rows_quarantined
                con.execute("commit")
            except FileRejected as exc:
                con.execute("commit")  # the delete of the file's old rows stands
                entry.status, entry.reason = "rejected", str(exc)
            except duckdb.Error as exc:
                con.execute("rollback")
                con.execute("begin transaction")
                _delete_file_rows(con, name)
                con.execute("commit")
                entry.status = "rejected"
                entry.reason = f"the file cannot be read as CSV: {str(exc).splitlines()[0]}"
            summary.entries.append(entry)

    for name in sorted(set(previous) - present):
        _delete_file_rows(con, name)
        summary.removed.append(name)

    rows = [
        (
            e.file_name,
            e.table_name,
            e.sha256,
            e.size_bytes,
            e.modified_at,
            e.rows_read,
            e.rows_loaded,
            e.rows_quarantined,
            e.status,
            e.reason,
            loaded_at,
            build_id,
        )
        for e in summary.entries
    ]
    rows += [
        (
            n,
            None,
            None,
            None,
            None,
            0,
            0,
            0,
            "removed",
            "the file left the landing folder",
            loaded_at,
            build_id,
        )
        for n in summary.removed
    ]
    if rows:
        con.executemany(
            "insert into audit.file_ledger values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    return summary
