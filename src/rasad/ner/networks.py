"""The numpy forward passes of the networks `rasad.train.ner_neural` exports, and the CRF arithmetic around them.

Two encoders read the same per-token inputs (word and stem vectors, a character CNN, a bag of featurizer
attributes): a BiLSTM (`BiLstmNetwork`, the accurate one) and dilated convolutions (`ConvNetwork`, the fast one:
a few matrix products per article instead of a step per token). Both end in a linear-chain CRF (or softmax) layer whose
scores a BIO-constrained Viterbi decodes.
"""

from __future__ import annotations

import numpy as np

from rasad.ner.crf import batched_viterbi, pad_batch

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
        """A word type's projected encoder input (`gate_width` floats), independent of context."""
        return self.word_gates_batch([(word_id, stem_id, char_ids, feature_ids)])[0]

    def word_gates_batch(self, words: list[tuple[int, int, list[int], list[int]]]) -> np.ndarray:
        """Projected encoder inputs (n words, `gate_width`: the LSTM's 8 * hidden gates, or a CNN's first-layer
        taps) of word types given as (word row, stem row, char ids, attribute ids); all words at once, so a cold
        cache costs a few matrix products, not a loop."""
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
        live = np.searchsorted(-np.asarray(lengths), -np.arange(longest), side="left")  # rows with length > t
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


class ConvNetwork(BiLstmNetwork):
    """The numpy forward pass of a network trained with `encoder="cnn"`: dilated convolutions (kernel 3) over the
    tokens of a sentence, residual after the first layer. An article's sentences are laid end to end with zero
    gaps as wide as the largest dilation, so every layer is one matrix product over the whole article."""

    def __init__(self, arrays: dict[str, np.ndarray], max_chars: int):
        w = self._load_word_encoder(arrays, max_chars)
        names = sorted((k for k in w if k.startswith("convs_") and k.endswith("_weight")), key=lambda k: int(k.split("_")[1]))
        self.dilations = [int(d) for d in arrays["dilations"]]
        # The first layer is linear in the word inputs, so each word type's three taps (x @ W_k) are projected
        # once and cached; deeper layers read the three shifted copies of the previous layer in one product.
        first = w[names[0]]
        self.input_projection = np.concatenate([first[:, :, k].T for k in range(3)], axis=1).copy()
        self.input_bias = np.zeros(self.input_projection.shape[1], np.float32)
        self.width = first.shape[0]
        self.gate_width = 3 * self.width
        self.biases = [w[n.replace("_weight", "_bias")] for n in names]
        self.layers = [np.concatenate([w[n][:, :, k].T for k in range(3)]).copy() for n in names[1:]]

    def logits(self, gates: list[np.ndarray]) -> list[np.ndarray]:
        results: list[np.ndarray] = [np.zeros((0, self.out_bias.shape[0]))] * len(gates)
        gap = max(self.dilations)
        lengths = [g.shape[0] for g in gates]
        starts = np.cumsum([gap] + [n + gap for n in lengths])[:-1]
        total = int(starts[-1] + lengths[-1] + gap) if gates else 0
        if not any(lengths):
            return results
        taps = np.zeros((total, self.gate_width), np.float32)
        real = np.zeros((total, 1), np.float32)
        for begin, g in zip(starts, gates, strict=True):
            taps[begin:begin + g.shape[0]] = g
            real[begin:begin + g.shape[0]] = 1.0
        f, d = self.width, self.dilations[0]
        h = np.zeros((total, f), np.float32)
        h[d:-d] = taps[:-2 * d, :f] + taps[d:-d, f:2 * f] + taps[2 * d:, 2 * f:] + self.biases[0]
        h = np.maximum(h, 0.0) * real
        for d, weight, bias in zip(self.dilations[1:], self.layers, self.biases[1:], strict=True):
            step = np.zeros_like(h)
            step[d:-d] = np.concatenate([h[:-2 * d], h[d:-d], h[2 * d:]], axis=1) @ weight + bias
            h += np.maximum(step, 0.0) * real
        out = h @ self.out_weight + self.out_bias
        for k, (begin, n) in enumerate(zip(starts, lengths, strict=True)):
            if n:
                results[k] = out[begin:begin + n].astype(np.float64)
        return results
