"""NER stage: the trained tagger over each sentence's tokens, made consistent over the article
(rasad.ner.consistency) → token-aligned NerSpans (internal layer "ner")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rasad.model import Document, NerSpan, Sentence, Token
from rasad.ner.consistency import propagate
from rasad.pipeline import Stage
from rasad.resources import Resources, register


@register("ner_tagger")
def load_tagger(res: Resources) -> Any:
    """The distilled CRF; RASAD_NER=ensemble selects the CRF + BiLSTM ensemble (rasad.ner.select, docs/models/ner.md)."""
    from rasad.ner.select import configured_tagger

    return configured_tagger(res.path("models", "ner"), res.path("models", "ner_neural"))


def sentence_token_ranges(sentences: Sequence[Sentence], tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """[first, last) token index ranges of each sentence (tokens outside every sentence are dropped)."""
    ranges: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    for sent in sentences:
        while i < n and tokens[i].end <= sent.start:
            i += 1
        j = i
        while j < n and tokens[j].start < sent.end:
            j += 1
        if j > i:
            ranges.append((i, j))
        i = j
    return ranges


def bio_to_spans(text: str, tokens: Sequence[Token], offset: int, tags: Sequence[str]) -> list[NerSpan]:
    """Decode one sentence's BIO tags (tokens[offset:offset+len(tags)]) into spans; a stray I- opens a span."""
    spans: list[NerSpan] = []
    open_label: str | None = None
    first = 0
    for k, tag in enumerate([*tags, "O"]):
        if tag == "O" and open_label is None:
            continue  # most tokens: nothing open, nothing to open
        bio, _, label = tag.partition("-")
        if open_label is not None and (bio != "I" or label != open_label):
            a, b = tokens[offset + first], tokens[offset + k - 1]
            spans.append(NerSpan(a.start, b.end, text[a.start : b.end], open_label, offset + first, offset + k - 1))
            open_label = None
        if bio == "B" or (bio == "I" and open_label is None):
            open_label, first = label, k
    return spans


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    tokens: Sequence[Token] = layers["tokens"]
    ranges = sentence_token_ranges(layers["sentences"], tokens)
    if not ranges:
        return {"ner": ()}
    tagger = resources.get("ner_tagger")
    sentences = [[t.text for t in tokens[a:b]] for a, b in ranges]
    # The article is the document: a name tagged in one sentence is tagged where it recurs untagged.
    tagged = propagate(sentences, tagger.tag(sentences))
    spans: list[NerSpan] = []
    for (a, _), tags in zip(ranges, tagged, strict=True):
        spans.extend(bio_to_spans(doc.text, tokens, a, tags))
    return {"ner": tuple(spans)}


def warm(resources: Resources) -> None:
    resources.get("ner_tagger")


STAGE = Stage("ner", requires=("sentences", "tokens"), provides=("ner",), run=run, warm=warm)
