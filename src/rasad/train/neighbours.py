"""Neighbour-type lexicon: the entity type that a word's nearest labelled words have (train time only).

For every word of the embedding vocabulary, take its k nearest words (cosine) among the words that occur in
the labelled training sentences, never counting the word itself (leave-one-out, so a training word gets the
same kind of evidence as an unseen test word), and let them vote with their majority tag type weighted by
similarity. A word whose votes for one entity type reach `min_share` gets that type, marked "+" at
`strong_share`. Unseen names that sit near known clubs, firms or people in the embedding space thereby
inherit a soft gazetteer entry.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from rasad.ner.arabic import normalize
from rasad.ner.conll import Sentence


def majority_types(sentences: list[Sentence]) -> dict[str, str]:
    """Normalised word -> its most frequent tag type in labelled data ("O" for outside)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tokens, tags in sentences:
        for token, tag in zip(tokens, tags, strict=True):
            counts[normalize(token)][tag[2:] if tag != "O" else "O"] += 1
    return {word: c.most_common(1)[0][0] for word, c in counts.items()}


def neighbour_types(words: list[str], vectors: np.ndarray, sentences: list[Sentence], *, k: int = 10,
                    min_share: float = 0.3, strong_share: float = 0.6) -> dict[str, str]:
    unit = vectors.astype(np.float32)
    unit /= np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-8)
    index = {word: i for i, word in enumerate(words)}
    types = majority_types(sentences)
    labelled = [w for w in types if w in index]
    labelled_rows = np.array([index[w] for w in labelled], dtype=np.int64)
    labelled_types = [types[w] for w in labelled]
    column_of_row = {int(row): col for col, row in enumerate(labelled_rows)}
    labelled_unit = unit[labelled_rows]
    result: dict[str, str] = {}
    for start in range(0, len(words), 4096):
        sims = unit[start:start + 4096] @ labelled_unit.T
        for r in range(sims.shape[0]):
            col = column_of_row.get(start + r)
            if col is not None:
                sims[r, col] = -2.0  # leave-one-out
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        for r in range(sims.shape[0]):
            votes: dict[str, float] = defaultdict(float)
            for col in top[r]:
                votes[labelled_types[col]] += max(float(sims[r, col]), 0.0)
            total = sum(votes.values())
            entity_votes = [(v, t) for t, v in votes.items() if t != "O"]
            if not entity_votes or total <= 0:
                continue
            best_votes, best_type = max(entity_votes)
            share = best_votes / total
            if share >= min_share:
                result[words[start + r]] = best_type + ("+" if share >= strong_share else "")
    return result


def write_neighbour_types(lexicon: dict[str, str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for word in sorted(lexicon):
            fh.write(f"{word}\t{lexicon[word]}\n")
