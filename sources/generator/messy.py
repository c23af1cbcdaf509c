"""Write the same rows the way real ERP exports arrive (exports.md, "messy" forms).

Each table gets one form so that together they cover every form the contract promises:
GB18030 and UTF-8-with-BOM CSV, XLSX, Chinese headers (a column's ``zh`` name or an
alias) and Chinese enum values, title lines above the header, a trailing ``合计`` line,
blank lines, thousands separators, the date spellings ``2024/3/5``, ``2024年3月5日`` and
Excel serials, Chinese file-name prefixes, monthly drops, and a corrected re-export.

The corrected re-export: a few receipts of an earlier monthly drop are written there with
a wrong amount and no voucher number (as the first export had them); the file
``收款明细_更正重导_<as_of>.csv`` repeats those rows with the right values and is written
last, with the latest modification time and the latest name. Keeping the latest version of
each ``receipt_id`` gives the truth, and the truth is exactly what clean mode writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sources.generator.formats import date_text, money, money_thousands
from sources.registry import Table, load_contract

#: A fixed instant for everything inside an XLSX (zip entry times, document properties),
#: so that the bytes do not depend on when the file was written.
XLSX_TIMESTAMP = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Form:
    prefix: str  # must be one of the table's file_prefixes
    kind: str = "csv"  # csv or xlsx
    encoding: str = "utf-8-sig"  # utf-8, utf-8-sig or gb18030
    headers: str = "zh"  # zh (the column's Chinese name), en, or alias (first alias if any)
    values: str = "zh"  # zh: Chinese enum values and 是/否; en: canonical
    dates: str = "iso"  # iso, slash, zh, serial (csv); xlsx writes date cells
    thousands: bool = False
    title: bool = False
    total: bool = False
    blank_lines: bool = False
    line_end: str = "\r\n"


FORMS: dict[str, Form] = {
    "projects": Form("项目信息", kind="xlsx", title=True),
    "units": Form(
        "房源明细", encoding="gb18030", dates="slash", thousands=True, title=True, total=True
    ),
    "customers": Form("客户明细", dates="zh", headers="alias"),
    "contacts": Form(
        "contacts", encoding="utf-8", headers="en", dates="slash", blank_lines=True, line_end="\n"
    ),
    "reservations": Form("认筹明细", kind="xlsx", title=True, total=True),
    "subscriptions": Form("认购明细", encoding="gb18030", dates="serial", thousands=True),
    "contracts": Form("签约明细", kind="xlsx", title=True, total=True),
    "sales_changes": Form("销售变更", dates="zh", blank_lines=True),
    "payment_schedule": Form(
        "应收计划", encoding="gb18030", dates="slash", thousands=True, title=True, total=True
    ),
    "service_events": Form("按揭进度", dates="zh", headers="alias"),
    "marketing_spend": Form("营销费用明细", kind="xlsx", title=True, total=True, thousands=True),
    "sales_plans": Form("销售计划", encoding="gb18030", thousands=True),
    "collection_actions": Form("催收记录", dates="slash", blank_lines=True),
}
#: Receipts come as monthly drops; the forms rotate over the months.
RECEIPT_FORMS = [
    Form("收款明细", encoding="utf-8-sig", dates="slash", thousands=True, title=True, total=True),
    Form("收款明细", encoding="gb18030", dates="zh", thousands=True, headers="alias"),
    Form("receipts", encoding="utf-8", headers="en", values="en", dates="iso", line_end="\n"),
    Form("实收明细", encoding="gb18030", dates="serial", blank_lines=True),
    Form("收款", kind="xlsx", title=True, total=True),
]
CORRECTED_FORM = Form("收款明细", encoding="utf-8-sig", dates="iso", thousands=True)


def write_messy(rows: dict[str, list], out: Path, as_of: date, seed: int) -> list[Path]:
    """Write every table in its messy form; return the files written, in write order."""
    contract = load_contract()
    export_time = _epoch(as_of, hour=20)
    written: list[Path] = []
    for name, form in FORMS.items():
        path = _write(contract[name], form, rows[name], out, name_suffix="", as_of=as_of)
        os.utime(path, (export_time, export_time))
        written.append(path)

    # receipts: one drop per month, exported the evening of the month's last day
    table = contract["receipts"]
    by_month: dict[int, list] = {}
    for r in rows["receipts"]:
        d = date.fromordinal(r[4])
        by_month.setdefault(d.year * 100 + d.month, []).append(r)
    months = sorted(by_month)
    rng = random.Random(f"{seed}:messy")
    # rows first exported wrongly: positive customer receipts from a month at least two
    # months before the last one, with a voucher number
    candidates = [
        r for m in months[:-2] for r in by_month[m] if r[5] > 0 and r[8] and r[6] != "loan"
    ]
    wrong = {r[0] for r in rng.sample(candidates, min(5, len(candidates)))}
    for i, m in enumerate(months):
        form = RECEIPT_FORMS[i % len(RECEIPT_FORMS)]
        month_rows = [_garble(r) if r[0] in wrong else r for r in by_month[m]]
        suffix = f"_{m // 100}-{m % 100:02d}"
        path = _write(table, form, month_rows, out, name_suffix=suffix, as_of=as_of)
        last_day = _month_end(m // 100, m % 100)
        t = _epoch(min(last_day, as_of), hour=20)
        os.utime(path, (t, t))
        written.append(path)
    corrected = [r for m in months for r in by_month[m] if r[0] in wrong]
    path = _write(
        table, CORRECTED_FORM, corrected, out, name_suffix=f"_更正重导_{as_of}", as_of=as_of
    )
    t = _epoch(as_of, hour=22)
    os.utime(path, (t, t))
    written.append(path)
    return written


def _garble(r: Sequence) -> tuple:
    """The first, wrong export of a receipt: digits of the amount mistyped, no voucher."""
    r = list(r)
    r[5] = r[5] + 90_000 if r[5] < 10_000_000 else r[5] - 900_000
    r[8] = None
    return tuple(r)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _epoch(day: date, hour: int) -> int:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=shanghai).timestamp())


def _headers(table: Table, form: Form) -> list[str]:
    if form.headers == "en":
        return table.column_names
    if form.headers == "alias":
        return [c.aliases[0] if c.aliases else c.zh for c in table.columns]
    return [c.zh for c in table.columns]


def _title(table: Table, rows: list, as_of: date) -> str:
    return f"{table.zh}明细表（导出日期：{as_of.year}年{as_of.month}月{as_of.day}日，单位：元）"


def _cell(col, value, form: Form, for_xlsx: bool):
    if value is None:
        return None if for_xlsx else ""
    t = col.type
    if t == "enum":
        return col.values[value][0] if form.values == "zh" and col.values[value] else value
    if t == "boolean":
        if form.values == "zh":
            return "是" if value else "否"
        return "1" if value else "0"
    if t == "date":
        if for_xlsx:
            return date.fromordinal(value)
        return date_text(value, form.dates)
    if t == "month":
        return date.fromordinal(value).strftime("%Y-%m")
    if t in ("money", "area"):
        if for_xlsx and not form.thousands:
            return float(money(value))
        return money_thousands(value) if form.thousands else money(value)
    return value


def _total_row(table: Table, rows: list, form: Form, for_xlsx: bool) -> list:
    cells: list = []
    for i, col in enumerate(table.columns):
        if i == 0:
            cells.append("合计")
        elif col.type in ("money", "area"):
            total = sum(r[i] for r in rows if r[i] is not None)
            cells.append(_cell(col, total, form, for_xlsx))
        else:
            cells.append(None if for_xlsx else "")
    return cells


def _write(table: Table, form: Form, rows: list, out: Path, name_suffix: str, as_of: date) -> Path:
    if form.prefix not in table.file_prefixes:
        raise ValueError(f"{form.prefix!r} is not a file prefix of {table.name}")
    xlsx = form.kind == "xlsx"
    body = [[_cell(c, v, form, xlsx) for c, v in zip(table.columns, r, strict=True)] for r in rows]
    header = _headers(table, form)
    lines: list[list] = []
    if form.title:
        lines.append([_title(table, rows, as_of)])
        if not xlsx:
            lines.append([])
    lines.append(header)
    for k, row in enumerate(body):
        if form.blank_lines and k and k % 40 == 0:
            lines.append([])
        lines.append(row)
    if form.total:
        if form.blank_lines:
            lines.append([])
        lines.append(_total_row(table, rows, form, xlsx))
    path = out / f"{form.prefix}{name_suffix}.{'xlsx' if xlsx else 'csv'}"
    if xlsx:
        path.write_bytes(_xlsx_bytes(table.name, lines))
    else:
        buf = io.StringIO()
        csv.writer(buf, lineterminator=form.line_end).writerows(lines)
        path.write_bytes(buf.getvalue().encode(form.encoding))
    return path


def _xlsx_bytes(sheet: str, lines: list[list]) -> bytes:
    """An XLSX whose bytes depend on its content only (fixed times, fixed zip order)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for line in lines:
        ws.append(line)
    fixed = dt.datetime(*XLSX_TIMESTAMP)
    wb.properties.created = fixed
    raw = io.BytesIO()
    wb.save(raw)
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{stamp}\3",
                    text,
                )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=XLSX_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()
