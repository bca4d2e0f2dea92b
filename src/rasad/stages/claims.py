"""Claims stage: attribution cues, their sources and reported contents → Claim objects (layer "claims").

Reads the linker's mentions to give a source its entity id; works without them (descriptor phrases such as
مسؤولون روس or وسائل إعلام محلية are found from the text), and uses the internal "ner" layer when present.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rasad.claims.resources  # noqa: F401  (registers the "claim_cues" and "claim_extractor" loaders)
from rasad.model import Document
from rasad.pipeline import Stage
from rasad.resources import Resources


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    extractor = resources.get("claim_extractor")
    claims = extractor.extract(
        doc.text,
        layers["tokens"],
        layers.get("sentences", ()),
        mentions=layers.get("mentions", ()),
        ner=layers.get("ner", ()),
    )
    return {"claims": tuple(claims)}


def warm(resources: Resources) -> None:
    resources.get("claim_extractor")


STAGE = Stage(
    "claims",
    requires=("sentences", "tokens", "mentions", "entities"),
    provides=("claims",),
    run=run,
    warm=warm,
)
