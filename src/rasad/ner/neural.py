"""Runtime neural Arabic NER in numpy: a char-CNN + word-vector network (BiLSTM or dilated-CNN encoder, see
`rasad.ner.networks`), alone or ensembled with the feature CRF.

The network (trained with torch by `rasad.train.ner_neural`, exported to `weights.npz`) reads, per token,
the frozen word2vec vectors of the word and of its clitic-free stem, a max-pooled character CNN over the
normalised word, and a bag of the CRF featurizer's cheap word-level attributes (shape, clitic signature,
frequency, article ratio, gazetteer, neighbour type, coarse clusters). The output layer is either a softmax
or a linear-chain CRF (`trans`, `start`, `end` in weights.npz, BIO constraints built in). A softmax network's
per-token distribution is combined with the feature CRF's marginals (numpy forward-backward over `NerTagger`
emissions) as a weighted product; a CRF-layer network is combined with the feature CRF at the level of
potentials (weighted sum of both chains' emission and transition scores), which scores the same on dev and
skips forward-backward. Either way a BIO-constrained Viterbi decodes: the two models make different mistakes,
so the combination is more accurate than either alone (meta.json records the dev scores). With `crf_weight` 0
the network runs alone and the CRF's weights are never loaded.

A model directory holds:
  weights.npz   network arrays (word vectors in float16) plus the vocabularies (`words`, `features`,
                `chars`) and `labels`; a CNN encoder's also `dilations`
  meta.json     `crf_weight` (the feature CRF's share of the combination), `max_chars`, training summary
  gazetteer.tsv, neighbours.tsv   optional: the lexicons the network was trained with; when they are
                byte-identical to the CRF directory's, one featurizer serves both models
The CRF, its word clusters and (by default) its lexicons come from the CRF model directory (default: the
shipped `ner` model).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import Gazetteer
from rasad.ner.networks import (
    BiLstmNetwork,
    ConvNetwork,
    bio_constraints,
    constrained_viterbi,
    crf_log_marginals,
)
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_MODEL_DIR
from rasad.ner.tagger import NerTagger, load_clusters, load_neighbour_types

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "models" / "ner_neural"
_BATCH = 256  # sentences tagged together


class NeuralTagger:
    """Tags tokenised sentences with BIO tags (types PER LOC ORG MISC), same API as `NerTagger`.

    Picklable: only the model directories travel; weights and caches load lazily on first use.
    """

    cache_megabytes = 64  # the word-type cache's size: a row of 8 * hidden (BiLSTM) or 3 * width (CNN) float32 gates
    cache_size: int | None = None  # rows, when set; else as many as fit in `cache_megabytes`

    def __init__(self, model_dir: Path, crf_dir: Path | None = None):
        self.model_dir = Path(model_dir)
        self.crf_dir = Path(crf_dir) if crf_dir is not None else CRF_MODEL_DIR
        self._network: BiLstmNetwork | None = None
        self._crf: NerTagger | None = None
        self._featurizer: Featurizer | None = None
        self._rows: dict[str, int] = {}  # word type -> its row of `_table`
        self._table = np.zeros((0, 0), np.float32)

    @classmethod
    def load(cls, model_dir: Path | None = None, crf_dir: Path | None = None) -> NeuralTagger:
        model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        if not (model_dir / "weights.npz").exists():
            raise FileNotFoundError(f"no neural NER model at {model_dir} (expected weights.npz)")
        return cls(model_dir, crf_dir)

    def _ensure_loaded(self) -> tuple[BiLstmNetwork, Featurizer]:  # or its ConvNetwork subclass
        if self._network is None or self._featurizer is None:
            meta = json.loads((self.model_dir / "meta.json").read_text(encoding="utf-8"))
            with np.load(self.model_dir / "weights.npz", allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            self.labels = [str(x) for x in arrays["labels"]]
            self.word_index = {str(w): i + 1 for i, w in enumerate(arrays["words"])}  # 0 = unknown
            self.feature_index = {str(f): i for i, f in enumerate(arrays["features"])}
            self.char_index = {str(c): i + 2 for i, c in enumerate(arrays["chars"])}  # 0 pad, 1 unknown
            self.crf_weight = float(meta["crf_weight"])
            self.start, self.allowed = bio_constraints(self.labels)
            self._featurizer = self._load_featurizer()
            encoder = ConvNetwork if "dilations" in arrays else BiLstmNetwork
            self._network = encoder(arrays, int(meta["max_chars"]))
        return self._network, self._featurizer

    def _load_featurizer(self) -> Featurizer:
        """The featurizer the network was trained with: the CRF directory's, except for a gazetteer or
        neighbour-type lexicon the model directory ships itself (the network may have been trained with
        lexicons built from a different data split than the CRF's). In an ensemble whose CRF has the same
        lexicons the two models share one featurizer, and each new word is featurised once for both; the
        network alone never loads the CRF's weights."""
        if self.crf_weight > 0 and self._shares_crf_lexicons():
            self._crf = NerTagger.load(self.crf_dir)
            return self._crf._ensure_loaded()[1]

        def lexicon(name: str) -> Path:
            return self.model_dir / name if (self.model_dir / name).exists() else self.crf_dir / name

        gazetteer = Gazetteer.load(lexicon("gazetteer.tsv")) if lexicon("gazetteer.tsv").exists() else Gazetteer([])
        counts, clusters = load_clusters(self.crf_dir / "clusters.tsv")
        return Featurizer(counts, clusters, gazetteer, neighbour_types=load_neighbour_types(lexicon("neighbours.tsv")))

    def _shares_crf_lexicons(self) -> bool:
        """True when the model directory ships no lexicons of its own or byte-identical copies of the CRF's."""
        for name in ("gazetteer.tsv", "neighbours.tsv"):
            own = self.model_dir / name
            if own.exists() and (not (self.crf_dir / name).exists()
                                 or own.read_bytes() != (self.crf_dir / name).read_bytes()):
                return False
        return True

    def _word_inputs(self, words: list[str]) -> list[tuple[int, int, list[int], list[int]]]:
        """(word vector row, stem vector row, char ids, attribute ids) of new word types."""
        _, featurizer = self._ensure_loaded()
        analysed = [featurizer.word_own_features(word) for word in words]
        if self._crf is not None and self._crf._featurizer is featurizer:
            self._crf.remember_many(words, analysed)  # the ensemble's CRF half will need these words too
        inputs = []
        for features, norm, stem, keys in analysed:
            word_id = next((self.word_index[k] for k in keys if k in self.word_index), 0)
            feature_ids = [i for i in dict.fromkeys(map(self.feature_index.get, features)) if i is not None]
            inputs.append((word_id, self.word_index.get(stem, 0), [self.char_index.get(c, 1) for c in norm],
                           feature_ids))
        return inputs

    def network_log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The network's own per-token label log-probabilities (columns in `self.labels` order): softmax
        outputs, or a CRF layer's log marginals."""
        network, _ = self._ensure_loaded()
        return network.log_probs(self._sentence_gates(sentences))

    def _sentence_gates(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Each sentence's stacked projected word inputs, from the word-type cache (filled as needed).

        The cache is one preallocated array with a row per word type, so a sentence's inputs are one fancy-index
        read and its memory is fixed (`cache_megabytes`); when it is full it starts over, which refills quickly.
        """
        network, _ = self._ensure_loaded()
        capacity = self.cache_size or self.cache_megabytes * 2**20 // (4 * network.gate_width)
        rows = self._rows
        missing = list({t for s in sentences for t in s if t not in rows})
        if len(rows) + len(missing) > capacity:
            rows.clear()
            missing = list({t for s in sentences for t in s})
            if len(missing) > capacity:  # one call with more word types than the cache holds
                return self._gates_uncached(sentences)
        if missing:
            if self._table.shape != (capacity, network.gate_width):
                self._table = np.zeros((capacity, network.gate_width), np.float32)
            first = len(rows)
            self._table[first:first + len(missing)] = network.word_gates_batch(self._word_inputs(missing))
            rows.update(zip(missing, range(first, first + len(missing)), strict=True))
        table = self._table
        return [table[[rows[t] for t in s]] for s in sentences]

    def _gates_uncached(self, sentences: list[list[str]]) -> list[np.ndarray]:
        network, _ = self._ensure_loaded()
        types = list({t for s in sentences for t in s})
        index = {t: i for i, t in enumerate(types)}
        gates = network.word_gates_batch(self._word_inputs(types))
        return [gates[[index[t] for t in s]] for s in sentences]

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        self._ensure_loaded()
        if self.crf_weight > 0 and self._crf is None:
            self._crf = NerTagger.load(self.crf_dir)
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((k for k, s in enumerate(sentences) if s), key=lambda k: len(sentences[k]))
        network, _ = self._ensure_loaded()
        for begin in range(0, len(order), _BATCH):
            batch = order[begin:begin + _BATCH]
            tokens = [sentences[k] for k in batch]
            if network.crf_layer is not None:
                paths = self._crf_layer_paths(network, tokens)
            else:
                scores = [(1.0 - self.crf_weight) * lp for lp in self.network_log_probs(tokens)]
                if self._crf is not None:
                    crf, _ = self._crf._ensure_loaded()
                    columns = [crf.labels.index(label) for label in self.labels]
                    # Weighted product of the two models' distributions (a sum of log-probabilities).
                    marginals = crf_log_marginals([self._crf._emissions(t) for t in tokens], crf.transitions)
                    scores = [s + self.crf_weight * m[:, columns] for s, m in zip(scores, marginals, strict=True)]
                paths = constrained_viterbi(scores, self.start, self.allowed)
            for k, path in zip(batch, paths, strict=True):
                out[k] = [self.labels[j] for j in path]
        return out

    def tag_network_only(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags of the network alone (its own CRF layer or softmax, no feature CRF): the second view that
        distillation and the training checks compare the ensemble with."""
        self._ensure_loaded()
        weight, self.crf_weight = self.crf_weight, 0.0
        try:
            return self.tag(sentences)
        finally:
            self.crf_weight = weight

    def _crf_layer_paths(self, network: BiLstmNetwork, tokens: list[list[str]]) -> list[list[int]]:
        """Best paths of a network with a CRF layer, alone or combined with the feature CRF at the level of
        potentials: one Viterbi over the weighted sums of both chains' emission and transition scores (a
        log-linear product of the two CRFs). On dev this scores the same as multiplying the two models' marginals
        (0.749 vs 0.751, 0.740 vs 0.736 for two seeds) and needs no forward-backward pass, the costly part."""
        emissions, start, allowed = network.decoding_scores(self._sentence_gates(tokens), self.labels)
        if self._crf is None or self.crf_weight <= 0:
            return constrained_viterbi(emissions, start, allowed)
        crf, _ = self._crf._ensure_loaded()
        columns = [crf.labels.index(label) for label in self.labels]
        w = self.crf_weight
        crf_transitions = crf.transitions[np.ix_(columns, columns)]
        scores = [(1.0 - w) * e + w * self._crf._emissions(t)[:, columns] for e, t in zip(emissions, tokens, strict=True)]
        # The BIO constraints stay at full strength; only the learned scores are weighted.
        return constrained_viterbi(scores, self.start + (1.0 - w) * (start - self.start),
                                   self.allowed + (1.0 - w) * (allowed - self.allowed) + w * crf_transitions)

    def __getstate__(self) -> dict[str, Any]:
        return {"model_dir": str(self.model_dir), "crf_dir": str(self.crf_dir)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(Path(state["model_dir"]), Path(state["crf_dir"]))  # type: ignore[misc]
