"""Turning a landing file, in any form export contract v1 allows, into something DuckDB's own
CSV reader can scan: UTF-8 text, a known number of lines to skip, and the header mapped to
canonical columns.

UTF-8 files (with or without BOM) are read in place. GB18030/GBK text is transcoded and XLSX
sheets are written out as CSV into a scratch folder; landing files are never modified.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import mmap
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sources.registry import Table, normalise_header

HEAD_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
TEXT_SUFFIXES = {".csv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


class FileRejected(Exception):
    """The whole file cannot be loaded; the message says why in words a clerk can act on."""


@dataclass
class PreparedFile:
    """A landing file ready for DuckDB."""

    source: Path
    csv_path: Path  # the file DuckDB reads (the source itself, or a scratch copy)
    encoding: str  # as found in the source
    header_line: int  # 1-based physical line of the header in csv_path
    headers: list[str]  # header cells as written in the file
    mapping: dict[int, str]  # header position -> canonical column
    blank_lines: list[int] = field(default_factory=list)  # physical blank lines after header
    line_offset: int = 0  # xlsx: csv line n is sheet row n + line_offset

    @property
    def n_columns(self) -> int:
        return len(self.headers)


@dataclass(frozen=True)
class FileScan:
    """What one read of a landing file tells before DuckDB parses it."""

    sha256: str
    #: an empty line somewhere (DuckDB's reader skips those), or the file was not searched
    may_have_blank_lines: bool


_SCAN_CHUNK = 1 << 20


def scan_file(path: Path, *, find_blank: bool = True) -> FileScan:
    """The file's sha256 and whether it has an empty line, in one sequential read.

    ``find_blank=False`` skips the search (``may_have_blank_lines`` is then True): for a file
    the ledger knows, which is most likely unchanged and not read again, the search would
    cost 0.4 s per GB for nothing; if it did change, :func:`prepare` searches it.

    Chunked reads, not a memory map: mapping the whole file counted every page of it in the
    build's resident memory (0.9 GB for the 1x contacts export) and faulted page by page.
    """
    digest = hashlib.sha256()
    blank = not find_blank
    tail = b""
    buffer = bytearray(_SCAN_CHUNK)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as fh:
        while n := fh.readinto(buffer):
            chunk = view[:n]
            digest.update(chunk)  # releases the GIL: a prefetch thread overlaps DuckDB's load
            if not blank:
                # the stream's last two bytes before this chunk catch a blank line across the seam
                window = tail + bytes(chunk[:2]) if tail else b""
                # one regex pass: 0.42 s per GB of the 1x contacts export, against 1.37 s for
                # the two finds it replaces (this thread shares the two cores with DuckDB)
                blank = (
                    b"\n\n" in window or b"\n\r\n" in window or bool(_BLANK.search(buffer, 0, n))
                )
                tail = (tail + bytes(chunk[-2:]))[-2:]  # the stream's last two bytes
    return FileScan(digest.hexdigest(), blank)


def detect_encoding(path: Path) -> str:
    """'utf-8-sig', 'utf-8' or 'gb18030', judged on the head of the file.

    A file that decodes as neither is rejected: guessing would load garbled names.
    """
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("the file is UTF-16 text; export it as UTF-8 or GB18030 CSV")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        decoder.decode(head, final=False)
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise FileRejected(
            f"the file is neither UTF-8 nor GB18030 text (undecodable byte at offset {exc.start})"
        ) from exc


def find_header(rows: list[list[str]], table: Table) -> tuple[int, dict[int, str]]:
    """Index of the header row among the first rows, and its position -> column mapping.

    The header is the first row in which at least two cells (or every cell of a one-column
    table) name columns of the table, by canonical name or Chinese alias.
    """
    lookup = table.header_lookup()
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[int, str] = {}
        for pos, cell in enumerate(row):
            name = lookup.get(normalise_header(cell))
            if name and name not in mapping.values():
                mapping[pos] = name
        if len(mapping) >= min(2, len(table.columns)):
            return index, mapping
    expected = ", ".join(f"{c.name} ({c.zh})" for c in table.columns if c.required)
    raise FileRejected(
        f"no header row found in the first {HEADER_SEARCH_ROWS} lines; "
        f"expected columns such as {expected}"
    )


def check_required(table: Table, mapping: dict[int, str]) -> None:
    present = set(mapping.values())
    missing = [c for c in table.columns if c.required and c.name not in present]
    missing_groups = [g for g in table.one_of_required if not present.intersection(g)]
    if missing:
        names = ", ".join(f"{c.name} ({c.zh})" for c in missing)
        raise FileRejected(f"required column missing: {names}")
    if missing_groups:
        names = " / ".join(missing_groups[0])
        raise FileRejected(f"required column missing: one of {names}")


def _head_rows(text: str) -> list[list[str]]:
    lines = text.splitlines()[: HEADER_SEARCH_ROWS * 2]
    return list(csv.reader(io.StringIO("\n".join(lines))))


def _physical_header_line(text: str, header_index: int) -> int:
    """1-based physical line of the header: csv.reader skips nothing, blank lines are rows []."""
    return header_index + 1


_BLANK = re.compile(rb"\n\r?(?=\n)")


def blank_lines_after(path: Path, header_line: int) -> list[int]:
    """Physical numbers of the blank lines after the header (DuckDB's reader skips them)."""
    blanks: list[int] = []
    with path.open("rb") as fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file
            return blanks
        with mm:
            if mm.find(b"\n\n") < 0 and mm.find(b"\n\r\n") < 0:
                return blanks  # the usual case, found at memchr speed
            # line number of each match: count newlines before it; done incrementally
            line, pos = 1, 0
            for match in _BLANK.finditer(mm):
                line += mm[pos : match.start() + 1].count(b"\n")
                pos = match.start() + 1
                if line > header_line:
                    blanks.append(line)
    return blanks


def transcode(path: Path, encoding: str, scratch: Path) -> Path:
    """Stream a GB18030 file into UTF-8 in the scratch folder."""
    target = scratch / (path.name + ".utf8.csv")
    with (
        path.open("r", encoding=encoding, newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        try:
            for chunk in iter(lambda: src.read(1 << 20), ""):
                dst.write(chunk)
        except UnicodeDecodeError as exc:
            raise FileRejected(
                f"the file is not valid {encoding.upper()} text: {exc.reason}"
            ) from exc
    return target


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def xlsx_to_csv(path: Path, table: Table, scratch: Path) -> Path:
    """Write the sheet named after the table (else the first sheet) as UTF-8 CSV."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileRejected(f"the workbook cannot be opened: {exc}") from exc
    try:
        wanted = {normalise_header(table.name), normalise_header(table.zh)}
        sheet = next(
            (ws for ws in book.worksheets if normalise_header(ws.title) in wanted),
            book.worksheets[0],
        )
        target = scratch / (path.name + ".csv")
        with target.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            for row in sheet.iter_rows(values_only=True):
                writer.writerow([_excel_cell(v) for v in row])
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected(f"the workbook cannot be read: {exc}") from exc
    finally:
        book.close()
    return target


def prepare(
    path: Path, table: Table, scratch: Path, *, may_have_blank_lines: bool = True
) -> PreparedFile:
    """Make a landing file scannable by DuckDB, or raise FileRejected saying why.

    ``may_have_blank_lines=False`` (from :func:`scan_file`) spares the search for blank lines
    in a file read in place; a scratch copy is always searched.
    """
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        csv_path, encoding = xlsx_to_csv(path, table, scratch), "xlsx"
    elif suffix in TEXT_SUFFIXES:
        encoding = detect_encoding(path)
        csv_path = transcode(path, encoding, scratch) if encoding == "gb18030" else path
    else:
        raise FileRejected(f"files ending in {suffix or '(none)'} are not read; use .csv or .xlsx")
    if csv_path.stat().st_size == 0:
        raise FileRejected("the file is empty")
    with csv_path.open("r", encoding="utf-8-sig", newline="") as fh:
        head = fh.read(HEAD_BYTES)
    rows = _head_rows(head)
    header_index, mapping = find_header(rows, table)
    check_required(table, mapping)
    header_line = _physical_header_line(head, header_index)
    headers = [h.strip() for h in rows[header_index]]
    return PreparedFile(
        source=path,
        csv_path=csv_path,
        encoding=encoding,
        header_line=header_line,
        headers=headers,
        mapping=mapping,
        blank_lines=(
            blank_lines_after(csv_path, header_line)
            if may_have_blank_lines or csv_path != path
            else []
        ),
    )
