"""Runtime Arabic NER: a CRF trained with crfsuite, decoded in numpy over cached word-type scores
(no torch, no network, no pycrfsuite needed at run time).

A model directory holds:
  weights.npz      the CRF compiled from model.crfsuite (labels B-/I- PER LOC ORG MISC and O)
  model.crfsuite   the CRF as crfsuite wrote it (reference; the runtime reads weights.npz)
  clusters.tsv     word -> corpus count and cluster ids at several granularities (`rasad.train.clusters`)
  gazetteer.tsv    normalised place/language names (`rasad.ner.gazetteer.build_entries`)
  neighbours.tsv   word -> entity type of its nearest labelled words in embedding space
                   (`rasad.train.neighbours`)
  meta.json        training summary (dev scores, parameters)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from rasad.ner.crf import CompiledCrf
from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import Gazetteer

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "models" / "ner"
LABELS = ("PER", "LOC", "ORG", "MISC")


def load_clusters(path: Path) -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """Read `word<TAB>count<TAB>id...` lines (a leading `#` line names the columns) into
    (word -> corpus count, word -> cluster ids)."""
    counts: dict[str, int] = {}
    clusters: dict[str, tuple[int, ...]] = {}
    if not path.exists():
        return counts, clusters
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#word\t"):  # header; "#" alone is a real token, so match the whole name
                continue
            word, count, *ids = line.rstrip("\n").split("\t")
            counts[word] = int(count)
            clusters[word] = tuple(int(i) for i in ids)
    return counts, clusters


def load_neighbour_types(path: Path) -> dict[str, str]:
    """Read `word<TAB>type` lines (from `rasad.train.neighbours`)."""
    lexicon: dict[str, str] = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                word, _, kind = line.rstrip("\n").partition("\t")
                if kind:
                    lexicon[word] = kind
    return lexicon


def load_featurizer(model_dir: Path) -> Featurizer:
    """The featurizer a model directory was trained with (clusters, counts, gazetteer, neighbour types)."""
    gazetteer_path = model_dir / "gazetteer.tsv"
    gazetteer = Gazetteer.load(gazetteer_path) if gazetteer_path.exists() else Gazetteer([])
    counts, clusters = load_clusters(model_dir / "clusters.tsv")
    return Featurizer(counts, clusters, gazetteer,
                      neighbour_types=load_neighbour_types(model_dir / "neighbours.tsv"))


class _WordScores:
    """Per word type: label-score vectors at relative positions -2..+2 (rows), plus lookup data for the
    sentence-level features."""

    __slots__ = ("keys", "norm", "phrase_start", "stem", "vectors")

    def __init__(self, vectors: np.ndarray, norm: str, stem: str, keys: tuple[str, ...], phrase_start: bool):
        self.vectors = vectors
        self.norm = norm
        self.stem = stem
        self.keys = keys
        self.phrase_start = phrase_start


class NerTagger:
    """Tags tokenised sentences with BIO tags (types PER LOC ORG MISC).

    Picklable for Dask: only the model directory travels; the compiled CRF and the caches are loaded
    lazily in each process on first use.
    """

    cache_size = 50000  # word types kept; ~0.5 KB each

    def __init__(self, model_dir: Path):
        self.model_dir = Path(model_dir)
        self._crf: CompiledCrf | None = None
        self._featurizer: Featurizer | None = None
        self._cache: dict[str, _WordScores] = {}
        self._fixed: dict[str, np.ndarray] = {}
        self._base_index: dict[str, int] = {}
        self._table = np.zeros((0, 5, 0))
        self._bigrams: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def load(cls, model_dir: Path | None = None) -> NerTagger:
        model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        if not (model_dir / "weights.npz").exists():
            raise FileNotFoundError(f"no NER model at {model_dir} (expected weights.npz)")
        return cls(model_dir)

    def _ensure_loaded(self) -> tuple[CompiledCrf, Featurizer]:
        if self._crf is None or self._featurizer is None:
            crf = CompiledCrf.load(self.model_dir / "weights.npz")
            self._featurizer = load_featurizer(self.model_dir)
            self._fixed = {"BOS": crf.score(["BOS"]), "EOS": crf.score(["EOS"])}
            self._base_index, self._table = crf.positional_table()
            self._bigrams = self._bigram_table(crf)
            self._crf = crf
        return self._crf, self._featurizer

    @staticmethod
    def _bigram_table(crf: CompiledCrf) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
        """(left stem, right stem) -> (weights added to the left token via "bg+=", to the right via "bg-=")."""
        table: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        zero = np.zeros(len(crf.labels))
        for attr, row in crf.index.items():
            if attr.startswith(("bg+=", "bg-=")):
                left, _, right = attr[4:].partition("|")
                to_left, to_right = table.get((left, right), (zero, zero))
                if attr[2] == "+":
                    to_left = to_left + crf.weights[row]
                else:
                    to_right = to_right + crf.weights[row]
                table[(left, right)] = (to_left, to_right)
        return table

    def _word(self, word: str) -> _WordScores:
        entry = self._cache.get(word)
        if entry is None:
            _, featurizer = self._ensure_loaded()
            entry = self.remember(word, featurizer.word_own_features(word))
        return entry

    def remember(self, word: str, analysed: tuple[list[str], str, str, tuple[str, ...]]) -> _WordScores:
        """Cache the scores of `word` from its `Featurizer.word_own_features` result, so a caller that has
        featurised the word already (the neural ensemble, over the same lexicons) does not pay for it twice."""
        entry = self._cache.get(word)
        if entry is None:
            self.remember_many([word], [analysed])
            entry = self._cache[word]
        return entry

    def remember_many(self, words: list[str], analysed: list[tuple[list[str], str, str, tuple[str, ...]]]) -> None:
        """`remember` for new word types at once: their positional score vectors are summed in one numpy call
        (one `add.reduceat` over all their attribute rows) instead of one call per word."""
        _, featurizer = self._ensure_loaded()
        if len(self._cache) + len(words) > self.cache_size:
            self._cache.clear()  # bounds memory in long-running workers; refills quickly
        # A neighbour feature "k:f" is only ever generated for some kinds of f, and the model has no weight for the
        # others, so summing every own feature's positional rows is exact.
        rows = [[r for r in map(self._base_index.get, own) if r is not None] for own, _, _, _ in analysed]
        flat = [r for word_rows in rows for r in word_rows]
        vectors = np.zeros((len(words), *self._table.shape[1:]))
        have = [k for k, word_rows in enumerate(rows) if word_rows]
        if have:
            starts = np.cumsum([0] + [len(rows[k]) for k in have[:-1]])
            vectors[have] = np.add.reduceat(self._table[flat], starts, axis=0)
        for word, vector, (_, norm, stem, keys) in zip(words, vectors, analysed, strict=True):
            self._cache[word] = _WordScores(vector, norm, stem, keys, featurizer.gazetteer.starts_phrase(keys))

    def _remember_new(self, sentences: list[list[str]]) -> None:
        """Featurise and score the word types of `sentences` not cached yet, all together."""
        _, featurizer = self._ensure_loaded()
        new = list({t for s in sentences for t in s if t not in self._cache})
        if len(self._cache) + len(new) > self.cache_size:
            new = list({t for s in sentences for t in s})  # the cache starts over: keep this call's words
        if new:
            self.remember_many(new, [featurizer.word_own_features(t) for t in new])

    def _emissions(self, tokens: list[str]) -> np.ndarray:
        crf, featurizer = self._ensure_loaded()
        cached = self._cache.get
        words = [cached(tok) or self._word(tok) for tok in tokens]
        stacked = np.stack([w.vectors for w in words])  # (n, 5 offsets, labels)
        emissions = stacked[:, 2].copy()
        # Token i sees word i+k through that word's row for offset k, i.e. row k + 2.
        emissions[1:] += stacked[:-1, 1]
        emissions[2:] += stacked[:-2, 0]
        emissions[:-1] += stacked[1:, 3]
        emissions[:-2] += stacked[2:, 4]
        emissions[0] += self._fixed["BOS"]
        emissions[-1] += self._fixed["EOS"]
        # The multi-word features of Featurizer.sentence_extras, looked up without building strings.
        bigrams = self._bigrams
        for i in range(1, len(words)):
            hit = bigrams.get((words[i - 1].stem, words[i].stem))
            if hit is not None:
                emissions[i - 1] += hit[0]
                emissions[i] += hit[1]
        if any(w.phrase_start for w in words):
            matches = featurizer.gazetteer.match([w.norm for w in words], [w.keys for w in words])
            for i, match in enumerate(matches):
                if match is not None:
                    emissions[i] += crf.score(["gzm=" + match])
        return emissions

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        crf, _ = self._ensure_loaded()
        self._remember_new(sentences)
        empty = np.zeros((0, len(crf.labels)))
        return crf.decode([self._emissions(tokens) if tokens else empty for tokens in sentences])

    def __getstate__(self) -> dict[str, Any]:
        return {"model_dir": str(self.model_dir)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(Path(state["model_dir"]))  # type: ignore[misc]
