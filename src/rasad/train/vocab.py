"""Word-frequency vocabulary learned from an unlabeled news corpus (drives clitic segmentation).

`rasad train vocab --corpus DIR --out FILE` reproduces `resources/lexicons/vocab.tsv.gz`: normalised word forms
with their corpus counts (forms seen at least `min_count` times, capped at `max_words`). It is a statistic of the
corpus (a feature map), not text from it: no sentence or sequence of words survives.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rasad.text.normalize import normalize_key
from rasad.text.tokenize import iter_raw_tokens


def iter_corpus_texts(corpus: Path) -> Iterator[str]:
    """Article texts from a directory of SaudiNewsNet-style JSON files (lists of {content, title, …}) or JSONL."""
    paths = sorted(corpus.rglob("*.json")) + sorted(corpus.rglob("*.jsonl")) if corpus.is_dir() else [corpus]
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        yield str(rec.get("text") or rec.get("content") or "")
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for rec in data if isinstance(data, list) else [data]:
            yield str(rec.get("title") or "") + "\n" + str(rec.get("content") or rec.get("text") or "")


def count_words(corpus: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in iter_corpus_texts(corpus):
        norm = normalize_key(text)
        counts.update(norm[s:e] for s, e, kind in iter_raw_tokens(norm) if kind == "word")
    return counts


def train(corpus: Path, out: Path, *, min_count: int = 3, max_words: int = 250_000) -> dict[str, int]:
    counts = count_words(corpus)
    kept = [(w, c) for w, c in counts.most_common(max_words) if c >= min_count]
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes reproducible.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for w, c in kept:
            gz.write(f"{w}\t{c}\n".encode())
    return {"types_seen": len(counts), "tokens": sum(counts.values()), "types_kept": len(kept)}


def load(path: Path) -> dict[str, int]:
    vocab: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, _, c = line.rstrip("\n").partition("\t")
            vocab[w] = int(c)
    return vocab
