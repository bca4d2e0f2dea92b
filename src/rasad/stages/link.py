"""Link stage: KB name matches + NER spans → mentions (sorted, ids m1…) and the entities they refer to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasad.kb.active_years import publication_year
from rasad.kb.linker import link_document
from rasad.model import Document
from rasad.pipeline import Stage
from rasad.resources import Resources


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    mentions, entities = link_document(
        resources.get("kb"),
        doc.text,
        layers["tokens"],
        layers.get("ner", ()),
        publication_year(doc.published),
    )
    return {"mentions": tuple(mentions), "entities": tuple(entities)}


def warm(resources: Resources) -> None:
    resources.get("kb")


STAGE = Stage(
    "link", requires=("sentences", "tokens", "ner"), provides=("mentions", "entities"), run=run, warm=warm
)
