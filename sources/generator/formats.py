"""Turn the simulation's internal values into export text.

Clean mode has one spelling per type (ISO dates, ``1234.50``, ``1``/``0``); messy mode
picks among the spellings real ERP exports use. Both read the column types from the
contract registry, so a new column needs no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sources.registry import Table

EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def money(fen: int | None) -> str:
    """Integer fen as a plain decimal with exactly two places: 123450 -> '1234.50'."""
    if fen is None:
        return ""
    if fen < 0:
        fen = -fen
        return f"-{fen // 100}.{fen % 100:02d}"
    return f"{fen // 100}.{fen % 100:02d}"


def money_thousands(fen: int | None) -> str:
    """Integer fen with thousands separators: 123456700 -> '1,234,567.00'."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


class _IsoDates(dict):
    """ordinal -> 'YYYY-MM-DD', memoised; None -> ''."""

    def __missing__(self, key):
        value = "" if key is None else date.fromordinal(key).isoformat()
        self[key] = value
        return value


class _Months(dict):
    def __missing__(self, key):
        value = "" if key is None else date.fromordinal(key).strftime("%Y-%m")
        self[key] = value
        return value


ISO_DATES = _IsoDates()
MONTHS = _Months()


def date_text(ordinal: int | None, style: str) -> str | int:
    """A date in one of the spellings of exports.md: iso, slash, zh or an Excel serial."""
    if ordinal is None:
        return ""
    if style == "iso":
        return ISO_DATES[ordinal]
    if style == "serial":
        return ordinal - EXCEL_EPOCH
    d = date.fromordinal(ordinal)
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    raise ValueError(f"unknown date style {style!r}")


_FORMATTERS: dict[str, Callable[[tuple], str]] = {}


def clean_line_formatter(table: Table) -> Callable[[tuple], str]:
    """A fast function turning one internal row into its clean CSV line.

    Compiled once per table, because the large scale formats tens of millions of rows.
    Cells are not quoted: the simulation writes no text holding a comma, a quote or a line
    break (the tests read every clean file back and check this).
    """
    if table.name not in _FORMATTERS:
        parts = []
        for i, col in enumerate(table.columns):
            if col.type == "date":
                parts.append(f"{{D[r[{i}]]}}")
            elif col.type == "month":
                parts.append(f"{{MO[r[{i}]]}}")
            elif col.type in ("money", "area"):
                parts.append(f"{{M(r[{i}])}}")
            elif col.type == "boolean":
                parts.append(f"{{'1' if r[{i}] else '0'}}")
            elif col.type == "integer":
                parts.append(f"{{'' if r[{i}] is None else r[{i}]}}")
            else:
                parts.append(f"{{r[{i}] or ''}}")
        source = 'lambda r: f"' + ",".join(parts) + '\\n"'
        _FORMATTERS[table.name] = eval(source, {"D": ISO_DATES, "MO": MONTHS, "M": money})
    return _FORMATTERS[table.name]


def clean_csv_text(table: Table, rows: Iterable[tuple], header: bool) -> str:
    body = "".join(map(clean_line_formatter(table), rows))
    return (",".join(table.column_names) + "\n" + body) if header else body
