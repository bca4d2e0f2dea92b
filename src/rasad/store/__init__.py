"""The corpus store: SQLite (FTS5) or PostgreSQL, Arabic-aware search, ingest with story grouping."""

from rasad.store.db import DEFAULT_DB, Store
from rasad.store.ingest import IngestReport, ingest

__all__ = ["DEFAULT_DB", "IngestReport", "Store", "ingest"]
