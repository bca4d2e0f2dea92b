"""Reading `token TAG` CoNLL files and turning BIO tag sequences into spans (conlleval chunk rules)."""

from __future__ import annotations

from pathlib import Path

Sentence = tuple[list[str], list[str]]

# ANERcorp spells the person type PERS; the runtime API uses PER.
_TYPE_ALIASES = {"PERS": "PER", "PERSON": "PER"}


def canonical_tag(tag: str) -> str:
    """Map `B-PERS` -> `B-PER`; anything without a B-/I- prefix becomes `O`."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BIE S":
        return "O"
    prefix, kind = tag[0], tag[2:]
    prefix = "B" if prefix == "S" else "I" if prefix == "E" else prefix
    return f"{prefix}-{_TYPE_ALIASES.get(kind, kind)}"


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a `token TAG` file (blank line between sentences); the tag is the last column."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts:
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(canonical_tag(parts[-1]) if len(parts) > 1 else "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def split_train_dev(sentences: list[Sentence], dev_fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """Carve the dev split from the END of the training file (the documented, reproducible split)."""
    n_dev = max(1, round(len(sentences) * dev_fraction))
    return sentences[:-n_dev], sentences[-n_dev:]


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Chunks as (start, end exclusive, type). Like conlleval, an I- tag that does not continue a chunk of
    the same type starts a new chunk, so `O I-LOC` still yields a LOC span."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate(tags):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and tag_type:
            start, kind = i, tag_type
    if start >= 0:
        spans.append((start, len(tags), kind))
    return spans
