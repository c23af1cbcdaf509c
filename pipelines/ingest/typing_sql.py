"""SQL expressions that turn one text cell into its contract type, and say why when they cannot.

Each column of a file yields two expressions over the trimmed text ``v``: the typed value, and
a reason (NULL when the value is fine) written as a sentence a finance clerk can act on,
naming the header as it appears in the file, e.g. ``收款日期 '2025-13-45' is not a date``.
"""

from __future__ import annotations

from sources.registry import BOOLEAN_VALUES, DECIMAL_SCALE, Column

from .sqltext import literal

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S"]
MONTH_FORMATS = ["%Y-%m", "%Y/%m", "%Y年%m月", "%Y%m"]
#: Excel serial day numbers accepted as dates: 1950-01-01 .. 2099-12-31.
EXCEL_SERIAL_RANGE = (18264, 73050)
TOTAL_MARKERS = ("合计", "总计", "小计", "total")


def _cell(source: str) -> str:
    return f"nullif(trim({source}), '')"


def date_expr(v: str) -> str:
    tries = ", ".join(f"try_strptime({v}, {literal(f)})::date" for f in DATE_FORMATS)
    lo, hi = EXCEL_SERIAL_RANGE
    serial = (
        f"case when regexp_full_match({v}, '[0-9]{{5}}(\\.0+)?') "
        f"and try_cast({v} as double) between {lo} and {hi} "
        f"then date '1899-12-30' + cast(floor(cast({v} as double)) as integer) end"
    )
    return f"coalesce({tries}, {serial})"


def month_expr(v: str) -> str:
    tries = ", ".join(f"try_strptime({v}, {literal(f)})::date" for f in MONTH_FORMATS)
    return f"coalesce({tries}, date_trunc('month', {date_expr(v)})::date)"


def _number_text(v: str) -> str:
    """Strip thousands separators, currency signs and spaces (half and full width)."""
    return f"regexp_replace({v}, '[,，¥￥元 ]', '', 'g')"


def typed_and_reason(col: Column, source: str, header: str) -> tuple[str, str]:
    """(typed expression, reason expression) for a column read from ``source`` (VARCHAR)."""
    v = _cell(source)
    label = literal(header + " '")
    quoted = f"{label} || {v} || '''"

    if col.type == "string":
        typed, bad = v, "false"
        reason_text = "''"
    elif col.type == "date":
        typed = date_expr(v)
        bad = f"{typed} is null"
        reason_text = f"{quoted} is not a date'"
    elif col.type == "month":
        typed = month_expr(v)
        bad = f"{typed} is null"
        reason_text = f"{quoted} is not a month (YYYY-MM)'"
    elif col.type in DECIMAL_SCALE:
        scale = DECIMAL_SCALE[col.type]
        n = _number_text(v)
        pattern = literal(f"[-+]?([0-9]+(\\.[0-9]{{0,{scale}}})?|\\.[0-9]{{1,{scale}}})")
        typed = (
            f"case when regexp_full_match({n}, {pattern}) then cast({n} as {col.duckdb_type}) end"
        )
        number_ok = f"try_cast({n} as double) is not null"
        bad_number = (
            f"case when {number_ok} then {quoted} has more than {scale} decimal places' "
            f"else {quoted} is not a number' end"
        )
        if col.allow_negative:
            bad, reason_text = f"{typed} is null", bad_number
        else:
            bad = f"({typed} is null or {typed} < 0)"
            reason_text = (
                f"case when {typed} < 0 then {quoted} must not be negative' else {bad_number} end"
            )
    elif col.type == "integer":
        n = _number_text(v)
        typed = f"case when regexp_full_match({n}, '[-+]?[0-9]+(\\.0+)?') then cast(cast({n} as decimal(38,4)) as bigint) end"
        bad = f"{typed} is null"
        reason_text = f"{quoted} is not a whole number'"
    elif col.type == "boolean":
        trues = ", ".join(literal(x) for x in BOOLEAN_VALUES[True])
        falses = ", ".join(literal(x) for x in BOOLEAN_VALUES[False])
        typed = f"case when lower({v}) in ({trues}) then true when lower({v}) in ({falses}) then false end"
        bad = f"{typed} is null"
        reason_text = f"{quoted} is not 是/否 (1/0)'"
    elif col.type == "enum":
        whens = " ".join(
            f"when {literal(spelling)} then {literal(canonical)}"
            for spelling, canonical in col.enum_lookup().items()
        )
        folded = f"lower(replace(replace({v}, ' ', ''), '　', ''))"
        typed = f"case {folded} {whens} end"
        accepted = ", ".join(
            f"{canonical} [{'/'.join(aliases)}]" if aliases else canonical
            for canonical, aliases in col.values.items()
        )
        bad = f"{typed} is null"
        reason_text = f"{quoted} is not one of {accepted.replace(chr(39), chr(39) * 2)}'"
    else:  # pragma: no cover - the registry validates types
        raise ValueError(col.type)

    reason_parts = [f"when {v} is not null and {bad} then {reason_text}"]
    if col.required:
        missing = literal(f"{header} ({col.name}) is required but empty")
        reason_parts.insert(0, f"when {v} is null then {missing}")
    reason = f"case {' '.join(reason_parts)} end"
    return typed, reason


def is_total_line(sources: list[str]) -> str:
    """A trailing 合计/总计 line: one of the first cells starts with a total marker."""
    checks = [
        f"starts_with(lower(coalesce(trim({s}), '')), {literal(m)})"
        for s in sources[:3]
        for m in TOTAL_MARKERS
    ]
    return "(" + " or ".join(checks) + ")"


def is_blank_row(sources: list[str]) -> str:
    return "(" + " and ".join(f"{_cell(s)} is null" for s in sources) + ")"
