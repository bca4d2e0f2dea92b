"""Rebuild model objects from a stored Analysis JSON object (the store keeps JSON, exporters want objects)."""

from __future__ import annotations

from typing import Any

from rasad.model import (
    Analysis,
    Argument,
    Claim,
    ClaimSource,
    Document,
    Entity,
    Event,
    Geo,
    Mention,
    Sentence,
    Span,
    Timex,
)


def _span(d: dict[str, Any] | None) -> Span:
    d = d or {}
    return Span(int(d.get("start", 0)), int(d.get("end", 0)), str(d.get("text", "")))


def _arg(d: dict[str, Any]) -> Argument:
    return Argument(int(d["start"]), int(d["end"]), d["text"], d.get("entity"))


def _entity(d: dict[str, Any]) -> Entity:
    g = d.get("geo")
    geo = Geo(g["lat"], g["lon"], g.get("country_code"), g.get("geonames_id")) if g else None
    return Entity(
        d["id"], d.get("label", "MISC"), d.get("name_ar", ""), d.get("name_en"), d.get("wikidata"), geo,
        d.get("country"), bool(d.get("in_kb", False)),
    )


def _event(d: dict[str, Any]) -> Event:
    loc = d.get("location")
    return Event(
        id=d["id"],
        type=d["type"],
        mode=d.get("mode"),
        cameo=d.get("cameo"),
        actors=tuple(_arg(a) for a in d.get("actors") or ()),
        recipients=tuple(_arg(a) for a in d.get("recipients") or ()),
        location=_arg(loc) if loc else None,
        date=d.get("date"),
        modality=d.get("modality", "asserted"),
        trigger=_span(d.get("trigger")),
        sentence=int(d.get("sentence", 0)),
        claim=d.get("claim"),
    )


def _claim(d: dict[str, Any]) -> Claim:
    src = d.get("source") or {}
    source = ClaimSource(
        int(src.get("start", 0)), int(src.get("end", 0)), str(src.get("text", "")), src.get("entity"),
        bool(src.get("anonymous", False)),
    )
    return Claim(d["id"], d.get("kind", "indirect"), source, _span(d.get("cue")), _span(d.get("content")), d.get("via"))


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The inverse of `Analysis.to_dict()` for the fields the contract defines (extra fields are ignored)."""
    doc = data["document"]
    document = Document(
        id=doc["id"], text=doc["text"], title=doc.get("title"), source=doc.get("source"), url=doc.get("url"),
        published=doc.get("published"), language=doc.get("language") or "ar",
    )
    return Analysis(
        document=document,
        sentences=tuple(Sentence(s["start"], s["end"]) for s in data.get("sentences", ())),
        mentions=tuple(
            Mention(m["id"], m["start"], m["end"], m["text"], m["label"], m.get("entity"), m.get("kind", "name"),
                    float(m.get("confidence", 1.0)))
            for m in data.get("mentions", ())
        ),
        entities=tuple(_entity(e) for e in data.get("entities", ())),
        timexes=tuple(
            Timex(t["id"], t["start"], t["end"], t["text"], t["type"], t.get("value"), t.get("claim"))
            for t in data.get("timexes", ())
        ),
        events=tuple(_event(e) for e in data.get("events", ())),
        claims=tuple(_claim(c) for c in data.get("claims", ())),
        errors=tuple(data.get("errors", ())),
    )
