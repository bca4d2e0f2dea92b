"""Shared helpers for the claims tests: run the extractor on sentences written here."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import rasad.claims.resources  # noqa: F401  (registers the loaders)
from rasad.claims.extract import ClaimExtractor
from rasad.model import Claim, Mention
from rasad.resources import default_resources
from rasad.text.sentences import split_sentences
from rasad.text.tokenize import tokenize


@pytest.fixture(scope="session")
def extract():
    res = default_resources()
    extractor: ClaimExtractor = res.get("claim_extractor")
    segmenter = res.get("segmenter")

    def run(text: str, mentions: Sequence[Mention] = ()) -> list[Claim]:
        claims = extractor.extract(text, tokenize(text, segmenter), split_sentences(text), mentions=mentions)
        for c in claims:  # every span must index the unchanged text
            for span in (c.source, c.cue, c.content):
                assert text[span.start : span.end] == span.text
        return claims

    return run
