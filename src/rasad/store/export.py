"""Corpus exports: flat event rows (CSV / Parquet / GeoJSON) and PLOVER records, from stored analyses.

Every exporter reads the stored Analysis JSON objects as a stream, so exporting a large corpus needs memory for
one chunk of documents only. Entity names and coordinates come from each analysis's own `entities` layer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasad.errors import UsageError

log = logging.getLogger(__name__)

FORMATS = ("plover", "csv", "geojson", "parquet")

# The flat event row, one per event: the column order of the CSV and the Parquet schema.
EVENT_COLUMNS = (
    "document_id", "event_id", "type", "mode", "cameo", "modality", "date", "published", "trigger",
    "actors", "actor_entities", "actor_names_en", "recipients", "recipient_entities", "recipient_names_en",
    "location", "location_entity", "location_name_en", "lat", "lon", "country_code",
    "claim_id", "claim_source", "claim_source_entity", "title", "source", "url",
)
FLOAT_COLUMNS = frozenset({"lat", "lon"})


def _join(values: Iterable[str | None]) -> str:
    return " | ".join(v or "" for v in values)


def event_rows(analyses: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for a in analyses:
        doc = a["document"]
        ents = {e["id"]: e for e in a.get("entities", ())}
        claims = {c["id"]: c for c in a.get("claims", ())}

        def name_en(entity_id: str | None, ents: dict[str, Any] = ents) -> str | None:
            return ents[entity_id].get("name_en") if entity_id in ents else None

        for ev in a.get("events", ()):
            actors = ev.get("actors") or []
            recipients = ev.get("recipients") or []
            loc = ev.get("location") or {}
            geo = (ents.get(loc.get("entity") or "") or {}).get("geo") or {}
            claim = claims.get(ev.get("claim") or "") or {}
            src = claim.get("source") or {}
            yield {
                "document_id": doc["id"],
                "event_id": ev["id"],
                "type": ev["type"],
                "mode": ev.get("mode"),
                "cameo": ev.get("cameo"),
                "modality": ev.get("modality"),
                "date": ev.get("date"),
                "published": doc.get("published"),
                "trigger": (ev.get("trigger") or {}).get("text"),
                "actors": _join(x.get("text") for x in actors),
                "actor_entities": _join(x.get("entity") for x in actors),
                "actor_names_en": _join(name_en(x.get("entity")) for x in actors),
                "recipients": _join(x.get("text") for x in recipients),
                "recipient_entities": _join(x.get("entity") for x in recipients),
                "recipient_names_en": _join(name_en(x.get("entity")) for x in recipients),
                "location": loc.get("text"),
                "location_entity": loc.get("entity"),
                "location_name_en": name_en(loc.get("entity")),
                "lat": geo.get("lat"),
                "lon": geo.get("lon"),
                "country_code": geo.get("country_code"),
                "claim_id": ev.get("claim"),
                "claim_source": src.get("text"),
                "claim_source_entity": src.get("entity"),
                "title": doc.get("title"),
                "source": doc.get("source"),
                "url": doc.get("url"),
            }


def _fallback_plover(a: dict[str, Any]) -> list[dict[str, Any]]:
    """PLOVER-named records built directly from the events (used until rasad.export.plover is installed)."""
    doc = a["document"]
    ents = {e["id"]: e for e in a.get("entities", ())}

    def party(args: list[dict[str, Any]]) -> tuple[str | None, str | None]:
        if not args:
            return None, None
        ent = ents.get(args[0].get("entity") or "") or {}
        return ent.get("name_en") or args[0].get("text"), ent.get("country")

    out = []
    for ev in a.get("events", ()):
        actor, actor_country = party(ev.get("actors") or [])
        recipient, recipient_country = party(ev.get("recipients") or [])
        loc = ev.get("location") or {}
        place = ents.get(loc.get("entity") or "") or {}
        geo = place.get("geo") or {}
        out.append(
            {
                "id": f"{doc['id']}-{ev['id']}",
                "date": (ev.get("date") or "")[:10] or None,
                "event": ev["type"],
                "mode": ev.get("mode"),
                "context": [],
                "actor": actor,
                "actor_country": actor_country,
                "recipient": recipient,
                "recipient_country": recipient_country,
                "event_text": (ev.get("trigger") or {}).get("text"),
                "event_loc": {"name": place.get("name_en") or loc.get("text"), "lat": geo.get("lat"),
                              "lon": geo.get("lon"), "country": geo.get("country_code")} if loc else None,
                "story_date": doc.get("published"),
                "cite_info": {"url": doc.get("url"), "title": doc.get("title"), "source": doc.get("source")},
                "cameo": ev.get("cameo"),
                "modality": ev.get("modality"),
            }
        )
    return out


def plover_records(analyses: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER records of every event, via rasad.export.plover.to_plover when it is installed."""
    try:
        from rasad.export.plover import to_plover
    except ModuleNotFoundError as exc:
        if exc.name != "rasad.export.plover":
            raise
        for a in analyses:
            yield from _fallback_plover(a)
        return
    from rasad.store.rebuild import analysis_from_dict

    for a in analyses:
        try:
            records = to_plover(analysis_from_dict(a))
        except Exception as exc:  # one document's bad data must not cut a corpus export short
            log.warning("%s: no PLOVER records: %s: %s", a["document"]["id"], type(exc).__name__, exc)
            continue
        yield from records


def export_corpus(analyses: Iterable[dict[str, Any]], fmt: str, path: Path) -> int:
    """Write the corpus's events to `path` in `fmt`; returns the number of records written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "plover":
        import json

        n = 0
        with path.open("w", encoding="utf-8") as f:
            for rec in plover_records(analyses):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "csv":
        from rasad.export.csv import write_csv

        return write_csv(event_rows(analyses), path)
    if fmt == "geojson":
        from rasad.export.geojson import write_geojson

        return write_geojson(event_rows(analyses), path)
    from rasad.export.parquet import write_parquet

    return write_parquet(event_rows(analyses), path)
