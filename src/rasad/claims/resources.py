"""Loader of the claims component's resources: the attribution cue lexicon and the extractor built on it."""

from __future__ import annotations

from rasad.claims.extract import ClaimExtractor
from rasad.claims.lexicon import CueLexicon
from rasad.resources import Resources, register

CUES_FILE = ("lexicons", "attribution_cues.tsv")


@register("claim_cues")
def load_cues(res: Resources) -> CueLexicon:
    return CueLexicon.load(res.path(*CUES_FILE))


@register("claim_extractor")
def load_extractor(res: Resources) -> ClaimExtractor:
    # Known name words (from the knowledge base, through the segmenter) let بحسب رويترز count as a source.
    segmenter = res.get("segmenter")
    return ClaimExtractor(res.get("claim_cues"), getattr(segmenter, "names", frozenset()))
