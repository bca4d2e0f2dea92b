"""The corpus schema (SQLAlchemy Core, identical on SQLite and PostgreSQL) plus each backend's search index.

`documents.analysis` keeps the full Analysis JSON (the public contract, returned as is by the API); the other
tables are normalised copies of its layers so the API can filter and aggregate without parsing JSON:
mentions, entities (one row per entity id across the corpus, with running counts), events and their arguments,
claims and timexes. Near-duplicate documents share a `story_id` (the pk of the story's first document).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

SCHEMA_VERSION = "1"

metadata = MetaData()

meta = Table(
    "rasad_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    # Not unique: an identical text published under another id (a wire report run verbatim by two outlets) is
    # stored as its own document, in the same story as the first copy. Re-ingesting is idempotent by id.
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("story_id", Integer),
    Column("terms", Text, nullable=False, default=""),  # space-separated search terms (see store.search)
    Column("analysis", Text, nullable=False),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("errors", Text),
    Index("ix_documents_published", "published"),
    Index("ix_documents_source", "source"),
    Index("ix_documents_story", "story_id"),
    Index("ix_documents_content_hash", "content_hash"),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", String(16)),
    Column("name_ar", Text),
    Column("name_key", Text),  # normalize_key(name_ar), for diacritic-insensitive lookup
    Column("name_en", Text),
    Column("wikidata", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(8)),
    Column("geonames_id", Integer),
    Column("country", String(8)),
    Column("in_kb", Boolean, nullable=False, default=False),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
    Index("ix_entities_label", "label"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("mention_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16)),
    Column("entity_id", Text),
    Index("ix_mentions_doc", "doc_pk"),
    Index("ix_mentions_entity", "entity_id", "doc_pk"),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(32), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", Text),
    Column("cameo", String(16)),
    Column("modality", String(16)),
    Column("date", String(32)),  # TIMEX3 value of the event date (or null)
    Column("day", String(10)),  # the event date when it is a full day, else the document's publication date
    Column("trigger", Text),
    Column("location_text", Text),
    Column("location_entity", Text),
    Column("claim_id", String(32)),
    Column("data", Text, nullable=False),  # the event's JSON object as in the analysis
    Index("ix_events_doc", "doc_pk"),
    Index("ix_events_type_day", "type", "day"),
    Index("ix_events_day", "day"),
)

event_args = Table(
    "event_args",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    Column("doc_pk", Integer, nullable=False),
    Column("role", String(16), nullable=False),  # actor | recipient | location
    Column("text", Text, nullable=False),
    Column("entity_id", Text),
    Index("ix_event_args_event", "event_pk"),
    Index("ix_event_args_entity", "entity_id", "role"),
)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(32), nullable=False),
    Column("kind", String(16)),
    Column("source_text", Text),
    Column("source_entity", Text),
    Column("cue", Text),
    Column("content", Text),
    Index("ix_claims_doc", "doc_pk"),
    Index("ix_claims_source", "source_entity"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("timex_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16)),
    Column("value", String(64)),
    Index("ix_timexes_doc", "doc_pk"),
)

# The full-text indexes are backend-specific; both index documents.terms (external content in SQLite).
SQLITE_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "terms, content='documents', content_rowid='pk', tokenize='unicode61 remove_diacritics 0')"
)
POSTGRES_FTS_DDL = (
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS ix_documents_tsv ON documents USING gin (tsv)",
)


def create_all(conn: Connection) -> None:
    """Create the tables and the search index when missing (idempotent)."""
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(text(SQLITE_FTS_DDL))
    elif conn.dialect.name == "postgresql":
        for ddl in POSTGRES_FTS_DDL:
            conn.execute(text(ddl))
    found = conn.execute(meta.select().where(meta.c.key == "schema_version")).first()
    if found is None:
        conn.execute(meta.insert().values(key="schema_version", value=SCHEMA_VERSION))
