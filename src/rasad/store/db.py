"""The corpus store: opening SQLite/PostgreSQL, the single writer, and streaming the stored analyses back.

SQLite runs in WAL mode so the API can read while an ingest writes; there is exactly one writer per database,
enforced with an advisory lock (a lock file beside the SQLite database, `pg_try_advisory_lock` on PostgreSQL).
Each batch is written in one transaction: a process killed mid-ingest leaves whole batches only, and the next
run skips what is already stored (documents are unique by id; an identical text under another id is kept as a
copy in the same story).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from rasad.errors import StoreError
from rasad.store import schema as s
from rasad.store.records import PreparedDocument, minhash_from_bytes
from rasad.store.search import index_terms, pg_tsvector, terms_fingerprint
from rasad.store.stories import StoryIndex
from rasad.text.normalize import normalize_key

log = logging.getLogger(__name__)

DEFAULT_DB = "rasad.db"
_PG_LOCK_KEY = 0x7261736164  # "rasad"


def engine_url(db: str) -> str:
    """SQLAlchemy URL for a user-facing database argument: a file path, sqlite:/// or postgresql:// URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser())


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # autocommit at the driver level; SQLAlchemy's "begin" hook below emits BEGIN itself (the documented
    # pysqlite workaround that makes transactions and savepoints behave).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


@dataclass
class WriteResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored (same id or same content)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc id, message)


class Store:
    """A corpus database. `Store(url)` opens it (creating the schema unless `create=False`)."""

    def __init__(self, db: str = DEFAULT_DB, *, create: bool = True) -> None:
        self.db = db
        self.url = engine_url(db)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {db!r}: {exc}") from exc
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
            path = self.engine.url.database
            if path and path != ":memory:" and not create and not Path(path).exists():
                raise StoreError(f"no database at {path}")
        try:
            with self.engine.begin() as conn:
                if create:
                    s.create_all(conn)
                conn.execute(select(func.count()).select_from(s.documents))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot use database {db!r}: {_short(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # ---- the single writer -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the database's writer lock (raises StoreError when another process holds it)."""
        if self.dialect == "sqlite":
            path = self.engine.url.database
            if not path or path == ":memory:":
                yield
                return
            fd = os.open(path + ".writer-lock", os.O_CREAT | os.O_RDWR, 0o644)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError as exc:
                    raise StoreError(f"another process is writing to {path}") from exc
                yield
            finally:
                os.close(fd)  # closing releases the lock (as does the process dying)
        else:
            with self.engine.connect() as conn:
                got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_LOCK_KEY}).scalar()
                if not got:
                    raise StoreError(f"another process is writing to {self.db}")
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                    conn.commit()

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        ids = list(ids)
        if not ids:
            return set()
        with self.engine.connect() as conn:
            return set(conn.execute(select(s.documents.c.id).where(s.documents.c.id.in_(ids))).scalars())

    def load_stories(self) -> StoryIndex:
        index = StoryIndex()
        with self.engine.connect() as conn:
            index.load(conn)
        return index

    def write(self, prepared: Sequence[PreparedDocument], stories: StoryIndex) -> WriteResult:
        """Write a batch in one transaction; if it fails, retry document by document and skip the bad ones."""
        result = WriteResult()
        try:
            with self.engine.begin() as conn:
                self._write(conn, prepared, stories, result)
            stories.commit()
            return result
        except OperationalError as exc:  # the database itself is unusable (locked, disk full…): stop the run
            stories.rollback()
            raise StoreError(f"cannot write to {self.db}: {_short(exc)}") from exc
        except (SQLAlchemyError, KeyError, TypeError, ValueError) as exc:  # bad data in this batch
            stories.rollback()
            if len(prepared) == 1:
                result = WriteResult(failed=[(prepared[0].id, _short(exc))])
                return result
        result = WriteResult()
        for doc in prepared:
            one = self.write([doc], stories)
            result.added += one.added
            result.skipped += one.skipped
            result.failed += one.failed
        return result

    def _write(self, conn: Connection, batch: Sequence[PreparedDocument], stories: StoryIndex, out: WriteResult) -> None:
        ids = [p.id for p in batch]
        known_ids = set(conn.execute(select(s.documents.c.id).where(s.documents.c.id.in_(ids))).scalars())
        # Exact copies (same normalised text, another id) join the story of the copy stored first.
        hashes = list({p.content_hash for p in batch})
        story_of_hash: dict[str, int] = {}
        for h, story in conn.execute(
            select(s.documents.c.content_hash, func.min(s.documents.c.story_id))
            .where(s.documents.c.content_hash.in_(hashes))
            .group_by(s.documents.c.content_hash)
        ):
            story_of_hash[h] = story
        rows: dict[str, list[dict[str, Any]]] = {"mentions": [], "timexes": [], "claims": [], "minhashes": []}
        entity_rows: dict[str, dict[str, Any]] = {}
        for p in batch:
            if p.id in known_ids:
                out.skipped.append(p.id)
                continue
            known_ids.add(p.id)
            pk = self._insert_document(conn, p)
            story = stories.story_for(pk, minhash_from_bytes(p.signature), story_of_hash.get(p.content_hash))
            story_of_hash.setdefault(p.content_hash, story)
            if story != pk:
                conn.execute(update(s.documents).where(s.documents.c.pk == pk).values(story_id=story))
            rows["minhashes"].append({"doc_pk": pk, "signature": p.signature})
            _collect_layers(pk, p.analysis, rows, entity_rows)
            self._insert_events(conn, pk, p.analysis)
            out.added.append(p.id)
        for table in ("mentions", "timexes", "claims", "minhashes"):
            if rows[table]:
                conn.execute(s.metadata.tables[table].insert(), rows[table])
        if entity_rows:
            self._upsert_entities(conn, list(entity_rows.values()))

    def _insert_document(self, conn: Connection, p: PreparedDocument) -> int:
        a = p.analysis
        doc = a["document"]
        terms = " ".join(p.terms)
        pk = conn.execute(
            s.documents.insert()
            .values(
                id=doc["id"],
                content_hash=p.content_hash,
                title=doc.get("title"),
                source=doc.get("source"),
                url=doc.get("url"),
                published=doc.get("published"),
                language=doc.get("language"),
                terms=terms,
                analysis=p.analysis_json(),
                n_mentions=len(a.get("mentions", ())),
                n_events=len(a.get("events", ())),
                n_claims=len(a.get("claims", ())),
                errors="\n".join(a.get("errors", ())) or None,
            )
            .returning(s.documents.c.pk)
        ).scalar_one()
        conn.execute(update(s.documents).where(s.documents.c.pk == pk).values(story_id=pk))
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO documents_fts(rowid, terms) VALUES (:pk, :terms)"), {"pk": pk, "terms": terms})
        elif self.dialect == "postgresql":
            conn.execute(
                text("UPDATE documents SET tsv = CAST(:tsv AS tsvector) WHERE pk = :pk"),
                {"pk": pk, "tsv": pg_tsvector(list(p.terms))},
            )
        return int(pk)

    def _insert_events(self, conn: Connection, pk: int, a: dict[str, Any]) -> None:
        """All of a document's events in one multi-row INSERT … RETURNING, then all their arguments in one more."""
        published = a["document"].get("published")
        events = list(a.get("events", ()))
        if not events:
            return
        rows = []
        for ev in events:
            date = ev.get("date")
            loc = ev.get("location") or {}
            rows.append(
                {
                    "doc_pk": pk,
                    "event_id": ev["id"],
                    "type": ev["type"],
                    "mode": ev.get("mode"),
                    "cameo": ev.get("cameo"),
                    "modality": ev.get("modality"),
                    "date": date,
                    "day": date if isinstance(date, str) and len(date) == 10 and date[4] == "-" else published,
                    "trigger": (ev.get("trigger") or {}).get("text"),
                    "location_text": loc.get("text"),
                    "location_entity": loc.get("entity"),
                    "claim_id": ev.get("claim"),
                    "data": json.dumps(ev, ensure_ascii=False),
                }
            )
        result = conn.execute(s.events.insert().returning(s.events.c.pk, sort_by_parameter_order=True), rows)
        event_pks = [row[0] for row in result]
        args = []
        for event_pk, ev in zip(event_pks, events, strict=True):
            for role, key in (("actor", "actors"), ("recipient", "recipients")):
                for arg in ev.get(key) or ():
                    args.append(
                        {"event_pk": event_pk, "doc_pk": pk, "role": role, "text": arg.get("text", ""),
                         "entity_id": arg.get("entity")}
                    )
            loc = ev.get("location") or {}
            if loc:
                args.append({"event_pk": event_pk, "doc_pk": pk, "role": "location", "text": loc.get("text", ""),
                             "entity_id": loc.get("entity")})
        if args:
            conn.execute(s.event_args.insert(), args)

    def _upsert_entities(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        insert = sqlite_insert if self.dialect == "sqlite" else pg_insert
        stmt = insert(s.entities)
        t = s.entities.c
        ex = stmt.excluded
        stmt = stmt.on_conflict_do_update(
            index_elements=[t.id],
            set_={
                "n_mentions": t.n_mentions + ex.n_mentions,
                "n_documents": t.n_documents + ex.n_documents,
                "name_en": func.coalesce(t.name_en, ex.name_en),
                "wikidata": func.coalesce(t.wikidata, ex.wikidata),
                "lat": func.coalesce(t.lat, ex.lat),
                "lon": func.coalesce(t.lon, ex.lon),
                "country_code": func.coalesce(t.country_code, ex.country_code),
                "geonames_id": func.coalesce(t.geonames_id, ex.geonames_id),
                "country": func.coalesce(t.country, ex.country),
            },
        )
        conn.execute(stmt, rows)

    def add(self, analyses: Iterable[Any]) -> WriteResult:
        """Store already-computed analyses (Analysis objects or their JSON dicts) in one batch, under the lock."""
        from rasad.store.records import prepare

        prepared = [prepare(a) for a in analyses]
        with self.writer():
            self.ensure_current_terms()
            return self.write(prepared, self.load_stories())

    # ---- search-index maintenance ----------------------------------------------------------------------
    def _meta(self, conn: Connection, key: str) -> str | None:
        value: str | None = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()
        return value

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        if self._meta(conn, key) is None:
            conn.execute(s.meta.insert().values(key=key, value=value))
        else:
            conn.execute(update(s.meta).where(s.meta.c.key == key).values(value=value))

    def terms_are_current(self) -> bool:
        """False when the stored search terms were made by another segmenter than the installed one."""
        with self.engine.connect() as conn:
            stored = self._meta(conn, "terms_fingerprint")
        return stored is None or stored == terms_fingerprint()

    def ensure_current_terms(self) -> int:
        """Rebuild the search index if it is stale (see `terms_fingerprint`); returns the documents re-indexed."""
        if self.terms_are_current():
            with self.engine.begin() as conn:
                self._set_meta(conn, "terms_fingerprint", terms_fingerprint())
            return 0
        return self.reindex_terms()

    def reindex_terms(self) -> int:
        """Recompute every document's search terms from its stored text, in one transaction."""
        n, last = 0, 0
        with self.engine.begin() as conn:
            while True:  # in chunks, so a large corpus is never held in memory at once
                rows = conn.execute(
                    select(s.documents.c.pk, s.documents.c.analysis)
                    .where(s.documents.c.pk > last)
                    .order_by(s.documents.c.pk)
                    .limit(500)
                ).all()
                if not rows:
                    break
                last = rows[-1][0]
                n += self._reindex_rows(conn, rows)
            if self.dialect == "sqlite":
                conn.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
            self._set_meta(conn, "terms_fingerprint", terms_fingerprint())
        log.info("re-indexed %d documents for the installed segmenter", n)
        return n

    def _reindex_rows(self, conn: Connection, rows: Sequence[Any]) -> int:
        for pk, raw in rows:
            doc = json.loads(raw)["document"]
            terms = index_terms(doc["text"], doc.get("title"))
            conn.execute(update(s.documents).where(s.documents.c.pk == pk).values(terms=" ".join(terms)))
            if self.dialect == "postgresql":
                conn.execute(
                    text("UPDATE documents SET tsv = CAST(:tsv AS tsvector) WHERE pk = :pk"),
                    {"pk": pk, "tsv": pg_tsvector(terms)},
                )
        return len(rows)

    # ---- reading back ------------------------------------------------------------------------------------
    def iter_analyses(self, chunk: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored Analysis JSON object, in ingest order (streamed in chunks)."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(s.documents.c.pk, s.documents.c.analysis)
                    .where(s.documents.c.pk > last)
                    .order_by(s.documents.c.pk)
                    .limit(chunk)
                ).all()
            if not rows:
                return
            for pk, raw in rows:
                last = pk
                yield json.loads(raw)


def _collect_layers(
    pk: int, a: dict[str, Any], rows: dict[str, list[dict[str, Any]]], entity_rows: dict[str, dict[str, Any]]
) -> None:
    per_entity: dict[str, int] = {}
    for m in a.get("mentions", ()):
        rows["mentions"].append(
            {"doc_pk": pk, "mention_id": m["id"], "start": m["start"], "end": m["end"], "text": m["text"],
             "label": m.get("label"), "entity_id": m.get("entity")}
        )
        if m.get("entity"):
            per_entity[m["entity"]] = per_entity.get(m["entity"], 0) + 1
    for t in a.get("timexes", ()):
        rows["timexes"].append(
            {"doc_pk": pk, "timex_id": t["id"], "start": t["start"], "end": t["end"], "text": t["text"],
             "type": t.get("type"), "value": t.get("value")}
        )
    for c in a.get("claims", ()):
        src = c.get("source") or {}
        rows["claims"].append(
            {"doc_pk": pk, "claim_id": c["id"], "kind": c.get("kind"), "source_text": src.get("text"),
             "source_entity": src.get("entity"), "cue": (c.get("cue") or {}).get("text"),
             "content": (c.get("content") or {}).get("text")}
        )
    for e in a.get("entities", ()):
        geo = e.get("geo") or {}
        row = entity_rows.get(e["id"])
        if row is None:
            row = entity_rows[e["id"]] = {
                "id": e["id"], "label": e.get("label"), "name_ar": e.get("name_ar"),
                "name_key": normalize_key(e.get("name_ar") or ""), "name_en": e.get("name_en"),
                "wikidata": e.get("wikidata"), "lat": geo.get("lat"), "lon": geo.get("lon"),
                "country_code": geo.get("country_code"), "geonames_id": geo.get("geonames_id"),
                "country": e.get("country"), "in_kb": bool(e.get("in_kb", False)), "n_mentions": 0, "n_documents": 0,
            }
        row["n_mentions"] += per_entity.get(e["id"], 0)
        row["n_documents"] += 1


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
