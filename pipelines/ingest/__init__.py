"""Ingestion of the landing folder into the ``raw`` and ``audit`` schemas."""

from .landing import IngestSummary, LedgerEntry, ingest_landing, landing_files
from .schema import ensure_schemas

__all__ = ["IngestSummary", "LedgerEntry", "ensure_schemas", "ingest_landing", "landing_files"]
