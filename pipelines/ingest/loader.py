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
from .typing_sql import is_blank_row, is_total_line, typed_and_reason

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
    """Load one file; the caller holds the transaction."""
    n = prepared.n_columns
    srcs = [f"c{i}" for i in range(n)]
    spare = [f"c{i}" for i in range(n, n + SPARE_COLUMNS)]

    # _idx: 0-based position in the file (rowids of fresh rows do not start at 0). The file
    # is read once into _src; everything after is one pass over it (typing), then passes
    # over the bad rows only.
    con.execute(
        f"create or replace temp table _src as {_read_csv_sql(prepared)}",
        {"path": str(prepared.csv_path), "skip": prepared.header_line},
    )
    first_rowid = con.execute("select coalesce(min(rowid), 0) from _src").fetchone()[0]
    indexed_src = f"(select rowid - {int(first_rowid)} as _idx, * from _src)"

    # physical line numbers: DuckDB skips empty lines, so shift past each one
    con.execute("create or replace temp table _blank_shift (start_idx bigint, shift bigint)")
    if prepared.blank_lines:
        shifts: dict[int, int] = {}
        for j, line in enumerate(prepared.blank_lines, start=1):
            shifts[line - prepared.header_line - j] = j
        con.executemany("insert into _blank_shift values (?, ?)", sorted(shifts.items()))

    typed_cols, reason_cols = [], []
    for pos, name in sorted(prepared.mapping.items()):
        col = table.column(name)
        typed, reason = typed_and_reason(col, srcs[pos], prepared.headers[pos] or name)
        typed_cols.append(f"{typed} as {ident(name)}")
        reason_cols.append(f"{reason} as {ident('_e_' + name)}")
    mapped = set(prepared.mapping.values())
    for col in table.columns:
        if col.name not in mapped:
            typed_cols.append(f"cast(null as {col.duckdb_type}) as {ident(col.name)}")

    # one-of-required groups (e.g. a receipt names a contract, subscription or reservation)
    group_reasons = []
    for g, group in enumerate(table.one_of_required):
        present = [f"{ident(c)} is null" for c in group if c in mapped]
        header_of = {c: prepared.headers[p] for p, c in prepared.mapping.items()}
        headers = "/".join(header_of.get(c) or table.column(c).zh for c in group)
        msg = literal(f"one of {headers} is required but all are empty")
        group_reasons.append(f"case when {' and '.join(present)} then {msg} end as _g{g}")

    extra = " or ".join(f"nullif(trim({s}), '') is not null" for s in spare)
    extra_reason = literal(f"the row has more values than the {n} columns of the header")
    line_expr = f"{prepared.header_line} + 1 + s._idx + coalesce(b.shift, 0)"

    error_cols = [f"_e_{name}" for _, name in sorted(prepared.mapping.items())] + ["_e__extra"]
    error_cols += [f"_g{g}" for g in range(len(group_reasons))]
    error_refs = [ident(c) for c in error_cols]
    con.execute(
        f"""
        create or replace temp table _typed as
        with src as (
            select {line_expr} as _line, s.*
            from {indexed_src} s
            asof left join _blank_shift b on s._idx >= b.start_idx
        ), kept as (
            select * from src
            where not {is_blank_row(srcs + spare)} and not {is_total_line(srcs)}
        ), typed as (
            select _idx, _line, {", ".join(typed_cols)}, {", ".join(reason_cols)},
                   case when {extra} then {extra_reason} end as _e__extra
            from kept
        )
        select *, coalesce({", ".join(error_refs)}) is not null as _has_error,
            cast(null as varchar) as _e__dup, false as _drop
        from (select *{", " if group_reasons else ""}{", ".join(group_reasons)} from typed)
        """
    )

    # the same key twice in one file: identical copies keep one, differing copies all fail
    key = ", ".join(ident(k) for k in table.key)
    row_hash = "hash(" + ", ".join(ident(c.name) for c in table.columns) + ")"
    key_label = "/".join(
        next((prepared.headers[p] for p, c in prepared.mapping.items() if c == k), k)
        for k in table.key
    )
    key_text = " || '/' || ".join(f"coalesce(cast(t.{ident(k)} as varchar), '')" for k in table.key)
    con.execute(
        f"""
        create or replace temp table _dups as
        with repeated as (  -- a cheap count first; the costly aggregates on repeats only
            select {key} from _typed where not _has_error group by {key} having count(*) > 1
        )
        select {key}, count(distinct {row_hash}) as versions, min(_idx) as first_idx,
               string_agg(cast(_line as varchar), ', ' order by _line) as lines
        from _typed semi join repeated using ({key})
        where not _has_error group by {key}
        """
    )
    has_dups = con.execute("select count(*) from _dups").fetchone()[0] > 0
    if has_dups:  # rare: only then touch _typed again
        con.execute(
            f"""
        update _typed t set
            _e__dup = case when d.versions > 1 then {literal(key_label + " '")} || {key_text}
                || ''' appears ' || d.versions || ' times in this file with different values (lines ' || d.lines || ')' end,
            _drop = d.versions = 1 and t._idx <> d.first_idx
        from _dups d where {" and ".join(f"t.{ident(k)} is not distinct from d.{ident(k)}" for k in table.key)};
        update _typed set _has_error = true where _e__dup is not null;
        """
        )
    error_cols.append("_e__dup")

    provenance = "?, _line, ?, ?, ?"
    columns = ", ".join(ident(c.name) for c in table.columns)
    con.execute(
        f"insert into raw.{ident(table.name)} select {columns}, {provenance} "
        "from _typed where not _has_error and not _drop",
        [file_name, sha256, modified_at, loaded_at],
    )

    # quarantine: one row per failing cell, with the row as read
    raw_json = (
        "json_object("
        + ", ".join(
            f"{literal(h or f'column {i + 1}')}, s.c{i}" for i, h in enumerate(prepared.headers)
        )
        + ")"
    )
    column_of = {f"_e_{name}": name for name in mapped}
    column_of.update({"_e__extra": "(row)", "_e__dup": "/".join(table.key)})
    for g, group in enumerate(table.one_of_required):
        column_of[f"_g{g}"] = "/".join(group)
    con.execute("create or replace temp table _bad as select * from _typed where _has_error")
    unions = " union all ".join(
        f"select _idx, _line, {literal(column_of[c])} as column_name, {ident(c)} as reason "
        f"from _bad where {ident(c)} is not null"
        for c in error_cols
    )
    con.execute(
        f"""
        insert into audit.quarantined_rows
        select ?, ?, e._line, e.column_name, e.reason, {raw_json}, ?, ?
        from ({unions}) e
        join {indexed_src} s on s._idx = e._idx
        order by e._line, e.column_name
        """,
        [file_name, table.name, sha256, loaded_at],
    )

    counts = con.execute(
        "select (select count(*) from _src), count(*), "
        "(select count(*) from _bad), count(*) filter (where _drop) from _typed"
    ).fetchone()
    total, kept, quarantined, dropped = counts
    loaded = kept - quarantined - dropped
    for tmp in ("_src", "_typed", "_bad", "_dups", "_blank_shift"):
        con.execute(f"drop table if exists {tmp}")
    return FileLoad(
        rows_read=kept,
        rows_loaded=loaded,
        rows_quarantined=quarantined,
        rows_skipped=total - kept,
    )
