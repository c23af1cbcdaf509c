"""Messy mode writes every form exports.md promises (ingestion's round trip is tested in
tests/pipelines; here we check the forms themselves and the corrected re-export)."""

from __future__ import annotations

import csv
import datetime
import io
import re

from openpyxl import load_workbook

from sources.generator import generate
from sources.registry import load_contract, table_for_file


def _decode(path) -> tuple[str, str]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", raw[3:].decode("utf-8")
    try:
        return "utf-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030", raw.decode("gb18030")


def _csv_texts(folder) -> dict[str, tuple[str, str]]:
    return {p.name: _decode(p) for p in sorted(folder.glob("*.csv"))}


def test_every_table_is_written_with_a_known_prefix(tiny_messy):
    folder, counts = tiny_messy
    tables = {}
    for path in folder.iterdir():
        table = table_for_file(path.name)
        assert table is not None, path.name
        tables.setdefault(table.name, []).append(path.name)
    assert set(tables) == set(load_contract())
    receipts = tables["receipts"]
    assert len(receipts) > 3  # monthly drops
    chinese = [n for names in tables.values() for n in names if re.match(r"^[\u4e00-\u9fff]", n)]
    assert len(chinese) >= 10
    assert counts["receipts"] > 0


def test_encodings_and_xlsx(tiny_messy):
    folder, _ = tiny_messy
    encodings = {enc for enc, _ in _csv_texts(folder).values()}
    assert {"utf-8-sig", "gb18030", "utf-8"} <= encodings
    books = sorted(folder.glob("*.xlsx"))
    assert books
    for book in books:
        rows = list(load_workbook(book, read_only=True).worksheets[0].iter_rows(values_only=True))
        assert len(rows) >= 2, book.name
    rows = list(load_workbook(folder / "签约明细.xlsx").worksheets[0].iter_rows(values_only=True))
    assert "明细表" in rows[0][0]  # a title line above the header
    assert rows[1][0] == "合同编码"
    assert rows[-1][0] == "合计"
    assert isinstance(rows[2][4], datetime.datetime)  # 签约日期 as a date cell


def test_title_total_blank_lines_and_number_forms(tiny_messy):
    folder, _ = tiny_messy
    texts = "\n".join(text for _, text in _csv_texts(folder).values())
    first_lines = [text.splitlines()[0] for _, text in _csv_texts(folder).values()]
    assert any("明细表" in line and "," not in line.strip(",") for line in first_lines)
    assert re.search(r"^合计,", texts, re.M)
    assert re.search(r"\n\r?\n", texts)  # blank lines
    assert re.search(r'"-?\d{1,3}(,\d{3})+\.\d\d"', texts)  # quoted thousands separators
    assert re.search(r"\b20\d\d/\d{1,2}/\d{1,2}\b", texts)
    assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日", texts)
    assert "已签约" in texts and "按揭" in texts  # Chinese enum values
    # Excel serials in the subscriptions file
    _, text = _decode(folder / "认购明细.csv")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert "认购日期" in header
    col = header.index("认购日期")
    assert all(re.fullmatch(r"4\d{4}", r[col]) for r in rows[1:] if r)


def test_chinese_headers(tiny_messy):
    folder, _ = tiny_messy
    _, text = _decode(folder / "客户明细.csv")
    assert text.splitlines()[0].startswith("客户编码,项目编码,客户姓名")


def test_corrected_reexport_is_latest_and_matches_clean(tiny_messy, tiny):
    folder, _ = tiny_messy
    drops = [p for p in folder.iterdir() if table_for_file(p.name).name == "receipts"]
    corrected = [p for p in drops if "更正" in p.name]
    assert len(corrected) == 1
    fixed = corrected[0]
    others = [p for p in drops if p != fixed]
    assert all(fixed.stat().st_mtime > p.stat().st_mtime for p in others)
    assert all(fixed.name > p.name for p in others)
    _, text = _decode(fixed)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    clean = {
        r["receipt_id"]: r
        for r in csv.DictReader(io.StringIO((tiny[0] / "receipts.csv").read_text("utf-8")))
    }
    for row in rows:
        truth = clean[row["收款编码"]]
        assert row["金额"].replace(",", "") == truth["amount"]
        assert row["票据号"] == truth["voucher_no"]
    # the earlier drops hold the same receipts with other amounts
    ids = {r["收款编码"] for r in rows}
    seen_wrong = 0
    for path in others:
        if path.suffix != ".csv":
            continue
        body = _decode(path)[1]
        for rid in ids:
            if rid in body:
                seen_wrong += 1
    assert seen_wrong >= 1


def test_messy_is_deterministic(tiny_messy, tmp_path):
    folder, counts = tiny_messy
    again = generate(scale="tiny", seed=7, out=tmp_path, messy=True)
    assert again == counts
    for path in folder.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
        assert (tmp_path / path.name).stat().st_mtime == path.stat().st_mtime


def test_messy_holds_the_clean_row_counts(tiny_messy, tiny):
    assert tiny_messy[1] == tiny[1]
