"""DDL of the `raw` and `audit` schemas, derived from the export contract."""

from __future__ import annotations

import duckdb

from sources.registry import Table, load_contract

from .sqltext import ident

PROVENANCE_COLUMNS = {
    "_file_name": "VARCHAR",
    "_row_number": "BIGINT",
    "_file_sha256": "VARCHAR",
    "_file_modified_at": "TIMESTAMP",
    "_loaded_at": "TIMESTAMP",
}

AUDIT_DDL = [
    """create table if not exists audit.file_ledger (
        file_name varchar, table_name varchar, sha256 varchar, size_bytes bigint,
        file_modified_at timestamp, rows_read bigint, rows_loaded bigint,
        rows_quarantined bigint, status varchar, reason varchar, loaded_at timestamp,
        build_id varchar)""",
    """create table if not exists audit.quarantined_rows (
        file_name varchar, table_name varchar, row_number bigint, column_name varchar,
        reason varchar, raw_values varchar, file_sha256 varchar, loaded_at timestamp)""",
    """create table if not exists audit.dq_results (
        build_id varchar, table_name varchar, expectation varchar, column_name varchar,
        success boolean, severity varchar, unexpected_count bigint, element_count bigint,
        details varchar, checked_at timestamp)""",
    """create table if not exists audit.builds (
        build_id varchar, started_at timestamp, finished_at timestamp, as_of_date date,
        status varchar, duration_seconds double, files_loaded bigint,
        rows_loaded bigint, rows_quarantined bigint, files_rejected bigint, message varchar)""",
]


def raw_table_ddl(table: Table) -> str:
    cols = [f"{ident(c.name)} {c.duckdb_type}" for c in table.columns]
    cols += [f"{ident(n)} {t}" for n, t in PROVENANCE_COLUMNS.items()]
    return f"create table if not exists raw.{ident(table.name)} ({', '.join(cols)})"


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw and audit schemas and every table of contract v1 if missing."""
    con.execute("create schema if not exists raw")
    con.execute("create schema if not exists audit")
    for table in load_contract().values():
        con.execute(raw_table_ddl(table))
    for ddl in AUDIT_DDL:
        con.execute(ddl)
