"""Loaders for the text layer's resources: the corpus vocabulary and the clitic segmenter."""

from __future__ import annotations

from rasad.resources import Resources, register
from rasad.text.tokenize import Segmenter
from rasad.train import vocab as vocab_io


@register("vocab")
def load_vocab(res: Resources) -> dict[str, int]:
    return vocab_io.load(res.path("lexicons", "vocab.tsv.gz"))


@register("segmenter")
def load_segmenter(res: Resources) -> Segmenter:
    return Segmenter(res.get("vocab"), _name_words(res))


def _name_words(res: Resources) -> frozenset[str]:
    """Normalised single words that begin or make up a known name (from the knowledge base, when installed)."""
    try:
        kb = res.get("kb")
    except KeyError:
        return frozenset()
    words: frozenset[str] = kb.name_words
    return words
