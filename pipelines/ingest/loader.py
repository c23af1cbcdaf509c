"""Loading one prepared file into ``raw.<table>`` with DuckDB's own CSV reader.

Every row ends in exactly one place: ``raw.<table>`` (typed, with provenance) or
``audit.quarantined_rows`` (one row per bad cell, with the row as read). Blank rows and
trailing 合计 lines are the only rows skipped, and they are counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from sources.registry import Table

from .reader import PreparedFile
from .sqltext import ident, literal
from .typing_sql import (
    cell,
    error_condition,
    is_blank_row,
    is_total_line,
    typed_and_reason,
    typed_value,
)

#: Extra columns read past the header, to catch rows with more values than headers.
SPARE_COLUMNS = 4


@dataclass
class FileLoad:
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    rows_skipped: int


def _read_csv_sql(prepared: PreparedFile) -> str:
    n = prepared.n_columns + SPARE_COLUMNS
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n)) + "}"
    return (
        "select * from read_csv($path, header = false, skip = $skip, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', columns = {columns}, "
        "null_padding = true, strict_mode = false, encoding = 'utf-8')"
    )


def _source_columns(prepared: PreparedFile) -> tuple[list[str], list[str]]:
    """The read_csv columns of the header's cells, and the spare ones past them."""
    n = prepared.n_columns
    return [f"c{i}" for i in range(n)], [f"c{i}" for i in range(n, n + SPARE_COLUMNS)]


def _has_extra_values(spare_cells: list[str]) -> str:
    """A value (trimmed) in a spare column: the row is longer than the header."""
    return " or ".join(f"{x} is not null" for x in spare_cells)


def _group_missing(group: tuple[str, ...], mapped: set[str]) -> str:
    """Every column of a one-of-required group (e.g. contract/subscription) empty."""
    return "(" + " and ".join(f"{ident(c)} is null" for c in group if c in mapped) + ")"


def load_file(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedFile,
    table: Table,
    *,
    file_name: str,
    sha256: str,
    modified_at: dt.datetime,
    loaded_at: dt.datetime,
) -> FileLoad:
    """Load one file; the caller holds the transaction.

    One pass reads, types and flags every row into ``_typed`` (DuckDB's parallel reader,
    insertion order kept, so a row's rowid is its position in the file). Good rows go from
    there to ``raw``. Only when a file has bad rows is it read a second time, to word each
    failing cell's reason and quote the row as written.
    """
    n = prepared.n_columns
    srcs, spare = _source_columns(prepared)
    params = {"path": str(prepared.csv_path), "skip": prepared.header_line}
    mapped = set(prepared.mapping.values())

    # three levels: trimmed cells; typed values and skip marks; the bad-row flag
    cells = [f"{cell(s)} as _v{i}" for i, s in enumerate(srcs + spare)]
    v = [f"_v{i}" for i in range(n + SPARE_COLUMNS)]
    typed_cols, flags = [], []
    for pos, name in sorted(prepared.mapping.items()):
        col = table.column(name)
        typed_cols.append(f"{typed_value(col, v[pos])} as {ident(name)}")
        flags.append(error_condition(col, v[pos], ident(name)))
    for col in table.columns:
        if col.name not in mapped:
            typed_cols.append(f"cast(null as {col.duckdb_type}) as {ident(col.name)}")
    for group in table.one_of_required:
        flags.append(_group_missing(group, mapped))
    extra = _has_extra_values(v[n:])
    skip = f"({is_blank_row(v)} or {is_total_line(v[:n])})"
    columns = ", ".join(ident(c.name) for c in table.columns)
    con.execute(
        f"""
        create or replace temp table _typed as
        select {columns}, _skip, not _skip and (_extra or {" or ".join(flags)}) as _bad
        from (
            select {", ".join(typed_cols)}, {skip} as _skip, ({extra}) as _extra,
                   {", ".join(v[pos] for pos in sorted(prepared.mapping))}
            from (select {", ".join(cells)} from ({_read_csv_sql(prepared)}))
        )
        """,
        params,
    )
    first_rowid = con.execute("select coalesce(min(rowid), 0) from _typed").fetchone()[0]
    total, skipped, bad = con.execute(
        "select count(*), count(*) filter (where _skip), count(*) filter (where _bad) from _typed"
    ).fetchone()

    # physical line numbers: DuckDB skips empty lines, so shift past each one
    line_of = f"{prepared.header_line} + 1 + (t.rowid - {int(first_rowid)})"
    shift_join = ""
    if prepared.blank_lines:
        shifts: dict[int, int] = {}
        for j, line in enumerate(prepared.blank_lines, start=1):
            shifts[line - prepared.header_line - j] = j
        con.execute("create or replace temp table _blank_shift (start_idx bigint, shift bigint)")
        con.executemany("insert into _blank_shift values (?, ?)", sorted(shifts.items()))
        line_of += " + coalesce(b.shift, 0)"
        shift_join = f"asof left join _blank_shift b on t.rowid - {int(first_rowid)} >= b.start_idx"
    numbered = f"(select t.*, t.rowid - {int(first_rowid)} as _idx, {line_of} as _line from _typed t {shift_join})"

    # the same key twice in one file: identical copies keep one, differing copies all fail
    key = ", ".join(ident(k) for k in table.key)
    row_hash = "hash(" + columns + ")"
    key_label = "/".join(
        next((prepared.headers[p] for p, c in prepared.mapping.items() if c == k), k)
        for k in table.key
    )
    key_text = " || '/' || ".join(f"coalesce(cast(r.{ident(k)} as varchar), '')" for k in table.key)
    con.execute(
        f"""
        create or replace temp table _dup_rows as
        with repeated as (  -- candidates by a cheap hash count; exact groups on those only
            select hash({key}) as h from _typed where not _skip and not _bad
            group by h having count(*) > 1
        ), rows as (
            select * from {numbered}
            where not _skip and not _bad and hash({key}) in (select h from repeated)
        ), groups as (
            select {key}, count(distinct {row_hash}) as versions, min(_idx) as first_idx,
                   string_agg(cast(_line as varchar), ', ' order by _line) as lines
            from rows group by {key} having count(*) > 1
        )
        select r._idx,
               case when g.versions > 1 then {literal(key_label + " '")} || {key_text}
                    || ''' appears ' || g.versions || ' times in this file with different values (lines '
                    || g.lines || ')' end as reason
        from rows r join groups g on {" and ".join(f"r.{ident(k)} is not distinct from g.{ident(k)}" for k in table.key)}
        where g.versions > 1 or r._idx <> g.first_idx
        """
    )
    dup_bad, dropped = con.execute(
        "select count(*) filter (where reason is not null), count(*) filter (where reason is null) "
        "from _dup_rows"
    ).fetchone()

    not_dup = " and _idx not in (select _idx from _dup_rows)" if dup_bad + dropped else ""
    con.execute(
        f"insert into raw.{ident(table.name)} select {columns}, ?, _line, ?, ?, ? "
        f"from {numbered} where not _skip and not _bad{not_dup}",
        [file_name, sha256, modified_at, loaded_at],
    )

    if bad or dup_bad:
        _quarantine(con, prepared, table, file_name, sha256, loaded_at, numbered, bad, dup_bad)

    for tmp in ("_typed", "_dup_rows", "_blank_shift"):
        con.execute(f"drop table if exists {tmp}")
    kept = total - skipped
    return FileLoad(
        rows_read=kept,
        rows_loaded=kept - bad - dup_bad - dropped,
        rows_quarantined=bad + dup_bad,
        rows_skipped=skipped,
    )


def _quarantine(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedFile,
    table: Table,
    file_name: str,
    sha256: str,
    loaded_at: dt.datetime,
    numbered: str,
    bad: int,
    dup_bad: int,
) -> None:
    """One row per failing cell of the bad rows, worded, with the row as written.

    The file is read again (same reader, same order, so the same positions) and only the bad
    rows are typed a second time, with reasons.
    """
    n = prepared.n_columns
    srcs, spare = _source_columns(prepared)
    con.execute(
        f"create or replace temp table _src as {_read_csv_sql(prepared)}",
        {"path": str(prepared.csv_path), "skip": prepared.header_line},
    )
    first_rowid = con.execute("select coalesce(min(rowid), 0) from _src").fetchone()[0]
    indexed_src = f"(select rowid - {int(first_rowid)} as _idx, * from _src)"
    mapped = set(prepared.mapping.values())

    typed_cols, reasons = [], []
    column_of: dict[str, str] = {}
    for pos, name in sorted(prepared.mapping.items()):
        col = table.column(name)
        typed, reason = typed_and_reason(col, srcs[pos], prepared.headers[pos] or name)
        typed_cols.append(f"{typed} as {ident(name)}")
        reasons.append(f"{reason} as {ident('_e_' + name)}")
        column_of[f"_e_{name}"] = name
    extra = _has_extra_values([cell(s) for s in spare])
    reasons.append(
        f"case when {extra} then "
        f"{literal(f'the row has more values than the {n} columns of the header')} end as _e__extra"
    )
    column_of["_e__extra"] = "(row)"
    header_of = {c: prepared.headers[p] for p, c in prepared.mapping.items()}
    groups = []
    for g, group in enumerate(table.one_of_required):
        headers = "/".join(header_of.get(c) or table.column(c).zh for c in group)
        msg = literal(f"one of {headers} is required but all are empty")
        groups.append(f"case when {_group_missing(group, mapped)} then {msg} end as _g{g}")
        column_of[f"_g{g}"] = "/".join(group)

    con.execute(
        f"""
        create or replace temp table _explained as
        select *{", " if groups else ""}{", ".join(groups)} from (
            select s._idx, n._line, {", ".join(typed_cols)}, {", ".join(reasons)}
            from {indexed_src} s
            join (select _idx, _line from {numbered} where _bad) n using (_idx)
        )
        """
    )
    cols = list(column_of)
    explained = con.execute(
        f"select count(*) from _explained where coalesce({', '.join(ident(c) for c in cols)}) is not null"
    ).fetchone()[0]
    if explained != bad:  # a flagged row must carry a reason, or it would vanish unexplained
        raise RuntimeError(
            f"{file_name}: {bad} rows failed typing but {explained} have a reason; "
            "the flag and reason rules of pipelines.ingest.typing_sql disagree"
        )
    unions = [
        f"select _idx, _line, {literal(column_of[c])} as column_name, {ident(c)} as reason "
        f"from _explained where {ident(c)} is not null"
        for c in cols
    ]
    if dup_bad:
        unions.append(
            f"select d._idx, n._line, {literal('/'.join(table.key))}, d.reason "
            f"from _dup_rows d join {numbered} n using (_idx) where d.reason is not null"
        )
    raw_json = (
        "json_object("
        + ", ".join(
            f"{literal(h or f'column {i + 1}')}, s.c{i}" for i, h in enumerate(prepared.headers)
        )
        + ")"
    )
    con.execute(
        f"""
        insert into audit.quarantined_rows
        select ?, ?, e._line, e.column_name, e.reason, {raw_json}, ?, ?
        from ({" union all ".join(unions)}) e
        join {indexed_src} s on s._idx = e._idx
        order by e._line, e.column_name
        """,
        [file_name, table.name, sha256, loaded_at],
    )
    for tmp in ("_explained", "_src"):
        con.execute(f"drop table if exists {tmp}")
