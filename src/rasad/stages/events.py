"""Events stage: PLOVER/CAMEO events with actors, recipients, place, date, modality and the claim they sit in.

Reads the text layers, the linked mentions (entity ids for actors and places), timexes (event dates) and claims
(`event.claim`). The raw NER layer, when the pipeline has it, stands in for names that no mention covers, so that
events keep named actors while linking is unavailable or misses a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rasad.events.resources  # noqa: F401  (registers the "event_extractor" resource)
from rasad.model import Document
from rasad.pipeline import Stage
from rasad.resources import Resources


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    extractor = resources.get("event_extractor")
    events = extractor.extract(
        doc.text,
        doc.published,
        layers["sentences"],
        layers["tokens"],
        mentions=layers.get("mentions", ()),
        timexes=layers.get("timexes", ()),
        claims=layers.get("claims", ()),
        ner=layers.get("ner", ()),
    )
    return {"events": events}


def warm(resources: Resources) -> None:
    resources.get("event_extractor")


STAGE = Stage(
    "events",
    requires=("sentences", "tokens", "mentions", "entities", "timexes", "claims"),
    provides=("events",),
    run=run,
    warm=warm,
)
