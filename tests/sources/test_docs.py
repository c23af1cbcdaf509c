"""docs/exports.md is generated from the contract registry and committed up to date."""

from __future__ import annotations

from sources.docs import DOC_PATH, render_exports_doc
from sources.registry import load_contract


def test_committed_exports_doc_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == render_exports_doc(), (
        "docs/exports.md is stale: run `python -m sources.docs`"
    )


def test_doc_names_every_column_and_chinese_header():
    text = render_exports_doc()
    for table in load_contract().values():
        assert f"## {table.name} ({table.zh})" in text
        for col in table.columns:
            assert f"`{col.name}` | {col.zh}" in text
