"""Ingestion of every accepted form, every bad-row and bad-file kind, and the file ledger.

These run the real ingestion (DuckDB's CSV reader, the typing SQL) on an in-memory
database; no dbt, so they are fast. Expected values are written out by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from pipelines.ingest import ingest_landing

HEADER = "receipt_id,contract_id,receipt_date,amount,item,method\n"
ZH_HEADER = "收款编码,合同编码,收款日期,金额,款项,收款方式\n"


def ingest(landing: Path, con: duckdb.DuckDBPyConnection | None = None, build: str = "b1"):
    con = con or duckdb.connect()
    summary = ingest_landing(con, landing, build_id=build)
    return con, summary


def receipts(con) -> list[tuple]:
    return con.execute(
        "select receipt_id, contract_id, receipt_date, amount, item, method, _row_number "
        "from raw.receipts order by receipt_id"
    ).fetchall()


def quarantine(con) -> list[tuple]:
    return con.execute(
        "select file_name, row_number, column_name, reason from audit.quarantined_rows "
        "order by file_name, row_number, column_name"
    ).fetchall()


def ledger(con) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in con.execute(
            "select file_name, status, reason, rows_read, rows_loaded, rows_quarantined "
            "from audit.file_ledger order by loaded_at, file_name"
        ).fetchall()
    }


EXPECTED = [
    ("R1", "C1", dt.date(2024, 3, 5), Decimal("1234567.00"), "down_payment", "bank_transfer"),
    ("R2", "C1", dt.date(2024, 3, 6), Decimal("12.50"), "instalment", "pos"),
]


def test_plain_utf8_csv(tmp_path):
    (tmp_path / "receipts.csv").write_text(
        HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\n"
        "R2,C1,2024-03-06,12.5,instalment,pos\n",
        encoding="utf-8",
    )
    con, _ = ingest(tmp_path)
    assert [r[:6] for r in receipts(con)] == EXPECTED
    assert [r[6] for r in receipts(con)] == [2, 3]  # physical lines


def test_gb18030_chinese_headers_values_title_total_blank_lines_and_formats(tmp_path):
    text = (
        "XX项目收款明细表\n"
        "导出时间：2024年3月31日\n"
        "\n" + ZH_HEADER + 'R1,C1,2024年3月5日,"1,234,567.00",首付,转账\n'
        "\n"
        "R2,C1,2024/3/6,12.50,分期款,刷卡\n"
        '合计,,,"1,234,579.50",,\n'
    )
    (tmp_path / "收款明细_2024-03.csv").write_bytes(text.encode("gb18030"))
    con, summary = ingest(tmp_path)
    assert summary.entries[0].status == "loaded"
    assert [r[:6] for r in receipts(con)] == EXPECTED
    assert [r[6] for r in receipts(con)] == [5, 7]  # lines in the file as a clerk sees them
    assert quarantine(con) == []
    assert ledger(con)["收款明细_2024-03.csv"][2:] == (2, 2, 0)  # total line not a row


def test_utf8_read_in_place_with_blank_lines_keeps_physical_line_numbers(tmp_path):
    # read in place (no scratch copy), so only the scan's blank-line flag sends it to the
    # line-by-line search; a bad row after two blank lines is quoted at its real line
    (tmp_path / "receipts.csv").write_text(
        HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\r\n"
        "\r\n"
        "R2,C1,2024-03-06,12.5,instalment,pos\n"
        "\n"
        "R3,C1,2024-02-30,1,instalment,pos\n",
        encoding="utf-8",
    )
    con, _ = ingest(tmp_path)
    assert [r[:6] for r in receipts(con)] == EXPECTED
    assert [r[6] for r in receipts(con)] == [2, 4]
    assert quarantine(con) == [
        ("receipts.csv", 6, "receipt_date", "receipt_date '2024-02-30' is not a date")
    ]


def test_a_known_file_changed_to_have_blank_lines_keeps_physical_line_numbers(tmp_path):
    # the ledger knows receipts.csv, so its scan skips the blank-line search; the new content
    # is searched when it is read, and the bad row after the blank line is quoted at line 4
    path = tmp_path / "receipts.csv"
    path.write_text(HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\n")
    con, _ = ingest(tmp_path)
    path.write_text(
        HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\n"
        "\n"
        "R3,C1,2024-02-30,1,instalment,pos\n",
        encoding="utf-8",
    )
    con, _ = ingest(tmp_path, con, build="b2")
    assert ledger(con)["receipts.csv"][:2] == ("loaded", None)
    assert quarantine(con) == [
        ("receipts.csv", 4, "receipt_date", "receipt_date '2024-02-30' is not a date")
    ]


def test_scan_file_without_the_blank_search_says_blank_lines_may_be_there(tmp_path):
    from pipelines.ingest import reader

    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n")
    scan = reader.scan_file(path, find_blank=False)
    assert scan.sha256 == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    assert scan.may_have_blank_lines is True


@pytest.mark.parametrize(
    "text, blank",
    [
        (b"a,b\n1,2\n", False),
        (b"a,b\r\n1,2\r\n", False),
        (b"a,b\n\n1,2\n", True),
        (b"a,b\r\n\r\n1,2\r\n", True),
        (b"\n" * 2, True),
    ],
)
@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 1 << 20])
def test_scan_file_hashes_and_finds_blank_lines_across_chunk_seams(
    tmp_path, monkeypatch, text, blank, chunk
):
    from pipelines.ingest import reader

    monkeypatch.setattr(reader, "_SCAN_CHUNK", chunk)
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    scan = reader.scan_file(path)
    assert scan.sha256 == hashlib.sha256(text).hexdigest()
    assert scan.may_have_blank_lines is blank


def test_utf8_with_bom_and_excel_serial_dates(tmp_path):
    # 45356 is 2024-03-05 and 45357 is 2024-03-06 in Excel's 1900 date system
    (tmp_path / "receipts_2024-03.csv").write_bytes(
        "\ufeff".encode()
        + (
            HEADER + "R1,C1,45356,1234567,首付,bank_transfer\nR2,C1,45357.0,12.50,instalment,刷卡\n"
        ).encode()
    )
    con, _ = ingest(tmp_path)
    assert [r[:6] for r in receipts(con)] == EXPECTED


def test_xlsx_sheet_named_after_the_table(tmp_path):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["this sheet is a cover page"])
    sheet = book.create_sheet("收款")
    sheet.append(["XX项目收款明细表"])
    sheet.append(list(ZH_HEADER.strip().split(",")))
    sheet.append(["R1", "C1", dt.datetime(2024, 3, 5), 1234567, "首付", "转账"])
    sheet.append(["R2", "C1", "2024-03-06", 12.5, "分期款", "刷卡"])
    sheet.append(["合计", None, None, 1234579.5, None, None])
    book.save(tmp_path / "receipts_2024-03.xlsx")
    con, _ = ingest(tmp_path)
    assert [r[:6] for r in receipts(con)] == EXPECTED
    assert [r[6] for r in receipts(con)] == [3, 4]  # sheet rows


def test_xlsx_first_sheet_when_none_is_named_after_the_table(tmp_path):
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["R1", "C1", "2024/3/5", "1,234,567.00", "down_payment", "bank_transfer"])
    book.save(tmp_path / "receipts.xlsx")
    con, _ = ingest(tmp_path)
    assert [r[:6] for r in receipts(con)] == EXPECTED[:1]


BAD_ROWS = (
    HEADER
    + "R1,C1,2025-13-45,10.00,down_payment,cash\n"  # line 2: impossible date
    + "R2,C1,2024-03-05,abc,down_payment,cash\n"  # 3: not a number
    + "R3,C1,,10.00,down_payment,cash\n"  # 4: required value missing
    + "R4,C1,2024-03-05,10.00,gift,cash\n"  # 5: outside the enum
    + "R5,C1,2024-03-05,10.00,down_payment,cash\n"  # 6 and 7: same key, different values
    + "R5,C1,2024-03-05,11.00,down_payment,cash\n"
    + "R6,C1,2024-03-05,10.001,down_payment,cash\n"  # 8: more than 2 decimals
    + "R7,,2024-03-05,10.00,down_payment,cash\n"  # 9: no contract/subscription/reservation
    + "R8,C1,2024-03-05,10.00,down_payment,cash,surplus\n"  # 10: more values than headers
    + "R9,C1,2024-03-05,10.00,down_payment,cash\n"  # 11: fine
    + "R9,C1,2024-03-05,10.00,down_payment,cash\n"  # 12: identical copy, kept once
)


def test_every_bad_row_kind_is_quarantined_with_a_reason(tmp_path):
    (tmp_path / "receipts.csv").write_text(BAD_ROWS, encoding="utf-8")
    con, summary = ingest(tmp_path)
    assert [r[0] for r in receipts(con)] == ["R9"]
    assert quarantine(con) == [
        ("receipts.csv", 2, "receipt_date", "receipt_date '2025-13-45' is not a date"),
        ("receipts.csv", 3, "amount", "amount 'abc' is not a number"),
        ("receipts.csv", 4, "receipt_date", "receipt_date (receipt_date) is required but empty"),
        (
            "receipts.csv",
            5,
            "item",
            "item 'gift' is not one of deposit [定金], down_payment [首付/首付款], "
            "instalment [分期款/楼款], loan [贷款/按揭款], area_true_up [面积补差/补差款], "
            "late_fee [滞纳金], reservation_fee [认筹金]",
        ),
        (
            "receipts.csv",
            6,
            "receipt_id",
            "receipt_id 'R5' appears 2 times in this file with different values (lines 6, 7)",
        ),
        (
            "receipts.csv",
            7,
            "receipt_id",
            "receipt_id 'R5' appears 2 times in this file with different values (lines 6, 7)",
        ),
        ("receipts.csv", 8, "amount", "amount '10.001' has more than 2 decimal places"),
        (
            "receipts.csv",
            9,
            "contract_id/subscription_id/reservation_id",
            "one of contract_id/认购编码/认筹编码 is required but all are empty",
        ),
        ("receipts.csv", 10, "(row)", "the row has more values than the 6 columns of the header"),
    ]
    entry = summary.entries[0]
    # 11 data rows read: 1 loaded, 9 quarantined, 1 identical copy folded into its twin
    assert (entry.rows_read, entry.rows_loaded, entry.rows_quarantined) == (11, 1, 9)
    raw = con.execute(
        "select raw_values from audit.quarantined_rows where row_number = 2"
    ).fetchone()[0]
    assert '"receipt_date":"2025-13-45"' in raw  # the row as read, for the clerk to fix


def test_a_number_too_large_for_its_type_is_a_bad_row_not_a_rejected_file(tmp_path):
    # DECIMAL(18,2) holds 16 digits before the point; a plain cast of 17 raised an error
    # that rejected the whole file as unreadable
    (tmp_path / "receipts.csv").write_text(
        HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\n"
        "R2,C1,2024-03-06,99999999999999999.99,instalment,pos\n"
        "R3,C1,2024-03-06,9999999999999999.99,instalment,pos\n",
        encoding="utf-8",
    )
    con, summary = ingest(tmp_path)
    assert summary.entries[0].status == "loaded"
    assert [(r[0], r[3]) for r in receipts(con)] == [
        ("R1", Decimal("1234567.00")),
        ("R3", Decimal("9999999999999999.99")),
    ]
    assert quarantine(con) == [
        (
            "receipts.csv",
            3,
            "amount",
            "amount '99999999999999999.99' is too large (at most 16 digits before the point)",
        )
    ]


def test_reason_names_the_chinese_header_as_written(tmp_path):
    (tmp_path / "收款明细.csv").write_text(
        ZH_HEADER + "R1,C1,2025-13-45,10,首付,转账\n", encoding="utf-8"
    )
    con, _ = ingest(tmp_path)
    assert quarantine(con)[0][3] == "收款日期 '2025-13-45' is not a date"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("receipts.xlsx", b"PK\x03\x04 broken", "the workbook cannot be opened"),
        (
            "receipts.csv",
            b"\xff\xfer\x00e\x00",
            "the file is UTF-16 text; export it as UTF-8 or GB18030 CSV",
        ),
        (
            "receipts.csv",
            b"receipt_id,amount\n\xff\x80abc\n",
            "the file is neither UTF-8 nor GB18030 text",
        ),
        ("receipts.csv", b"receipt_id,amount\n\x81\x30\x81", "the file is not valid GB18030 text"),
        (
            "receipts.csv",
            b"receipt_id,contract_id,amount,item,method\nR1,C1,1,cash,pos\n",
            "required column missing: receipt_date (收款日期)",
        ),
        (
            "payments_misc.csv",
            HEADER.encode(),
            "the file name matches no table of export contract v1",
        ),
        ("receipts.pdf", b"%PDF-1.4", "files ending in .pdf are not read"),
        ("receipts.csv", b"", "the file is empty"),
        ("receipts.csv", b"just,some,words\n1,2,3\n", "no header row found in the first 30 lines"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "receipts_good.csv").write_text(
        HEADER + "R1,C1,2024-03-05,1234567.00,down_payment,bank_transfer\n", encoding="utf-8"
    )
    con, summary = ingest(tmp_path)
    status, why = ledger(con)[name][:2]
    assert status == "rejected"
    assert why.startswith(reason), why
    assert [r[0] for r in receipts(con)] == ["R1"]  # the rest of the folder still loads
    assert ledger(con)["receipts_good.csv"][0] == "loaded"


def test_landing_files_are_never_modified(tmp_path):
    (tmp_path / "收款明细.csv").write_bytes(
        (ZH_HEADER + "R1,C1,2024年3月5日,1,首付,转账\n").encode("gb18030")
    )
    (tmp_path / "receipts_x.csv").write_text(BAD_ROWS, encoding="utf-8")
    before = {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in tmp_path.iterdir()
    }
    ingest(tmp_path)
    after = {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in tmp_path.iterdir()
    }
    assert after == before


def test_ledger_unchanged_changed_and_removed_files(tmp_path):
    a, b = tmp_path / "receipts_a.csv", tmp_path / "receipts_b.csv"
    a.write_text(HEADER + "R1,C1,2024-03-05,1.00,deposit,cash\n", encoding="utf-8")
    b.write_text(
        HEADER + "R2,C1,2024-03-05,2.00,deposit,cash\nR3,C1,x,2,deposit,cash\n", encoding="utf-8"
    )
    con, _ = ingest(tmp_path, build="b1")

    con2, second = ingest(tmp_path, con, build="b2")
    assert {e.file_name: e.status for e in second.entries} == {
        "receipts_a.csv": "unchanged",
        "receipts_b.csv": "unchanged",
    }
    assert [(e.rows_loaded, e.rows_quarantined) for e in second.entries] == [(1, 0), (1, 1)]
    assert len(quarantine(con)) == 1  # not duplicated by the second pass

    b.write_text(HEADER + "R2,C1,2024-03-05,20.00,deposit,cash\n", encoding="utf-8")
    a.unlink()
    _, third = ingest(tmp_path, con, build="b3")
    assert {e.file_name: e.status for e in third.entries} == {"receipts_b.csv": "loaded"}
    assert third.removed == ["receipts_a.csv"]
    assert [(r[0], r[3]) for r in receipts(con)] == [("R2", Decimal("20.00"))]
    assert quarantine(con) == []  # the changed file's old bad row went with it
    assert con.execute(
        "select status from audit.file_ledger where build_id = 'b3' and file_name = 'receipts_a.csv'"
    ).fetchone() == ("removed",)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ledger_sha(con, build: str) -> list[tuple]:
    return con.execute(
        "select file_name, status, sha256 from audit.file_ledger where build_id = ? order by 1",
        [build],
    ).fetchall()


def test_a_file_with_the_size_and_time_the_ledger_recorded_is_not_read_again(tmp_path):
    """The stat quick check, and ``rehash`` (``huilong build --full``) reading past it."""
    a = tmp_path / "receipts_a.csv"
    a.write_text(HEADER + "R1,C1,2024-03-05,1.00,deposit,cash\n", encoding="utf-8")
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(a, ns=(an_hour_ago, an_hour_ago))
    first = _sha256(a)
    con, _ = ingest(tmp_path, build="b1")

    # same size, same modification time: the ledger's sha256 stands, the old rows stay
    a.write_text(HEADER + "R1,C1,2024-03-05,2.00,deposit,cash\n", encoding="utf-8")
    os.utime(a, ns=(an_hour_ago, an_hour_ago))
    assert _sha256(a) != first
    ingest(tmp_path, con, build="b2")
    assert _ledger_sha(con, "b2") == [("receipts_a.csv", "unchanged", first)]
    assert [r[3] for r in receipts(con)] == [Decimal("1.00")]

    ingest_landing(con, tmp_path, build_id="b3", rehash=True)
    assert _ledger_sha(con, "b3") == [("receipts_a.csv", "loaded", _sha256(a))]
    assert [r[3] for r in receipts(con)] == [Decimal("2.00")]

    # a new modification time alone makes a hash: the same content stays unchanged
    os.utime(a, ns=(an_hour_ago + 10**9, an_hour_ago + 10**9))
    ingest(tmp_path, con, build="b4")
    assert _ledger_sha(con, "b4") == [("receipts_a.csv", "unchanged", _sha256(a))]

    # the same time with another size: read again
    a.write_text(HEADER + "R1,C1,2024-03-05,30.00,deposit,cash\n", encoding="utf-8")
    os.utime(a, ns=(an_hour_ago + 10**9, an_hour_ago + 10**9))
    ingest(tmp_path, con, build="b5")
    assert _ledger_sha(con, "b5") == [("receipts_a.csv", "loaded", _sha256(a))]
    assert [r[3] for r in receipts(con)] == [Decimal("30.00")]


def test_a_file_modified_just_before_the_build_that_recorded_it_is_hashed(tmp_path):
    """Racily clean: written again within the same timestamp tick after the build read it,
    it keeps its size and time, so only its content tells."""
    a = tmp_path / "receipts_a.csv"
    a.write_text(HEADER + "R1,C1,2024-03-05,1.00,deposit,cash\n", encoding="utf-8")
    written = a.stat().st_mtime_ns  # now: within RACY_MARGIN of b1's start
    con, _ = ingest(tmp_path, build="b1")

    a.write_text(HEADER + "R1,C1,2024-03-05,2.00,deposit,cash\n", encoding="utf-8")
    os.utime(a, ns=(written, written))
    ingest(tmp_path, con, build="b2")
    assert _ledger_sha(con, "b2") == [("receipts_a.csv", "loaded", _sha256(a))]
    assert [r[3] for r in receipts(con)] == [Decimal("2.00")]


def test_monthly_drops_of_one_table_are_one_table(tmp_path):
    for month, rid in (("2024-05", "R1"), ("2024-06", "R2")):
        (tmp_path / f"receipts_{month}.csv").write_text(
            HEADER + f"{rid},C1,{month}-01,1.00,deposit,cash\n", encoding="utf-8"
        )
    os.makedirs(tmp_path / "finance", exist_ok=True)
    (tmp_path / "finance" / "实收明细_2024-07.csv").write_text(
        ZH_HEADER + "R3,C1,2024-07-01,1.00,定金,现金\n", encoding="utf-8"
    )
    con, _ = ingest(tmp_path)
    assert [r[0] for r in receipts(con)] == ["R1", "R2", "R3"]
    assert "finance/实收明细_2024-07.csv" in ledger(con)


def test_the_bad_row_flag_and_the_reasons_agree_on_every_column_of_the_contract():
    """The one typing pass flags bad rows with error_condition; reasons are worded later by
    typed_and_reason. A row flagged without a reason would vanish, so they must agree on
    every column of contract v1, for good, bad, empty and edge-case text."""
    from pipelines.ingest.typing_sql import cell, error_condition, typed_and_reason, typed_value
    from sources.registry import load_contract

    samples = [None, "", "  ", "0", "-1", "-0.01", "12.5", "1,234.50", "1.234", "1.23456",
               "abc", "2024-03-05", "2024/3/5", "2024年3月5日", "45356", "2024-13-01", "2024-03",
               "是", "否", "1", "true", "x", "cash", "银行转账", " 合计 ", "１２",
               "99999999999999999.99", "123456789012345678901234567890", "1e5"]  # fmt: skip
    con = duckdb.connect()
    con.execute("create table s (c varchar)")
    con.executemany("insert into s values (?)", [[x] for x in samples])
    checked = 0
    for table in load_contract().values():
        for col in table.columns:
            typed, reason = typed_and_reason(col, "c", col.zh)
            flag = error_condition(col, "v", "t")
            disagree = con.execute(
                f"select v, flag, reason from (select {cell('c')} as v, {typed_value(col, cell('c'))} as t, "
                f"{reason} as reason from s), lateral (select {flag} as flag) "
                "where coalesce(flag, false) <> (reason is not null)"
            ).fetchall()
            assert disagree == [], (table.name, col.name, disagree)
            checked += 1
    assert checked > 100  # every column of every table, not a handful


def test_total_lines_are_told_from_rows_that_begin_like_a_marker():
    """The first-character guard must not change which rows count as total lines: every
    marker in any case in one of the first three cells, and nothing that only shares a
    marker's first character (合同, 总部, 小区, team, Tom) or has it past the third cell."""
    from pipelines.ingest.typing_sql import is_total_line

    rows = [
        (("合计", None, None, None), True),
        ((None, "总计：", None, None), True),
        ((None, None, "小计 P001", None), True),
        (("TOTAL", None, None, None), True),
        (("Total amount", None, None, None), True),
        ((None, "total", None, None), True),
        (("合同", "总部", "小区", None), False),
        (("team", "Tom", "tot", None), False),
        ((None, None, None, "合计"), False),
        ((None, None, None, None), False),
        (("R1", "C1", "2024-06-01", "1.00"), False),
    ]
    con = duckdb.connect()
    con.execute("create table r (a varchar, b varchar, c varchar, d varchar)")
    con.executemany("insert into r values (?, ?, ?, ?)", [list(cells) for cells, _ in rows])
    got = [
        x for (x,) in con.execute(f"select {is_total_line(['a', 'b', 'c', 'd'])} from r").fetchall()
    ]
    assert got == [expected for _, expected in rows]
