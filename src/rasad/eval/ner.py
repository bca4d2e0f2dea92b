"""Exact-span NER scoring (conlleval-style) and a readable report.

A predicted entity counts only when its start, end and type all equal a gold entity's. Chunks follow the
conlleval rules implemented in `rasad.ner.conll.bio_spans`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.ner.arabic import normalize, split_proclitics
from rasad.ner.conll import bio_spans, read_conll

if TYPE_CHECKING:
    from rasad.ner.tagger import NerTagger


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_spans(gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]],
                types: set[str] | None = None) -> dict[str, Any]:
    """Micro P/R/F1 and per-type figures over sentences of span lists; `types` restricts what is scored."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold_spans, pred_spans in zip(gold, pred, strict=True):
        g = {s for s in gold_spans if types is None or s[2] in types}
        p = {s for s in pred_spans if types is None or s[2] in types}
        n_gold.update(s[2] for s in g)
        n_pred.update(s[2] for s in p)
        tp.update(s[2] for s in g & p)
    precision, recall, f1 = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    per_type = {}
    for kind in sorted(set(n_gold) | set(n_pred)):
        p_, r_, f_ = _prf(tp[kind], n_pred[kind], n_gold[kind])
        per_type[kind] = {"precision": p_, "recall": r_, "f1": f_, "support": n_gold[kind]}
    return {"precision": precision, "recall": recall, "f1": f1, "per_type": per_type}


def score_tags(gold_tags: list[list[str]], pred_tags: list[list[str]]) -> dict[str, Any]:
    """Score BIO tag sequences (one list per sentence)."""
    return score_spans([bio_spans(t) for t in gold_tags], [bio_spans(t) for t in pred_tags])


# A CoNLL file has no article boundaries: for the document-level consistency pass (rasad.ner.consistency), which
# `rasad analyze` runs over each whole article, a sentence's document is taken to be the sentences at most this
# many positions away — about one news article (ANERcorp averages ~15 sentences per article).
DOCUMENT_WINDOW = 5


def evaluate(gold_path: Path, tagger: NerTagger | None = None,
             document_window: int | None = DOCUMENT_WINDOW) -> dict[str, Any]:
    """Tag the tokens of a `token TAG` gold file with `tagger` (default: the shipped tagger `rasad analyze` uses,
    RASAD_NER=ensemble included), then, as `rasad analyze` does, make the labels consistent within each document
    (`document_window`; None scores the sentence-level tags) and score them. Gold PERS tags are read as PER."""
    from rasad.ner.consistency import propagate

    if tagger is None:
        from rasad.ner.select import configured_tagger

        tagger = configured_tagger()  # the tagger `rasad analyze` uses (RASAD_NER)
    sentences = read_conll(gold_path)
    tokens = [tokens for tokens, _ in sentences]
    predicted = tagger.tag(tokens)
    if document_window is not None:
        predicted = propagate(tokens, predicted, document_window)
    return score_tags([tags for _, tags in sentences], predicted)


# Wojood (21 nested types) mapped onto ANERcorp's types; FAC (buildings, airports) is a place in ANERcorp.
WOJOOD_TYPE_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


# Head nouns that ANERcorp leaves outside the name (counted in its train part: مدينة 96 outside / 21 inside,
# صحيفة 15 / 0, نادي 24 / 9, شركة 17 / 1, ...), while Wojood puts them inside; ministries are not names there.
ANERCORP_OUTSIDE_HEADS = frozenset(normalize(w) for w in [
    "مدينة", "محافظة", "قرية", "بلدة", "مخيم", "منطقة", "ولاية", "إقليم", "صحيفة", "جريدة", "مجلة", "قناة", "بلدية",
    "شركة", "نادي", "فريق", "حركة"])
ANERCORP_NON_NAMES = frozenset({normalize("وزارة")})


def read_wojood(path: Path, *, anercorp_convention: bool = False) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Sentences of a Wojood file as (tokens, flat spans). Each line is `token TAG [TAG...]` with nested
    entities; spans of every nesting level are decoded, mapped with `WOJOOD_TYPE_MAP` (other types
    dropped), and only the outermost mapped spans are kept, e.g. the ORG in "بلدية نابلس" wins over the
    GPE inside it. `$#$` end-of-sentence markers are skipped.

    With `anercorp_convention`, gold spans are first restated the way ANERcorp annotates (to separate
    convention from recognition in the out-of-domain score): a span opening with a head noun ANERcorp leaves
    outside loses that word, and a nested span of the same extent keeps its own type ("بلدية نابلس" ORG →
    "نابلس" LOC); ministry spans are dropped (their nested names stay)."""
    sentences: list[tuple[list[str], list[tuple[int, int, str]]]] = []
    rows: list[tuple[str, set[str]]] = []

    def flush() -> None:
        if rows:
            tokens = [tok for tok, _ in rows]
            tag_sets = [tags for _, tags in rows]
            if anercorp_convention:
                spans = _outermost(_restate_for_anercorp(tokens, _all_spans(tag_sets)))
            else:
                spans = _outermost(_all_spans(tag_sets))
            sentences.append((tokens, spans))
            rows.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts:
            flush()
        elif parts[0] != "$#$":
            rows.append((parts[0], set(parts[1:])))
    flush()
    return sentences


def _head_words(token: str) -> set[str]:
    """The word as written and without clitics/article (a head such as وزارة starts with a letter that the
    clitic splitter may take for و)."""
    norm = normalize(token)
    _, stem = split_proclitics(norm)
    return {norm, stem[2:] if stem.startswith("ال") else stem}


def _restate_for_anercorp(tokens: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    extents = {(a, b) for a, b, _ in spans}
    out = []
    for a, b, kind in spans:
        heads = _head_words(tokens[a])
        if heads & ANERCORP_NON_NAMES:
            continue
        if heads & ANERCORP_OUTSIDE_HEADS and b - a > 1:
            if (a + 1, b) not in extents:  # else the nested span of that extent keeps its own type
                out.append((a + 1, b, kind))
            continue
        out.append((a, b, kind))
    return out


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    # Longest first, so a span is dropped when it lies inside (or overlaps) one already kept.
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def _all_spans(token_tags: list[set[str]]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    kinds = {tag[2:] for tags in token_tags for tag in tags if tag[:2] in ("B-", "I-")}
    for kind in kinds:
        mapped = WOJOOD_TYPE_MAP.get(kind)
        if mapped is None:
            continue
        start = -1
        for i, tags in enumerate([*token_tags, set()]):
            if "I-" + kind in tags and start >= 0:
                continue
            if start >= 0:
                spans.append((start, i, mapped))
                start = -1
            if "B-" + kind in tags:
                start = i
    return spans


def evaluate_wojood(path: Path, tagger: NerTagger | None = None, *, anercorp_convention: bool = False,
                    document_window: int | None = DOCUMENT_WINDOW) -> dict[str, Any]:
    """Out-of-domain score on a Wojood file: PER, LOC and ORG only (Wojood has no MISC class); see
    `read_wojood` for `anercorp_convention` and `evaluate` for `document_window`."""
    from rasad.ner.consistency import propagate

    if tagger is None:
        from rasad.ner.select import configured_tagger

        tagger = configured_tagger()  # the tagger `rasad analyze` uses (RASAD_NER)
    sentences = read_wojood(path, anercorp_convention=anercorp_convention)
    tokens = [tokens for tokens, _ in sentences]
    predicted = tagger.tag(tokens)
    if document_window is not None:
        predicted = propagate(tokens, predicted, document_window)
    return score_spans([spans for _, spans in sentences], [bio_spans(tags) for tags in predicted],
                       types={"PER", "LOC", "ORG"})


def format_report(result: dict[str, Any]) -> str:
    """A fixed-width table: one row per type, then the micro average (figures in percent)."""
    lines = [f"{'type':<8}{'precision':>10}{'recall':>9}{'f1':>8}{'support':>9}"]
    total = 0
    for kind, row in sorted(result["per_type"].items()):
        total += int(row["support"])
        lines.append(f"{kind:<8}{row['precision'] * 100:>10.2f}{row['recall'] * 100:>9.2f}"
                     f"{row['f1'] * 100:>8.2f}{row['support']:>9d}")
    lines.append(f"{'micro':<8}{result['precision'] * 100:>10.2f}{result['recall'] * 100:>9.2f}"
                 f"{result['f1'] * 100:>8.2f}{total:>9d}")
    return "\n".join(lines)
