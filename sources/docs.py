"""Render docs/exports.md, the page a finance clerk uses to map an ERP's export columns.

The page is generated from the contract registry so it can never drift from what ingestion
accepts; ``python -m sources.docs`` rewrites it and a test checks the committed copy.
"""

from __future__ import annotations

from pathlib import Path

from sources.registry import BOOLEAN_VALUES, CONTRACT_VERSION, Column, Table, load_contract

DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "exports.md"

TYPE_LABELS = {
    "string": "text 文本",
    "date": "date 日期",
    "month": "month 月份 (YYYY-MM)",
    "money": "amount 金额 (元, 2 decimals)",
    "area": "area 面积 (m², 2 decimals)",
    "integer": "whole number 整数",
    "boolean": "yes/no 是否",
    "enum": "one of 枚举",
}

#: Tables in the order of the business flow, not alphabetical.
ORDER = [
    "projects",
    "units",
    "customers",
    "contacts",
    "reservations",
    "subscriptions",
    "contracts",
    "sales_changes",
    "payment_schedule",
    "receipts",
    "service_events",
    "collection_actions",
    "marketing_spend",
    "sales_plans",
]


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _accepted(col: Column) -> str:
    if col.type == "enum":
        parts = []
        for canonical, aliases in col.values.items():
            spelled = f"`{canonical}`"
            if aliases:
                spelled += " (" + " / ".join(aliases) + ")"
            parts.append(spelled)
        return "; ".join(parts)
    if col.type == "boolean":
        yes = " / ".join(BOOLEAN_VALUES[True])
        no = " / ".join(BOOLEAN_VALUES[False])
        return f"yes: {yes}; no: {no}"
    if col.type == "date":
        return "2024-03-05, 2024/3/5, 2024年3月5日, Excel date"
    if col.type == "month":
        return "2024-03"
    if col.type in ("money", "area"):
        sign = "negative allowed" if col.allow_negative else "not negative"
        return f"1234567.00 or 1,234,567.00; {sign}"
    return ""


def _table_section(table: Table) -> list[str]:
    lines = [f"## {table.name} ({table.zh})", ""]
    if table.description:
        lines += [table.description, ""]
    prefixes = ", ".join(f"`{p}`" for p in table.file_prefixes)
    lines.append(f"- File names start with: {prefixes}")
    lines.append(f"- Key (one row per): {', '.join(f'`{k}`' for k in table.key)}")
    for group in table.one_of_required:
        names = ", ".join(f"`{g}`" for g in group)
        lines.append(f"- At least one of {names} must be filled in")
    lines += [
        "",
        "| column | 中文表头 | type | required | accepted values |",
        "|---|---|---|---|---|",
    ]
    for col in table.columns:
        headers = " / ".join((col.zh, *col.aliases))
        required = "yes 必填" if col.required else ""
        accepted = _accepted(col)
        if col.description:
            accepted = f"{accepted} ({col.description})" if accepted else col.description
        lines.append(
            f"| `{col.name}` | {_escape(headers)} | {TYPE_LABELS[col.type]} | {required} | "
            f"{_escape(accepted)} |"
        )
    lines.append("")
    return lines


def render_exports_doc() -> str:
    """The whole page as Markdown text."""
    tables = load_contract()
    names = [n for n in ORDER if n in tables] + sorted(set(tables) - set(ORDER))
    lines = [
        f"# Export files Huilong reads (contract {CONTRACT_VERSION})",
        "",
        "<!-- Generated from sources/contract/*.yaml by `python -m sources.docs`; "
        "do not edit by hand. -->",
        "",
        "This page lists every file the warehouse accepts, so you can match your ERP's "
        "export columns to ours. 本页列出系统接收的全部导出文件及其列，供财务/营销同事核对ERP导出表头。",
        "",
        "How files may look:",
        "",
        "- CSV (UTF-8 with or without BOM, or GB18030/GBK) or XLSX (first sheet, or the sheet "
        "named after the table).",
        "- The header row may use the English column name or the Chinese header (中文表头) "
        "shown below; header case, spaces, full-width characters and a trailing `*` do not "
        "matter.",
        "- Title lines above the header, blank lines and a trailing total line (合计/总计) are "
        "ignored.",
        "- Amounts in 元 to the fen, with or without thousands separators; areas in m².",
        "- A file's table is recognised from the start of its name (for example "
        "`收款明细_2024-06.csv` is receipts). Several files of one table (monthly drops) are "
        "read together; when a row with the same key appears in more than one file, the "
        "latest export wins (by file time, else by file name).",
        "- Enumerated columns accept the English value or any of the Chinese spellings in "
        "brackets.",
        "",
        "Tables: " + ", ".join(f"[{n}](#{n}-{tables[n].zh})" for n in names),
        "",
    ]
    for name in names:
        lines += _table_section(tables[name])
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOC_PATH.write_text(render_exports_doc(), encoding="utf-8")
    print(f"wrote {DOC_PATH}")


if __name__ == "__main__":
    main()
