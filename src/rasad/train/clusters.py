"""Induce word clusters for the NER tagger from unlabeled Arabic news (train time only).

Steps (all seeded, single worker, so a rerun gives the same file):
1. tokenise every article `content` in the SaudiNewsNet JSON files with `rasad.ner.arabic.tokenize` and
   normalise each token with `rasad.ner.arabic.normalize` (the form the tagger looks clusters up by);
2. train skip-gram word2vec vectors with gensim (gensim is needed here only, never at run time);
3. run spherical k-means (numpy) on the unit vectors at several granularities;
4. write `clusters.tsv`: `word<TAB>count<TAB>id_k1<TAB>id_k2...` for the most frequent words, with a header
   naming the columns (the count drives clitic splitting and frequency features in the tagger).

Command: `python -m rasad.train.clusters UNLABELED_DIR OUT.tsv` (see docs/models/ner.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rasad.ner.arabic import normalize, tokenize

log = logging.getLogger(__name__)

DEFAULT_KS = (64, 256, 1024)


def iter_unlabeled_sentences(unlabeled_dir: Path) -> Iterator[list[str]]:
    """Yield normalised token lists, one per non-empty line of each article, files in sorted order."""
    for path in sorted(unlabeled_dir.glob("*.json")):
        articles = json.loads(path.read_text(encoding="utf-8"))
        for article in articles:
            for line in (article.get("content") or "").split("\n"):
                tokens = [normalize(tok) for tok in tokenize(line)]
                if tokens:
                    yield tokens


def _stable_hash(text: str) -> int:
    # gensim seeds each word's initial vector with hash(word + seed); Python's str hash is salted per process,
    # so a fixed hash is what makes the vectors reproducible.
    return zlib.crc32(text.encode("utf-8"))


def train_vectors(sentences: list[list[str]], *, dim: int = 100, min_count: int = 5, epochs: int = 5,
                  window: int = 5, seed: int = 13) -> tuple[list[str], list[int], np.ndarray]:
    """Skip-gram vectors for words seen at least `min_count` times; returns (words by descending frequency,
    their counts, vectors)."""
    from gensim.models import Word2Vec  # train-time dependency only

    model = Word2Vec(sentences=sentences, vector_size=dim, window=window, min_count=min_count, sg=1, negative=10,
                     epochs=epochs, seed=seed, workers=1, hashfxn=_stable_hash, sample=1e-4)
    words = list(model.wv.index_to_key)  # already sorted by descending frequency
    counts = [int(model.wv.get_vecattr(w, "count")) for w in words]
    return words, counts, np.asarray(model.wv.vectors, dtype=np.float32)


def spherical_kmeans(vectors: np.ndarray, k: int, *, iterations: int = 20, seed: int = 13) -> np.ndarray:
    """Cluster unit-normalised rows by cosine similarity; returns one cluster id per row."""
    rng = np.random.default_rng(seed)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-8)
    centroids = unit[rng.choice(len(unit), size=k, replace=False)].copy()
    assign = np.zeros(len(unit), dtype=np.int64)
    for _ in range(iterations):
        assign = np.empty(len(unit), dtype=np.int64)
        for start in range(0, len(unit), 20000):  # chunks keep the similarity matrix small
            assign[start:start + 20000] = np.argmax(unit[start:start + 20000] @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, unit)
        counts = np.bincount(assign, minlength=k)
        empty = counts == 0
        sums[empty] = unit[rng.choice(len(unit), size=int(empty.sum()), replace=False)]
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-8)
    return assign


def induce_clusters(unlabeled_dir: Path, out_path: Path, *, ks: tuple[int, ...] = DEFAULT_KS,
                    max_words: int = 150000, min_count: int = 5, window: int = 5, seed: int = 13,
                    vectors_out: Path | None = None) -> dict[str, int]:
    """Run the whole induction and write the cluster table; returns counts for the model card."""
    interned: dict[str, str] = {}
    sentences = [[interned.setdefault(tok, tok) for tok in sent] for sent in iter_unlabeled_sentences(unlabeled_dir)]
    n_tokens = sum(len(s) for s in sentences)
    log.info("unlabeled corpus: %d lines, %d tokens", len(sentences), n_tokens)
    words, counts, vectors = train_vectors(sentences, min_count=min_count, window=window, seed=seed)
    del sentences
    words, vectors = words[:max_words], vectors[:max_words]
    if vectors_out is not None:  # kept for experiments with dense features; the tagger does not need it
        np.save(vectors_out, vectors)
    columns = [spherical_kmeans(vectors, k, seed=seed + i) for i, k in enumerate(ks)]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as fh:
        fh.write("#word\tcount\t" + "\t".join(f"k{k}" for k in ks) + "\n")
        for i, word in enumerate(words):
            fh.write(f"{word}\t{counts[i]}\t" + "\t".join(str(int(col[i])) for col in columns) + "\n")
    return {"tokens": n_tokens, "words": len(words)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("unlabeled_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--ks", default=",".join(map(str, DEFAULT_KS)), help="cluster counts, comma-separated")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--max-words", type=int, default=150000)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--vectors-out", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    ks = tuple(int(k) for k in args.ks.split(","))
    print(induce_clusters(args.unlabeled_dir, args.out, ks=ks, min_count=args.min_count, max_words=args.max_words,
                          window=args.window,
                          vectors_out=args.vectors_out))


if __name__ == "__main__":
    main()
