"""PLOVER JSON export: one record per event, with PLOVER's field names plus rasad's extras.

PLOVER fields: id, date, event, mode, context, actor, recipient, event_text, event_loc {name, lat, lon,
country}, cite_info {url, title, language, source}. Actors and recipients are rendered with the linked entity's
English name when there is one (else the Arabic span). Extras that PLOVER has no slot for: cameo, modality,
trigger, the Arabic argument spans with their entity ids, and the attributed source of the claim the event is
reported in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rasad.model import Analysis, Argument, Entity


def _name(arg: Argument, entities: dict[str, Entity]) -> str:
    entity = entities.get(arg.entity) if arg.entity else None
    return entity.name_en or entity.name_ar if entity else arg.text


def _names(args: Sequence[Argument], entities: dict[str, Entity]) -> str | None:
    names: list[str] = []
    for a in args:
        n = _name(a, entities)
        if n not in names:
            names.append(n)
    return "; ".join(names) if names else None


def _arg_dict(arg: Argument, entities: dict[str, Entity]) -> dict[str, Any]:
    entity = entities.get(arg.entity) if arg.entity else None
    return {
        "start": arg.start,
        "end": arg.end,
        "text": arg.text,
        "entity": arg.entity,
        "wikidata": entity.wikidata if entity else None,
        "name": _name(arg, entities),
    }


def _location(arg: Argument | None, entities: dict[str, Entity]) -> dict[str, Any] | None:
    if arg is None:
        return None
    entity = entities.get(arg.entity) if arg.entity else None
    geo = entity.geo if entity else None
    country = (geo.country_code if geo and geo.country_code else None) or (entity.country if entity else None)
    return {
        "name": _name(arg, entities),
        "lat": geo.lat if geo else None,
        "lon": geo.lon if geo else None,
        "country": country,
        "geonames_id": geo.geonames_id if geo else None,
        "text": arg.text,
        "entity": arg.entity,
    }


def to_plover(analysis: Analysis) -> list[dict[str, Any]]:
    """PLOVER records for every event of an analysed document."""
    doc = analysis.document
    entities = {e.id: e for e in analysis.entities}
    claims = {c.id: c for c in analysis.claims}
    records: list[dict[str, Any]] = []
    for event in analysis.events:
        sentence = (
            analysis.sentences[event.sentence] if 0 <= event.sentence < len(analysis.sentences) else None
        )
        event_text = doc.text[sentence.start : sentence.end] if sentence else event.trigger.text
        claim = claims.get(event.claim) if event.claim else None
        records.append(
            {
                "id": f"{doc.id}-{event.id}",
                "date": event.date[:10] if event.date else None,
                "event": event.type,
                "mode": event.mode,
                "context": [],
                "actor": _names(event.actors, entities),
                "recipient": _names(event.recipients, entities),
                "event_text": event_text,
                "event_loc": _location(event.location, entities),
                "story_date": doc.published,
                "cite_info": {
                    "url": doc.url,
                    "title": doc.title,
                    "language": doc.language,
                    "source": doc.source,
                },
                # rasad extras
                "cameo": event.cameo,
                "modality": event.modality,
                "timex_value": event.date,
                "trigger": {
                    "start": event.trigger.start,
                    "end": event.trigger.end,
                    "text": event.trigger.text,
                },
                "actors": [_arg_dict(a, entities) for a in event.actors],
                "recipients": [_arg_dict(r, entities) for r in event.recipients],
                "claim": event.claim,
                "claim_source": claim.source.text if claim else None,
            }
        )
    return records


def write_plover_jsonl(analyses: Iterable[Analysis], path: Path) -> int:
    """Write the PLOVER records of many analyses as JSON lines; returns the number of records."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for analysis in analyses:
            for record in to_plover(analysis):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n
