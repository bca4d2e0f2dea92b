"""NumPy inference for the character-level attention encoder–decoder that renders Arabic names in Latin letters.

Architecture (trained with torch by `rasad.train.names`, run here with NumPy only):
- encoder: character embedding → one bidirectional GRU layer;
- decoder: a GRU cell fed with the previous letter's embedding and the previous attentional state
  ("input feeding", Luong et al. 2015), bilinear attention over the encoder states, then
  tanh(W [h; context]) → softmax over Latin letters;
- decoding: beam search (optionally length-normalised); the shipped model uses a beam of 1 (greedy), with a
  single-word loop (`_greedy`) and a batched one for words of any lengths (`_greedy_padded`), same output.

The GRU equations follow torch's `nn.GRU` exactly (gates r, z, n stacked in that order), so the weights exported
from torch are used as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float32]

PAD, BOS, EOS = 0, 1, 2  # target ids; source id 0 is PAD, 1 is unknown
# `transliterate_many` decodes a lone word with `_greedy` (~15% faster than a batch of one), and from 2 words on
# in batches (measured on words of the lengths a news article's new names have: 2 words ~1.1x, 4 ~1.4x, 8 ~1.6x
# faster than one by one).
MIN_BATCH = 2
# Words per batch (taken in order of length): bounds the arrays held at once; per word, batches of 32–128 were
# equally fast (~2x faster than one by one), 2000 as slow as one by one (cache misses).
MAX_BATCH = 64
_NEVER_OUTPUT = slice(min(PAD, BOS), max(PAD, BOS) + 1)  # PAD and BOS (adjacent ids): one assignment
WEIGHT_NAMES = (
    "enc_emb",
    "enc_f_wih",
    "enc_f_whh",
    "enc_f_bih",
    "enc_f_bhh",
    "enc_b_wih",
    "enc_b_whh",
    "enc_b_bih",
    "enc_b_bhh",
    "bridge_w",
    "bridge_b",
    "dec_emb",
    "dec_wih",
    "dec_whh",
    "dec_bih",
    "dec_bhh",
    "attn_w",
    "comb_w",
    "comb_b",
    "out_w",
    "out_b",
)


def _sigmoid(x: FloatArray) -> FloatArray:
    return np.asarray(0.5 * (np.tanh(0.5 * x) + 1.0), dtype=np.float32)


def _rows_times(x: FloatArray, matrix: FloatArray) -> FloatArray:
    """`x @ matrix` as one vector–matrix product per row.

    For the handful of beam rows used here a matrix–matrix product lets OpenBLAS start its thread pool, which on
    a busy machine costs ~1 ms per call (20x the arithmetic); vector–matrix products stay on the calling thread.
    """
    if x.ndim == 1:
        return np.asarray(x @ matrix, dtype=np.float32)
    if x.shape[0] == 1:  # greedy decoding: one row, so skip the stacking
        return np.asarray(x[0] @ matrix, dtype=np.float32)[None, :]
    return np.stack([row @ matrix for row in x])


def _each_row_times(x: FloatArray, matrix: FloatArray) -> FloatArray:
    """`x @ matrix` for a batch of rows, as one stacked call of vector–matrix products (leading dimensions, such as
    the encoder's two directions with a matrix each, pass through).

    Measured against one matrix–matrix product: faster below ~8 rows (OpenBLAS packs the whole weight matrix on
    every call), ~1.3x slower at 8–32 rows with single-threaded BLAS, but a matrix product of that size starts
    OpenBLAS's thread pool when BLAS may use threads, which made an 8-word batch ~12x slower in CPU time on
    the shared machine. Vector products stay on the calling thread and give each row exactly the floats of the
    single-word decoder's vector products.
    """
    return cast(FloatArray, np.matmul(x[..., None, :], matrix[..., None, :, :])[..., 0, :])


def _gru_step(x_proj: FloatArray, h: FloatArray, whh_t: FloatArray, bhh: FloatArray) -> FloatArray:
    """One GRU step; `x_proj` is W_ih x + b_ih computed ahead, for all gates."""
    size = h.shape[-1]
    h_proj = _rows_times(h, whh_t) + bhh
    r = _sigmoid(x_proj[..., :size] + h_proj[..., :size])
    z = _sigmoid(x_proj[..., size : 2 * size] + h_proj[..., size : 2 * size])
    n = np.tanh(x_proj[..., 2 * size :] + r * h_proj[..., 2 * size :])
    return np.asarray((1.0 - z) * n + z * h, dtype=np.float32)


def _gru_step_vector(
    x_proj: FloatArray, h: FloatArray, whh_t: FloatArray, bhh: FloatArray, size: int
) -> FloatArray:
    """`_gru_step` for one state vector, with the r and z gates in one call (elementwise, so the same floats)."""
    h_proj = h @ whh_t + bhh
    rz = 0.5 * (np.tanh(0.5 * (x_proj[: 2 * size] + h_proj[: 2 * size])) + 1.0)
    n = np.tanh(x_proj[2 * size :] + rz[:size] * h_proj[2 * size :])
    z = rz[size:]
    return cast(FloatArray, (1.0 - z) * n + z * h)  # float32 throughout: Python floats do not upcast


def _gru_update_rows(x_proj: FloatArray, h_proj: FloatArray, h: FloatArray, size: int) -> FloatArray:
    """The gate arithmetic of a GRU step for state rows, given both input and hidden projections."""
    rz = 0.5 * (np.tanh(0.5 * (x_proj[..., : 2 * size] + h_proj[..., : 2 * size])) + 1.0)
    n = np.tanh(x_proj[..., 2 * size :] + rz[..., :size] * h_proj[..., 2 * size :])
    z = rz[..., size:]
    return cast(FloatArray, (1.0 - z) * n + z * h)


@dataclass
class Seq2SeqModel:
    """Weights (float32, transposed for row-vector products) and the two alphabets."""

    source_chars: str  # source id i + 2 is source_chars[i]
    target_chars: str  # target id i + 3 is target_chars[i]
    weights: dict[str, FloatArray]
    beam_size: int = 1
    length_alpha: float = 0.0
    max_length: int = 40

    @classmethod
    def load(cls, path: Path) -> Seq2SeqModel:
        with np.load(path, allow_pickle=False) as archive:
            weights = {name: archive[name].astype(np.float32) for name in WEIGHT_NAMES}
            source_chars = str(archive["source_chars"])
            target_chars = str(archive["target_chars"])
            beam_size = int(archive["beam_size"]) if "beam_size" in archive else cls.beam_size
            length_alpha = float(archive["length_alpha"]) if "length_alpha" in archive else cls.length_alpha
        model = cls(source_chars, target_chars, weights, beam_size, length_alpha)
        model._prepare()
        return model

    def _prepare(self) -> None:
        w = self.weights
        self._src_index = {c: i + 2 for i, c in enumerate(self.source_chars)}
        # Pre-transpose once so every product below is `row @ matrix`.
        self._t = {name: np.ascontiguousarray(w[name].T) for name in WEIGHT_NAMES if w[name].ndim == 2}
        embed_size = w["dec_emb"].shape[1]
        dec_wih_t = self._t["dec_wih"]
        self._dec_wih_emb_t = np.ascontiguousarray(dec_wih_t[:embed_size])
        self._dec_wih_att_t = np.ascontiguousarray(dec_wih_t[embed_size:])
        # Embedding rows already multiplied into the decoder's input projection: one lookup per step.
        self._dec_emb_proj = np.ascontiguousarray(w["dec_emb"] @ self._dec_wih_emb_t + w["dec_bih"])
        self._enc_f_proj = np.ascontiguousarray(w["enc_emb"] @ self._t["enc_f_wih"] + w["enc_f_bih"])
        self._enc_b_proj = np.ascontiguousarray(w["enc_emb"] @ self._t["enc_b_wih"] + w["enc_b_bih"])
        hidden = w["dec_whh"].shape[1]
        self._comb_h_t = np.ascontiguousarray(self._t["comb_w"][:hidden])
        self._comb_c_t = np.ascontiguousarray(self._t["comb_w"][hidden:])
        # The attentional state feeds both the output layer and the next step's input: one product for both.
        self._att_out_t = np.ascontiguousarray(
            np.concatenate([self._dec_wih_att_t, self._t["out_w"]], axis=1)
        )
        self._gates = 3 * hidden
        # The encoder's two directions as one stack, for `_encode_fast`.
        self._enc_hidden = w["enc_f_whh"].shape[1]
        self._enc_whh_pair = np.stack([self._t["enc_f_whh"], self._t["enc_b_whh"]])
        self._enc_bhh_pair = np.stack([w["enc_f_bhh"], w["enc_b_bhh"]])
        self._enc_pair_proj = np.stack([self._enc_f_proj, self._enc_b_proj])
        self._directions = np.arange(2)[:, None, None]
        # Encoder states feed both the attention keys and the context projection: one product for both.
        self._keys_ctx_t = np.ascontiguousarray(np.concatenate([self._t["attn_w"], self._comb_c_t], axis=1))

    def encode_ids(self, letters: str) -> list[int]:
        return [self._src_index.get(c, 1) for c in letters]

    def _encode(self, ids: list[int]) -> tuple[FloatArray, FloatArray]:
        w = self.weights
        hidden = w["enc_f_whh"].shape[1]
        fwd_in = self._enc_f_proj[ids]
        bwd_in = self._enc_b_proj[ids]
        length = len(ids)
        states = np.zeros((length, 2 * hidden), dtype=np.float32)
        h = np.zeros(hidden, dtype=np.float32)
        for t in range(length):
            h = _gru_step(fwd_in[t], h, self._t["enc_f_whh"], w["enc_f_bhh"])
            states[t, :hidden] = h
        last_fwd = h
        h = np.zeros(hidden, dtype=np.float32)
        for t in range(length - 1, -1, -1):
            h = _gru_step(bwd_in[t], h, self._t["enc_b_whh"], w["enc_b_bhh"])
            states[t, hidden:] = h
        bridge_in = np.concatenate([last_fwd, h])
        init = np.tanh(bridge_in @ self._t["bridge_w"] + w["bridge_b"]).astype(np.float32)
        return states, init

    def transliterate(self, letters: str) -> str:
        """Best Latin spelling (lower case) for a string of model letters; '' for an empty input."""
        if not letters:
            return ""
        if self.beam_size == 1:
            return self._greedy(letters)
        return self.beam_search(letters)

    def transliterate_many(self, words: list[str]) -> list[str]:
        """`transliterate` for each of `words` (same results, in order), decoding them together in batches."""
        if self.beam_size != 1:
            return [self.transliterate(letters) for letters in words]
        results = [""] * len(words)
        # Longest first, so each batch holds words of similar lengths (little padding).
        positions = sorted((i for i, letters in enumerate(words) if letters), key=lambda i: -len(words[i]))
        if len(positions) < MIN_BATCH:
            for position in positions:
                results[position] = self._greedy(words[position])
            return results
        for start in range(0, len(positions), MAX_BATCH):
            batch = positions[start : start + MAX_BATCH]
            for position, latin in zip(batch, self._greedy_padded([words[i] for i in batch]), strict=True):
                results[position] = latin
        return results

    def _greedy_padded(self, words: list[str]) -> list[str]:
        """`_greedy` for several words of any lengths at once: one product call per weight matrix and step.

        Rows are the words sorted longest first, right-padded. Padding gets no attention, every row keeps its own
        step limit and EOS stop and leaves the batch when it ends, so each row decodes as `_greedy` would decode
        its word alone.
        """
        order = sorted(range(len(words)), key=lambda i: -len(words[i]))
        lengths = [len(words[i]) for i in order]
        states, h = self._encode_padded([self.encode_ids(words[i]) for i in order], lengths)
        count, longest = states.shape[:2]
        w = self.weights
        keys_ctx = _each_row_times(states.reshape(count * longest, -1), self._keys_ctx_t)
        hidden, gates = h.shape[1], self._gates
        keys = np.ascontiguousarray(keys_ctx[:, :hidden].reshape(count, longest, hidden))
        ctx_proj = np.ascontiguousarray(keys_ctx[:, hidden:].reshape(count, longest, hidden))
        # exp(-inf) = 0: padding positions get zero attention weight.
        padding_logit = np.where(
            np.arange(longest) < np.array(lengths)[:, None], np.float32(0.0), np.float32(-np.inf)
        )
        dec_bhh, comb_b, out_b, emb_proj = w["dec_bhh"], w["comb_b"], w["out_b"], self._dec_emb_proj
        dec_whh_t, comb_h_t, att_out_t = self._t["dec_whh"], self._comb_h_t, self._att_out_t
        row_max, row_sum = np.maximum.reduce, np.add.reduce  # the ufuncs behind .max()/.sum(), minus wrappers
        att_in = np.zeros((count, gates), dtype=np.float32)
        prev = np.full(count, BOS)
        scores = np.zeros(count, dtype=np.float32)
        live = order  # the word each row decodes; rows leave the batch as they end
        limits = [min(self.max_length, 3 * len(word) + 6) for word in words]
        tokens: list[list[int]] = [[] for _ in words]
        step = 0
        while live:
            h = _gru_update_rows(emb_proj[prev] + att_in, _each_row_times(h, dec_whh_t) + dec_bhh, h, hidden)
            logits_att = np.matmul(keys, h[:, :, None])[:, :, 0] + padding_logit
            logits_att -= row_max(logits_att, axis=1, keepdims=True)
            alpha = np.exp(logits_att)
            alpha /= row_sum(alpha, axis=1, keepdims=True)
            context = np.matmul(alpha[:, None, :], ctx_proj)[:, 0]
            att = np.tanh(_each_row_times(h, comb_h_t) + context + comb_b)
            att_out = _each_row_times(att, att_out_t)
            att_in = att_out[:, :gates]
            logits = att_out[:, gates:] + out_b
            logits -= row_max(logits, axis=1, keepdims=True)
            log_probs = logits - np.log(row_sum(np.exp(logits), axis=1, keepdims=True))
            log_probs[:, _NEVER_OUTPUT] = -np.inf
            total = scores[:, None] + log_probs
            prev = (-total).argsort(axis=1)[:, 0]  # the same ranking (and tie order) as `_greedy`
            scores = total[np.arange(len(live)), prev]
            step += 1
            going: list[int] = []  # rows that continue
            for row, (word, token) in enumerate(zip(live, prev.tolist(), strict=True)):
                if token != EOS:
                    tokens[word].append(token)
                    if step < limits[word]:
                        going.append(row)
            if len(going) < len(live):  # drop ended rows: no more arithmetic for them
                live = [live[row] for row in going]
                h, att_in, prev, scores = h[going], att_in[going], prev[going], scores[going]
                keys, ctx_proj, padding_logit = keys[going], ctx_proj[going], padding_logit[going]
        return ["".join(self.target_chars[t - 3] for t in seq if t >= 3) for seq in tokens]

    def _encode_padded(self, rows: list[list[int]], lengths: list[int]) -> tuple[FloatArray, FloatArray]:
        """Encoder states (count, longest, 2 hidden) and decoder start states for id rows sorted longest first.

        As in `_encode_fast`, both directions step together (direction 1 reads the rows from their padded end).
        Sorted rows make the rows that have a letter at a position a prefix of the batch, and only that prefix
        is updated: a row's forward state stops at its own last letter and its backward state stays zero until
        the loop reaches that letter, exactly as when the word is encoded alone.
        """
        count, longest, hidden = len(rows), lengths[0], self._enc_hidden
        ids = np.zeros((2, count, longest), dtype=np.intp)  # source id 0 is PAD (never read: see above)
        for row, row_ids in enumerate(rows):
            ids[0, row, : len(row_ids)] = row_ids
        ids[1] = ids[0, :, ::-1]
        inputs = self._enc_pair_proj[self._directions, ids]  # (2, count, longest, gates)
        reading = [sum(length > t for length in lengths) for t in range(longest)]  # rows with a letter at t
        whh_pair, bhh_pair = self._enc_whh_pair, self._enc_bhh_pair[:, None]
        outputs = np.zeros((longest, 2, count, hidden), dtype=np.float32)
        h = np.zeros((2, count, hidden), dtype=np.float32)
        for t in range(longest):
            forward, backward = reading[t], reading[longest - 1 - t]
            k = max(forward, backward)
            h_proj = _each_row_times(h[:, :k], whh_pair) + bhh_pair
            new = _gru_update_rows(inputs[:, :k, t], h_proj, h[:, :k], hidden)
            if forward == backward:
                h[:, :k] = new
            else:
                h[0, :forward], h[1, :backward] = new[0, :forward], new[1, :backward]
            outputs[t] = h
        states = np.concatenate([outputs[:, 0], outputs[::-1, 1]], axis=2).transpose(1, 0, 2)
        bridge_in = np.concatenate([h[0], h[1]], axis=1)
        init = np.tanh(_each_row_times(bridge_in, self._t["bridge_w"]) + self.weights["bridge_b"])
        return np.ascontiguousarray(states), np.asarray(init, dtype=np.float32)

    def _encode_fast(self, ids: list[int]) -> tuple[FloatArray, FloatArray]:
        """`_encode` with both directions stepped together (row 0 reads forwards, row 1 backwards): one stacked
        product and one set of gate operations per position instead of two; the same float32 operations."""
        hidden = self._enc_hidden
        length = len(ids)
        inputs = np.stack([self._enc_f_proj[ids], self._enc_b_proj[ids[::-1]]], axis=1)  # (T, 2, gates)
        outputs = np.empty((length, 2, hidden), dtype=np.float32)
        h = np.zeros((2, hidden), dtype=np.float32)
        for t in range(length):
            h_proj = np.matmul(h[:, None, :], self._enc_whh_pair)[:, 0] + self._enc_bhh_pair
            h = _gru_update_rows(inputs[t], h_proj, h, hidden)
            outputs[t] = h
        states = np.concatenate([outputs[:, 0], outputs[::-1, 1]], axis=1)
        init = np.tanh(h.reshape(-1) @ self._t["bridge_w"] + self.weights["bridge_b"]).astype(np.float32)
        return states, init

    def _greedy(self, letters: str) -> str:
        """Beam search with a beam of 1, written for one hypothesis: the same floats and output, fewer NumPy calls."""
        w = self.weights
        states, init = self._encode_fast(self.encode_ids(letters))
        # A stacked vector–matrix product per position: the same floats as `_rows_times`, in one call.
        per_position = states[:, None, :]
        keys_t = np.matmul(per_position, self._t["attn_w"])[:, 0].T
        h_out_t = np.ascontiguousarray(np.concatenate([self._comb_h_t, keys_t], axis=1))
        ctx_proj = np.matmul(per_position, self._comb_c_t)[:, 0]
        hidden = init.shape[0]
        gates = self._gates
        dec_whh_t, dec_bhh, comb_b, out_b = self._t["dec_whh"], w["dec_bhh"], w["comb_b"], w["out_b"]
        emb_proj, att_out_t = self._dec_emb_proj, self._att_out_t
        h = init
        att_in = np.zeros(gates, dtype=np.float32)
        prev = BOS
        score = np.float32(0.0)
        tokens: list[int] = []
        for _ in range(min(self.max_length, 3 * len(letters) + 6)):
            h = _gru_step_vector(emb_proj[prev] + att_in, h, dec_whh_t, dec_bhh, hidden)
            h_out = h @ h_out_t
            logits_att = h_out[hidden:]
            logits_att -= logits_att.max()
            alpha = np.exp(logits_att)
            alpha /= alpha.sum()
            att = np.tanh(h_out[:hidden] + alpha @ ctx_proj + comb_b)
            att_out = att @ att_out_t
            att_in = att_out[:gates]
            logits = att_out[gates:] + out_b
            logits -= logits.max()
            log_probs = logits - np.log(np.exp(logits).sum())
            log_probs[_NEVER_OUTPUT] = -np.inf
            total = score + log_probs
            token = int((-total).argsort()[0])  # the same ranking (and tie order) as the beam search
            if token == EOS:
                break
            tokens.append(token)
            score = total[token]
            prev = token
        return "".join(self.target_chars[t - 3] for t in tokens if t >= 3)

    def beam_search(self, letters: str) -> str:
        """The general decoder (any beam size); `transliterate` uses a faster loop when the beam is 1."""
        if not letters:
            return ""
        w = self.weights
        states, init = self._encode(self.encode_ids(letters))
        keys_t = _rows_times(states, self._t["attn_w"]).T  # (D, T): score = h · keys
        # h feeds both the attention scores and the combination layer: one product for both.
        h_out_t = np.ascontiguousarray(np.concatenate([self._comb_h_t, keys_t], axis=1))
        ctx_proj = _rows_times(
            states, self._comb_c_t
        )  # context enters comb linearly: precompute per position
        hidden = init.shape[0]
        beam = self.beam_size
        h = init[None, :]
        att_in = np.zeros((1, self._gates), dtype=np.float32)  # previous attentional state, projected
        prev = np.array([BOS])
        scores = np.zeros(1, dtype=np.float32)
        sequences: list[list[int]] = [[]]
        finished: list[tuple[float, list[int]]] = []
        max_steps = min(self.max_length, 3 * len(letters) + 6)
        for _ in range(max_steps):
            h = _gru_step(self._dec_emb_proj[prev] + att_in, h, self._t["dec_whh"], w["dec_bhh"])
            h_out = _rows_times(h, h_out_t)
            logits_att = h_out[:, hidden:]  # (k, T)
            logits_att -= logits_att.max(axis=1, keepdims=True)
            alpha = np.exp(logits_att)
            alpha /= alpha.sum(axis=1, keepdims=True)
            att = np.tanh(h_out[:, :hidden] + _rows_times(alpha, ctx_proj) + w["comb_b"]).astype(np.float32)
            att_out = _rows_times(att, self._att_out_t)
            att_in = att_out[:, : self._gates]
            logits = att_out[:, self._gates :] + w["out_b"]
            logits -= logits.max(axis=1, keepdims=True)
            log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
            log_probs[:, PAD] = -np.inf
            log_probs[:, BOS] = -np.inf
            total = (scores[:, None] + log_probs).ravel()
            width = log_probs.shape[1]
            order = np.argsort(-total)[: 2 * beam]
            new_rows: list[int] = []
            new_tokens: list[int] = []
            new_scores: list[float] = []
            for rank, flat in enumerate(order):
                row, token = divmod(int(flat), width)
                score = float(total[flat])
                if token == EOS:
                    # Only an ending that is among the `beam` best continuations finishes a hypothesis.
                    if rank < beam:
                        steps = len(sequences[row]) + 1
                        finished.append((score / steps**self.length_alpha, sequences[row]))
                else:
                    new_rows.append(row)
                    new_tokens.append(token)
                    new_scores.append(score)
                if len(new_rows) == beam:
                    break
            if not new_rows:
                break
            # Standard stopping rule: once `beam` hypotheses have ended, longer ones rarely win.
            if len(finished) >= beam:
                break
            sequences = [[*sequences[r], t] for r, t in zip(new_rows, new_tokens, strict=True)]
            rows = np.array(new_rows)
            h, att_in = h[rows], att_in[rows]
            prev = np.array(new_tokens)
            scores = np.array(new_scores, dtype=np.float32)
        if not finished:
            finished = [(float(s), seq) for s, seq in zip(scores, sequences, strict=True)]
        best = max(finished, key=lambda item: item[0])[1]
        return "".join(self.target_chars[t - 3] for t in best if t >= 3)
