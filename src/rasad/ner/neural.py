"""Runtime neural Arabic NER in numpy: a char-CNN + word-vector + BiLSTM tagger, ensembled with the CRF.

The network (trained with torch by `rasad.train.ner_neural`, exported to `weights.npz`) reads, per token,
the frozen word2vec vectors of the word and of its clitic-free stem, a max-pooled character CNN over the
normalised word, and a bag of the CRF featurizer's cheap word-level attributes (shape, clitic signature,
frequency, article ratio, gazetteer, neighbour type, coarse clusters). The output layer is either a softmax
or a linear-chain CRF (`trans`, `start`, `end` in weights.npz, BIO constraints built in). A softmax network's
per-token distribution is combined with the feature CRF's marginals (numpy forward-backward over `NerTagger`
emissions) as a weighted product; a CRF-layer network is combined with the feature CRF at the level of
potentials (weighted sum of both chains' emission and transition scores), which scores the same on dev and
skips forward-backward. Either way a BIO-constrained Viterbi decodes: the two models make different mistakes,
so the combination is more accurate than either alone (meta.json records the dev scores).

A model directory holds:
  weights.npz   network arrays (word vectors in float16) plus the vocabularies (`words`, `features`,
                `chars`) and `labels`
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

from rasad.ner.crf import batched_viterbi, pad_batch
from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import Gazetteer
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_MODEL_DIR
from rasad.ner.tagger import NerTagger, load_clusters, load_neighbour_types

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "models" / "ner_neural"
_BATCH = 256  # sentences run through the LSTM together
_NEG = -1e4  # score of a forbidden BIO transition


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    top = a.max(axis=axis, keepdims=True)
    return np.asarray((top + np.log(np.exp(a - top).sum(axis=axis, keepdims=True))).squeeze(axis))


def crf_log_marginals(emissions: list[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """Per-token log label marginals of a linear-chain CRF for a batch of non-empty sentences
    (forward-backward in log space, all sentences at once)."""
    e, lengths = pad_batch(emissions)
    batch, longest, _ = e.shape
    alpha = np.zeros_like(e)
    beta = np.zeros_like(e)
    alpha[:, 0] = e[:, 0]
    for t in range(1, longest):
        alpha[:, t] = e[:, t] + _logsumexp(alpha[:, t - 1, :, None] + transitions[None], 1)
    for t in range(longest - 2, -1, -1):
        step = _logsumexp(transitions[None] + (e[:, t + 1] + beta[:, t + 1])[:, None, :], 2)
        # A sentence's last token has beta 0; positions past it are never read.
        beta[:, t] = np.where((t < lengths - 1)[:, None], step, 0.0)
    rows = np.arange(batch)
    log_z = _logsumexp(alpha[rows, lengths - 1], 1)
    log_m = alpha + beta - log_z[:, None, None]
    return [log_m[b, : lengths[b]] for b in range(batch)]


def bio_constraints(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(start scores, transition scores) that forbid an I-X tag not preceded by B-X or I-X."""
    start = np.zeros(len(labels))
    allowed = np.zeros((len(labels), len(labels)))
    for j, label in enumerate(labels):
        if label.startswith("I-"):
            start[j] = _NEG
            for i, previous in enumerate(labels):
                if previous[2:] != label[2:]:
                    allowed[i, j] = _NEG
    return start, allowed


def constrained_viterbi(scores: list[np.ndarray], start: np.ndarray, allowed: np.ndarray) -> list[list[int]]:
    """Best label paths of a batch of non-empty (n, labels) score arrays under the BIO constraints."""
    return batched_viterbi(scores, allowed, start)


class BiLstmNetwork:
    """The numpy forward pass of the exported torch network (gate order i, f, g, o as in torch.nn.LSTM)."""

    def __init__(self, arrays: dict[str, np.ndarray], max_chars: int):
        w = self._load_word_encoder(arrays, max_chars)
        self.hidden = w["lstm_weight_hh_l0"].shape[1]
        self.gate_width = 8 * self.hidden
        # Both directions' input projections in one matrix: applied once per word type and cached.
        # The i, f and o gate rows are halved once here, so one tanh per step gives all gates: sigmoid(x) =
        # (tanh(x / 2) + 1) / 2 for i, f, o and tanh(x) for the cell input g (rows 2H..3H, left as they are).
        half = np.full((4 * self.hidden, 1), 0.5, np.float32)
        half[2 * self.hidden:3 * self.hidden] = 1.0
        self.input_projection = np.concatenate([w["lstm_weight_ih_l0"] * half,
                                                w["lstm_weight_ih_l0_reverse"] * half]).T.copy()
        self.input_bias = np.concatenate([(w["lstm_bias_ih_l0"] + w["lstm_bias_hh_l0"]) * half[:, 0],
                                          (w["lstm_bias_ih_l0_reverse"] + w["lstm_bias_hh_l0_reverse"]) * half[:, 0]])
        self.recurrent = ((w["lstm_weight_hh_l0"] * half).T.copy(), (w["lstm_weight_hh_l0_reverse"] * half).T.copy())

    def _load_word_encoder(self, arrays: dict[str, np.ndarray], max_chars: int) -> dict[str, np.ndarray]:
        """The context-free part (vectors, char CNN, attribute bag) and the output and CRF layers; returns the
        float arrays, of which the caller reads the LSTM's."""
        w = {k: v.astype(np.float32) for k, v in arrays.items() if v.dtype.kind == "f"}
        self.embeddings = w["emb_weight"]
        self.char_embeddings = w["cemb_weight"]
        self.conv_weight, self.conv_bias = w["conv_weight"], w["conv_bias"]
        self.feature_weight, self.feature_bias = w["feat_weight"], w["feat_bias"]
        # One row per attribute plus a zero row for padding: a word's attribute bag times the weight matrix is the
        # sum of its attributes' rows, which stays cheap however many attributes the vocabulary has.
        self.feature_rows = np.vstack([self.feature_weight.T, np.zeros((1, self.feature_weight.shape[0]), np.float32)])
        self.out_weight, self.out_bias = w["out_weight"].T.copy(), w["out_bias"]
        self.max_chars = max_chars
        # A CRF output layer (learned transitions, start and end scores) when the network was trained with one;
        # the exporter bakes the BIO constraints into `trans` and `start`, so the layer's marginals respect them.
        self.crf_layer = (w["trans"].astype(np.float64), w["start"].astype(np.float64),
                          w["end"].astype(np.float64)) if "trans" in w else None
        return w

    def word_gates(self, word_id: int, stem_id: int, char_ids: list[int], feature_ids: list[int]) -> np.ndarray:
        """A word type's projected LSTM input (8 * hidden), independent of context."""
        return self.word_gates_batch([(word_id, stem_id, char_ids, feature_ids)])[0]

    def word_gates_batch(self, words: list[tuple[int, int, list[int], list[int]]]) -> np.ndarray:
        """Projected LSTM inputs (n words, 8 * hidden) of word types given as (word row, stem row, char ids,
        attribute ids); all words at once, so a cold cache costs a few matrix products, not a loop."""
        n = len(words)
        longest = max(1, max(min(len(w[2]), self.max_chars) for w in words))
        char_ids = np.zeros((n, longest + 2), dtype=np.int64)  # one zero-padding column each side (conv pad)
        padding = self.feature_rows.shape[0] - 1
        bag = np.full((n, max(1, max(len(w[3]) for w in words))), padding, dtype=np.int64)
        for row, (_, _, chars, features) in enumerate(words):
            chars = chars[: self.max_chars]
            char_ids[row, 1:1 + len(chars)] = chars
            bag[row, : len(features)] = features
        embedded = self.char_embeddings[char_ids]
        embedded[char_ids == 0] = 0.0  # torch's zero padding of the convolution input
        conv = sum(embedded[:, k:k + longest] @ self.conv_weight[:, :, k].T for k in range(3)) + self.conv_bias
        conv[char_ids[:, 1:-1] == 0] = -np.inf  # max over real characters only
        pooled = np.maximum(conv.max(axis=1), 0.0)
        features = np.tanh(self.feature_rows[bag].sum(axis=1) + self.feature_bias)
        rows = np.array([[w[0], w[1]] for w in words], dtype=np.int64)
        x = np.concatenate([self.embeddings[rows[:, 0]], self.embeddings[rows[:, 1]], pooled, features], axis=1)
        return np.asarray(x @ self.input_projection + self.input_bias, dtype=np.float32)

    def decoding_scores(self, gates: list[np.ndarray], labels: list[str]) -> tuple[list[np.ndarray], np.ndarray,
                                                                                 np.ndarray]:
        """(per-sentence emission scores, start scores, transition scores) for a BIO-constrained Viterbi of the
        network alone: its CRF layer's scores (the end scores folded into each sentence's last token), or the
        softmax log-probabilities under the bare BIO constraints."""
        start, allowed = bio_constraints(labels)
        if self.crf_layer is None:
            return self.log_probs(gates), start, allowed
        transitions, first, last = self.crf_layer
        emissions = self.logits(gates)
        for e in emissions:
            if e.shape[0]:
                e[-1] += last
        return emissions, start + first, allowed + transitions

    def log_probs(self, gates: list[np.ndarray]) -> list[np.ndarray]:
        """Per-sentence (n, labels) log-probabilities: the softmax of the logits, or with a CRF layer the
        per-token log marginals (forward-backward), which is what a product with another model needs."""
        emissions = self.logits(gates)
        if self.crf_layer is None:
            return [e - _logsumexp(e, 1)[:, None] for e in emissions]
        transitions, first, last = self.crf_layer
        for e in emissions:
            if e.shape[0]:
                e[0] += first
                e[-1] += last
        non_empty = [e for e in emissions if e.shape[0]]
        marginals = iter(crf_log_marginals(non_empty, transitions) if non_empty else [])
        return [next(marginals) if e.shape[0] else e for e in emissions]

    def logits(self, gates: list[np.ndarray]) -> list[np.ndarray]:
        """Per-sentence (n, labels) output-layer scores from each sentence's stacked word gates (n, 8H)."""
        results: list[np.ndarray] = [np.zeros((0, self.out_bias.shape[0]))] * len(gates)
        # Longest first: at step t the sentences still running are a prefix of the batch, so each step computes
        # on exactly the live rows (no padding work) and needs no masking.
        order = sorted((k for k in range(len(gates)) if gates[k].shape[0]), key=lambda k: -gates[k].shape[0])
        for begin in range(0, len(order), _BATCH):
            batch = order[begin:begin + _BATCH]
            states = self._bilstm([gates[k] for k in batch])
            for k, sentence_states in zip(batch, states, strict=True):
                results[k] = (sentence_states @ self.out_weight + self.out_bias).astype(np.float64)
        return results

    def _bilstm(self, gates: list[np.ndarray]) -> list[np.ndarray]:
        """(n, 2H) hidden states of sentences given longest first. Both directions advance in the same step:
        the backward direction reads each sentence reversed, so both are left-aligned and share the live prefix."""
        h_size = self.hidden
        lengths = [g.shape[0] for g in gates]
        longest = lengths[0]
        steps = np.zeros((longest, 2, len(gates), 4 * h_size), np.float32)
        for b, g in enumerate(gates):
            steps[: lengths[b], 0, b] = g[:, : 4 * h_size]
            steps[: lengths[b], 1, b] = g[::-1, 4 * h_size:]
        live = np.searchsorted(-np.asarray(lengths), -np.arange(longest), side="right")  # rows with length > t
        c = np.zeros((2, len(gates), h_size), np.float32)
        out = np.zeros((longest + 1, 2, len(gates), h_size), np.float32)  # out[t + 1] = h at step t; out[0] = 0
        forward, backward = self.recurrent
        for t in range(longest):
            n = live[t]
            g = steps[t, :, :n]
            g[0] += out[t, 0, :n] @ forward  # two plain GEMMs beat one stacked matmul
            g[1] += out[t, 1, :n] @ backward
            np.tanh(g, out=g)  # i, f, o rows were pre-scaled by 1/2: sigmoid(x) = (tanh(x/2) + 1) / 2
            sig = g * 0.5
            sig += 0.5
            cell = c[:, :n]
            cell *= sig[..., h_size:2 * h_size]
            cell += sig[..., :h_size] * g[..., 2 * h_size:3 * h_size]
            np.multiply(sig[..., 3 * h_size:], np.tanh(cell), out=out[t + 1, :, :n])
        out = out[1:]
        return [np.concatenate([out[:length, 0, b], out[length - 1::-1, 1, b]], axis=1)
                for b, length in enumerate(lengths)]


class NeuralTagger:
    """Tags tokenised sentences with BIO tags (types PER LOC ORG MISC), same API as `NerTagger`.

    Picklable: only the model directories travel; weights and caches load lazily on first use.
    """

    cache_size = 20000  # word types kept; each holds 8 * hidden float32 gates (~3 KB)

    def __init__(self, model_dir: Path, crf_dir: Path | None = None):
        self.model_dir = Path(model_dir)
        self.crf_dir = Path(crf_dir) if crf_dir is not None else CRF_MODEL_DIR
        self._network: BiLstmNetwork | None = None
        self._crf: NerTagger | None = None
        self._featurizer: Featurizer | None = None
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, model_dir: Path | None = None, crf_dir: Path | None = None) -> NeuralTagger:
        model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        if not (model_dir / "weights.npz").exists():
            raise FileNotFoundError(f"no neural NER model at {model_dir} (expected weights.npz)")
        return cls(model_dir, crf_dir)

    def _ensure_loaded(self) -> tuple[BiLstmNetwork, Featurizer]:
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
            self._network = BiLstmNetwork(arrays, int(meta["max_chars"]))
        return self._network, self._featurizer

    def _load_featurizer(self) -> Featurizer:
        """The featurizer the network was trained with: the CRF directory's, except for a gazetteer or
        neighbour-type lexicon the model directory ships itself (the network may have been trained with
        lexicons built from a different data split than the CRF's). With the CRF's own lexicons the two models
        share one featurizer, and each new word is featurised once for both."""
        if self._shares_crf_lexicons():
            self._crf = NerTagger.load(self.crf_dir)
            return self._crf._ensure_loaded()[1]
        gazetteer_path = self.model_dir / "gazetteer.tsv"
        gazetteer = Gazetteer.load(gazetteer_path) if gazetteer_path.exists() else Gazetteer([])
        counts, clusters = load_clusters(self.crf_dir / "clusters.tsv")
        return Featurizer(counts, clusters, gazetteer,
                          neighbour_types=load_neighbour_types(self.model_dir / "neighbours.tsv"))

    def _shares_crf_lexicons(self) -> bool:
        """True when the model directory ships no lexicons of its own or byte-identical copies of the CRF's."""
        for name in ("gazetteer.tsv", "neighbours.tsv"):
            own = self.model_dir / name
            if own.exists() and (not (self.crf_dir / name).exists()
                                 or own.read_bytes() != (self.crf_dir / name).read_bytes()):
                return False
        return True

    def _word_inputs(self, word: str) -> tuple[int, int, list[int], list[int]]:
        _, featurizer = self._ensure_loaded()
        analysed = featurizer.word_own_features(word)
        if self._crf is not None and self._crf._featurizer is featurizer:
            self._crf.remember(word, analysed)  # the ensemble's CRF half will need this word too
        features, norm, stem, keys = analysed
        word_id = next((self.word_index[k] for k in keys if k in self.word_index), 0)
        feature_ids = [i for i in dict.fromkeys(map(self.feature_index.get, features)) if i is not None]
        return word_id, self.word_index.get(stem, 0), [self.char_index.get(c, 1) for c in norm], feature_ids

    def network_log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The network's own per-token label log-probabilities (columns in `self.labels` order): softmax
        outputs, or a CRF layer's log marginals."""
        network, _ = self._ensure_loaded()
        return network.log_probs(self._sentence_gates(sentences))

    def _sentence_gates(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Each sentence's stacked projected word inputs, from the word-type cache (filled as needed)."""
        network, _ = self._ensure_loaded()
        cache = self._cache
        missing = list({t for s in sentences for t in s if t not in cache})
        if len(cache) + len(missing) > self.cache_size:
            cache.clear()  # bounds memory in long-running workers; refills quickly
            missing = list({t for s in sentences for t in s})
        if missing:
            gates = network.word_gates_batch([self._word_inputs(t) for t in missing])
            cache.update(zip(missing, gates, strict=True))
        width = network.gate_width
        return [np.stack([cache[t] for t in s]) if s else np.zeros((0, width), np.float32) for s in sentences]

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
