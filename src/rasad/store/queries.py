"""The read side of the store: search, documents, entities, events, map and timeline data for the API.

All SQL is written with bound parameters only; user search text reaches the database solely as a quoted FTS5
string or a tsquery literal built by `store.search` (so nothing a user types can change the query's structure).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from rasad.store.db import Store
from rasad.store.search import fts5_match, make_snippet, parse_query, pg_tsquery
from rasad.text.normalize import normalize_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchFilters:
    since: str | None = None
    until: str | None = None
    source: str | None = None
    entity: str | None = None
    event_type: str | None = None


# Orderings put undated rows last explicitly: SQLite sorts NULL last under DESC, PostgreSQL first.


def _filter_sql(f: SearchFilters, params: dict[str, Any]) -> list[str]:
    where = []
    if f.since:
        where.append("d.published >= :since")
        params["since"] = f.since
    if f.until:
        where.append("d.published <= :until")
        params["until"] = f.until
    if f.source:
        where.append("d.source = :source")
        params["source"] = f.source
    if f.entity:
        where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc_pk = d.pk AND m.entity_id = :entity)")
        params["entity"] = f.entity
    if f.event_type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.doc_pk = d.pk AND e.type = :event_type)")
        params["event_type"] = f.event_type
    return where


def stats(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),"
                " (SELECT count(*) FROM events), (SELECT count(*) FROM claims),"
                " (SELECT count(DISTINCT story_id) FROM documents), (SELECT count(*) FROM mentions)"
            )
        ).one()
    keys = ("documents", "entities", "events", "claims", "stories", "mentions")
    return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}


def search(store: Store, q: str | None, filters: SearchFilters, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    query = parse_query(q)
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    where = _filter_sql(filters, params)
    if query.empty and q and q.strip():
        return {"total": 0, "results": [], "terms": []}  # the user typed only punctuation: nothing can match
    if query.empty:
        base, order = "FROM documents d", "d.published IS NULL, d.published DESC, d.pk DESC"
    elif store.dialect == "sqlite":
        base = "FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid"
        where.insert(0, "documents_fts MATCH :match")
        params["match"] = fts5_match(query)
        order = "documents_fts.rank, d.pk"
    else:
        base = "FROM documents d"
        where.insert(0, "d.tsv @@ CAST(:tsq AS tsquery)")
        params["tsq"] = pg_tsquery(query)
        order = "ts_rank(d.tsv, CAST(:tsq AS tsquery)) DESC, d.pk"
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    try:
        with store.engine.connect() as conn:
            total = conn.execute(text(f"SELECT count(*) {base}{clause}"), params).scalar_one()
            rows = conn.execute(
                text(
                    "SELECT d.pk, d.id, d.title, d.published, d.source, d.url, d.story_id, d.analysis, d.n_events"
                    f" {base}{clause} ORDER BY {order} LIMIT :limit OFFSET :offset"
                ),
                params,
            ).all()
            sizes = _story_sizes(conn, {r.story_id for r in rows})
    except SQLAlchemyError as exc:  # the match expression is always well-formed; this is a last line of defence
        log.warning("search failed for %r: %s", q, exc)
        return {"total": 0, "results": [], "terms": sorted(query.terms)}
    results = []
    for r in rows:
        doc = json.loads(r.analysis)["document"]
        snip = make_snippet(doc["text"], query)
        results.append(
            {
                "id": r.id,
                "title": r.title,
                "snippet": snip.text,
                "snippet_start": snip.start,
                "highlights": [list(h) for h in snip.highlights],
                "published": r.published,
                "source": r.source,
                "url": r.url,
                "events": r.n_events,
                "story": r.story_id,
                "story_size": sizes.get(r.story_id, 1),
            }
        )
    return {"total": int(total), "results": results, "terms": sorted(query.terms)}


def _story_sizes(conn: Any, story_ids: set[int]) -> dict[int, int]:
    if not story_ids:
        return {}
    params = {f"s{i}": sid for i, sid in enumerate(story_ids)}
    marks = ", ".join(f":{k}" for k in params)
    rows = conn.execute(
        text(f"SELECT story_id, count(*) FROM documents WHERE story_id IN ({marks}) GROUP BY story_id"), params
    )
    return {sid: n for sid, n in rows}


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The stored Analysis JSON of a document, plus its story (the other copies of the same report)."""
    with store.engine.connect() as conn:
        row = conn.execute(
            text("SELECT pk, story_id, analysis FROM documents WHERE id = :id"), {"id": doc_id}
        ).first()
        if row is None:
            return None
        copies = conn.execute(
            text(
                "SELECT id, title, source, published FROM documents WHERE story_id = :story AND pk != :pk"
                " ORDER BY pk LIMIT 50"
            ),
            {"story": row.story_id, "pk": row.pk},
        ).all()
    analysis: dict[str, Any] = json.loads(row.analysis)
    analysis["story"] = {
        "id": row.story_id,
        "copies": [{"id": c.id, "title": c.title, "source": c.source, "published": c.published} for c in copies],
    }
    return analysis


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _entity_dict(r: Any) -> dict[str, Any]:
    geo = None
    if r.lat is not None and r.lon is not None:
        geo = {"lat": r.lat, "lon": r.lon, "country_code": r.country_code, "geonames_id": r.geonames_id}
    return {
        "id": r.id,
        "label": r.label,
        "name_ar": r.name_ar,
        "name_en": r.name_en,
        "wikidata": r.wikidata,
        "geo": geo,
        "country": r.country,
        "mentions": r.n_mentions,
        "documents": r.n_documents,
    }


_ENTITY_COLS = "id, label, name_ar, name_en, wikidata, lat, lon, country_code, geonames_id, country, n_mentions, n_documents"


def list_entities(
    store: Store, q: str | None = None, label: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    where = []
    if q and q.strip():
        where.append("(name_key LIKE :pk ESCAPE '\\' OR lower(name_en) LIKE :pe ESCAPE '\\' OR id = :q)")
        params.update(pk=_like(normalize_key(q.strip())), pe=_like(q.strip().lower()), q=q.strip())
    if label:
        where.append("label = :label")
        params["label"] = label
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    with store.engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM entities{clause}"), params).scalar_one()
        rows = conn.execute(
            text(
                f"SELECT {_ENTITY_COLS} FROM entities{clause}"
                " ORDER BY n_documents DESC, n_mentions DESC, id LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    return {"total": int(total), "results": [_entity_dict(r) for r in rows]}


def entity_names(conn: Any, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    params = {f"e{i}": v for i, v in enumerate(sorted(ids))}
    marks = ", ".join(f":{k}" for k in params)
    rows = conn.execute(text(f"SELECT {_ENTITY_COLS} FROM entities WHERE id IN ({marks})"), params).all()
    return {r.id: _entity_dict(r) for r in rows}


def entity_profile(store: Store, entity_id: str, limit: int = 50) -> dict[str, Any] | None:
    p = {"id": entity_id, "limit": limit}
    with store.engine.connect() as conn:
        row = conn.execute(text(f"SELECT {_ENTITY_COLS} FROM entities WHERE id = :id"), p).first()
        if row is None:
            return None
        per_day = conn.execute(
            text(
                "SELECT d.published AS day, count(*) AS mentions, count(DISTINCT d.pk) AS documents"
                " FROM mentions m JOIN documents d ON d.pk = m.doc_pk WHERE m.entity_id = :id"
                " GROUP BY d.published ORDER BY d.published"
            ),
            p,
        ).all()
        surfaces = conn.execute(
            text(
                "SELECT text, count(*) AS n FROM mentions WHERE entity_id = :id GROUP BY text ORDER BY n DESC, text LIMIT 10"
            ),
            p,
        ).all()
        docs = conn.execute(
            text(
                "SELECT d.id, d.title, d.published, d.source, count(*) AS mentions FROM mentions m"
                " JOIN documents d ON d.pk = m.doc_pk WHERE m.entity_id = :id"
                " GROUP BY d.pk, d.id, d.title, d.published, d.source ORDER BY d.published IS NULL, d.published DESC, d.pk DESC LIMIT :limit"
            ),
            p,
        ).all()
        co = conn.execute(
            text(
                "SELECT m2.entity_id AS id, count(DISTINCT m2.doc_pk) AS shared FROM mentions m1"
                " JOIN mentions m2 ON m2.doc_pk = m1.doc_pk"
                " WHERE m1.entity_id = :id AND m2.entity_id IS NOT NULL AND m2.entity_id != :id"
                " GROUP BY m2.entity_id ORDER BY shared DESC, m2.entity_id LIMIT 20"
            ),
            p,
        ).all()
        names = entity_names(conn, {r.id for r in co})
        claims = conn.execute(
            text(
                "SELECT c.claim_id, c.kind, c.cue, c.content, d.id AS doc_id, d.published FROM claims c"
                " JOIN documents d ON d.pk = c.doc_pk WHERE c.source_entity = :id"
                " ORDER BY d.published IS NULL, d.published DESC, c.pk LIMIT :limit"
            ),
            p,
        ).all()
    profile = _entity_dict(row)
    profile["timeline"] = _timeline(per_day)
    profile["surface_forms"] = [{"text": r.text, "count": r.n} for r in surfaces]
    profile["documents_list"] = [
        {"id": r.id, "title": r.title, "published": r.published, "source": r.source, "mentions": r.mentions} for r in docs
    ]
    profile["cooccurring"] = [{**names.get(r.id, {"id": r.id}), "shared_documents": r.shared} for r in co]
    profile["claims"] = [
        {"id": r.claim_id, "kind": r.kind, "cue": r.cue, "content": r.content, "document": r.doc_id, "published": r.published}
        for r in claims
    ]
    profile["events"] = list_events(store, actor=entity_id, any_role=True, limit=limit)["results"]
    return profile


def _timeline(per_day: Sequence[Any]) -> list[dict[str, Any]]:
    """Mention counts per day, or per month when the entity spans more than four months of days."""
    days = [r for r in per_day if r.day]
    if len(days) <= 120:
        return [{"period": r.day, "mentions": r.mentions, "documents": r.documents} for r in days]
    months: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for r in days:
        months[r.day[:7]] += r.mentions
        docs[r.day[:7]] += r.documents
    return [{"period": k, "mentions": months[k], "documents": docs[k]} for k in sorted(months)]


def list_events(
    store: Store,
    type: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
    any_role: bool = False,
) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    where = []
    if type:
        where.append("e.type = :type")
        params["type"] = type
    if since:
        where.append("e.day >= :since")
        params["since"] = since
    if until:
        where.append("e.day <= :until")
        params["until"] = until
    if actor:
        role = "" if any_role else " AND a.role = 'actor'"
        where.append(
            "EXISTS (SELECT 1 FROM event_args a WHERE a.event_pk = e.pk"
            f"{role} AND (a.entity_id = :actor OR a.text = :actor))"
        )
        params["actor"] = actor
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    with store.engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM events e{clause}"), params).scalar_one()
        rows = conn.execute(
            text(
                "SELECT e.pk, e.doc_pk, e.day, e.data, d.id AS doc_id, d.title, d.published, d.source"
                f" FROM events e JOIN documents d ON d.pk = e.doc_pk{clause}"
                " ORDER BY e.day IS NULL, e.day DESC, e.pk DESC LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
        events = [json.loads(r.data) for r in rows]
        ids = {a["entity"] for ev in events for a in _args(ev) if a.get("entity")}
        names = entity_names(conn, ids)
        claim_sources = _claim_sources(conn, [(r.doc_pk, ev.get("claim")) for r, ev in zip(rows, events, strict=True)])
    results = []
    for r, ev in zip(rows, events, strict=True):
        for key in ("actors", "recipients"):
            ev[key] = [_with_entity(a, names) for a in ev.get(key) or ()]
        if ev.get("location"):
            ev["location"] = _with_entity(ev["location"], names)
        ev["source"] = claim_sources.get((r.doc_pk, ev.get("claim")))
        ev["day"] = r.day
        ev["document"] = {"id": r.doc_id, "title": r.title, "published": r.published, "source": r.source}
        results.append(ev)
    return {"total": int(total), "results": results}


def _args(ev: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(ev.get("actors") or ()) + list(ev.get("recipients") or ())
    if ev.get("location"):
        out.append(ev["location"])
    return out


def _with_entity(arg: dict[str, Any], names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ent = names.get(arg.get("entity") or "")
    if ent is None:
        return {**arg, "name_en": None, "label": None, "geo": None}
    return {**arg, "name_en": ent["name_en"], "label": ent["label"], "wikidata": ent["wikidata"], "geo": ent["geo"]}


def _claim_sources(conn: Any, keys: list[tuple[int, str | None]]) -> dict[tuple[int, str], dict[str, Any]]:
    wanted = {(pk, cid) for pk, cid in keys if cid}
    if not wanted:
        return {}
    params = {f"d{i}": pk for i, pk in enumerate(sorted({pk for pk, _ in wanted}))}
    marks = ", ".join(f":{k}" for k in params)
    rows = conn.execute(
        text(f"SELECT doc_pk, claim_id, kind, source_text, source_entity FROM claims WHERE doc_pk IN ({marks})"), params
    ).all()
    names = entity_names(conn, {r.source_entity for r in rows if r.source_entity})
    out = {}
    for r in rows:
        if (r.doc_pk, r.claim_id) in wanted:
            ent = names.get(r.source_entity or "")
            out[(r.doc_pk, r.claim_id)] = {
                "text": r.source_text,
                "entity": r.source_entity,
                "name_en": ent["name_en"] if ent else None,
                "kind": r.kind,
            }
    return out


def map_data(store: Store, type: str | None = None, since: str | None = None, until: str | None = None, limit: int = 500) -> dict[str, Any]:
    """Places (entities with coordinates, by document count) and events located at a place with coordinates."""
    params: dict[str, Any] = {"limit": limit}
    where = ["en.lat IS NOT NULL", "en.lon IS NOT NULL"]
    if type:
        where.append("e.type = :type")
        params["type"] = type
    if since:
        where.append("e.day >= :since")
        params["since"] = since
    if until:
        where.append("e.day <= :until")
        params["until"] = until
    with store.engine.connect() as conn:
        places = conn.execute(
            text(
                f"SELECT {_ENTITY_COLS} FROM entities WHERE lat IS NOT NULL AND lon IS NOT NULL"
                " ORDER BY n_documents DESC, id LIMIT :limit"
            ),
            params,
        ).all()
        evs = conn.execute(
            text(
                "SELECT e.event_id, e.type, e.day, e.trigger, e.location_text, en.id AS place, en.name_en, en.lat, en.lon,"
                " d.id AS doc_id, d.title FROM events e JOIN entities en ON en.id = e.location_entity"
                " JOIN documents d ON d.pk = e.doc_pk WHERE " + " AND ".join(where) + " ORDER BY e.day IS NULL, e.day DESC, e.pk DESC LIMIT :limit"
            ),
            params,
        ).all()
    return {
        "places": [_entity_dict(r) for r in places],
        "events": [
            {"id": r.event_id, "type": r.type, "day": r.day, "trigger": r.trigger, "location": r.location_text,
             "place": r.place, "name_en": r.name_en, "lat": r.lat, "lon": r.lon, "document": r.doc_id, "title": r.title}
            for r in evs
        ],
    }


def timeline(store: Store, type: str | None = None, entity: str | None = None) -> dict[str, Any]:
    """Documents and events per day (optionally only events of one type / documents mentioning one entity)."""
    params: dict[str, Any] = {}
    doc_where, ev_where = ["d.published IS NOT NULL"], ["e.day IS NOT NULL"]
    if entity:
        doc_where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc_pk = d.pk AND m.entity_id = :entity)")
        ev_where.append("EXISTS (SELECT 1 FROM event_args a WHERE a.event_pk = e.pk AND a.entity_id = :entity)")
        params["entity"] = entity
    if type:
        ev_where.append("e.type = :type")
        params["type"] = type
    with store.engine.connect() as conn:
        docs = conn.execute(
            text(f"SELECT d.published, count(*) FROM documents d WHERE {' AND '.join(doc_where)} GROUP BY d.published ORDER BY 1"),
            params,
        ).all()
        evs = conn.execute(
            text(f"SELECT e.day, count(*) FROM events e WHERE {' AND '.join(ev_where)} GROUP BY e.day ORDER BY 1"), params
        ).all()
    return {
        "documents": [{"date": d, "count": n} for d, n in docs],
        "events": [{"date": d, "count": n} for d, n in evs],
    }
