"""The dbt source definitions of the ``raw`` schema, rendered from export contract v1.

``python -m pipelines.dbt_sources`` rewrites ``dbt_project/models/staging/_raw__sources.yml``;
a test keeps the committed file equal to the contract, so the two cannot drift apart.
"""

from __future__ import annotations

import yaml

from sources.registry import load_contract

from .ingest.schema import PROVENANCE_COLUMNS
from .settings import DBT_PROJECT_DIR

SOURCES_FILE = DBT_PROJECT_DIR / "models" / "staging" / "_raw__sources.yml"

#: Which operational system each export comes from (staging folder and model prefix).
SOURCE_SYSTEM = {
    "projects": "erp",
    "units": "erp",
    "customers": "erp",
    "contacts": "erp",
    "reservations": "erp",
    "subscriptions": "erp",
    "contracts": "erp",
    "sales_changes": "erp",
    "payment_schedule": "erp",
    "service_events": "erp",
    "receipts": "finance",
    "collection_actions": "finance",
    "marketing_spend": "marketing",
    "sales_plans": "marketing",
}

PROVENANCE_DESCRIPTIONS = {
    "_file_name": "Landing file the row was read from (relative to the landing folder).",
    "_row_number": "Physical line of the row in that file (sheet row for XLSX).",
    "_file_sha256": "sha256 of the file's bytes.",
    "_file_modified_at": "The file's modification time (UTC); the latest version of a key wins.",
    "_loaded_at": "When the row was loaded (UTC).",
}


def render_sources() -> str:
    tables = []
    for table in load_contract().values():
        columns = []
        for col in table.columns:
            text = f"{col.zh}. {col.description}".strip().rstrip(".") + "."
            if col.values:
                text += " Values: " + ", ".join(col.values) + "."
            columns.append({"name": col.name, "description": text})
        columns += [
            {"name": n, "description": PROVENANCE_DESCRIPTIONS[n]} for n in PROVENANCE_COLUMNS
        ]
        tables.append(
            {
                "name": table.name,
                "description": f"{table.zh}: {table.description} Key: {', '.join(table.key)}.",
                "meta": {"system": SOURCE_SYSTEM[table.name], "key": list(table.key)},
                "columns": columns,
            }
        )
    doc = {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "schema": "raw",
                "description": "Landing files as read, typed per export contract v1, with provenance.",
                "tables": tables,
            }
        ],
    }
    header = (
        "# Generated from sources/contract by `python -m pipelines.dbt_sources`; do not edit.\n"
    )
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def main() -> None:
    SOURCES_FILE.write_text(render_sources(), encoding="utf-8")
    print(f"wrote {SOURCES_FILE}")


if __name__ == "__main__":
    main()
