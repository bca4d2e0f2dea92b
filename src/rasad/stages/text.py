"""Text stage: sentences and clitic-segmented tokens (the shared base every later stage reads)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasad.model import Document
from rasad.pipeline import Stage
from rasad.resources import Resources
from rasad.text.sentences import split_sentences
from rasad.text.tokenize import tokenize


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    return {
        "sentences": split_sentences(doc.text),
        "tokens": tokenize(doc.text, resources.get("segmenter")),
    }


def warm(resources: Resources) -> None:
    resources.get("segmenter")


STAGE = Stage("text", requires=(), provides=("sentences", "tokens"), run=run, warm=warm)
