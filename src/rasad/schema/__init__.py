"""The published JSON Schema of the Analysis contract, and a validator that also checks span offsets."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def analysis_schema() -> dict[str, Any]:
    return json.loads((resources.files("rasad.schema") / "analysis.schema.json").read_text(encoding="utf-8"))


def _spans(analysis: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = [("mention", m) for m in analysis["mentions"]]
    out += [("timex", t) for t in analysis["timexes"]]
    for ev in analysis["events"]:
        out.append(("event trigger", ev["trigger"]))
        out += [("event actor", a) for a in ev["actors"]] + [("event recipient", a) for a in ev["recipients"]]
        if ev["location"]:
            out.append(("event location", ev["location"]))
    for c in analysis["claims"]:
        out += [("claim source", c["source"]), ("claim cue", c["cue"]), ("claim content", c["content"])]
    return out


def validate_analysis(analysis: dict[str, Any]) -> list[str]:
    """Schema violations plus offset errors (span text differs from the document text); empty when valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(analysis_schema())
    problems = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(analysis)]
    if problems:
        return problems
    text = analysis["document"]["text"]
    for s in analysis["sentences"]:
        if not 0 <= s["start"] < s["end"] <= len(text):
            problems.append(f"sentence {s} out of range")
    for kind, span in _spans(analysis):
        if not 0 <= span["start"] <= span["end"] <= len(text):
            problems.append(f"{kind} {span['start']}-{span['end']} out of range")
        elif text[span["start"] : span["end"]] != span["text"]:
            problems.append(f"{kind} {span['start']}-{span['end']} text {span['text']!r} differs from the document")
    n_sent = len(analysis["sentences"])
    for ev in analysis["events"]:
        if not 0 <= ev["sentence"] < max(n_sent, 1):
            problems.append(f"event {ev['id']} sentence index {ev['sentence']} out of range")
    entity_ids = {e["id"] for e in analysis["entities"]}
    claim_ids = {c["id"] for c in analysis["claims"]}
    for m in analysis["mentions"]:
        if m["entity"] is not None and m["entity"] not in entity_ids:
            problems.append(f"mention {m['id']} points to unknown entity {m['entity']}")
    for ev in analysis["events"]:
        if ev["claim"] is not None and ev["claim"] not in claim_ids:
            problems.append(f"event {ev['id']} points to unknown claim {ev['claim']}")
    return problems
