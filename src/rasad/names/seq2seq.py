"""NumPy inference for the character-level attention encoder–decoder that renders Arabic names in Latin letters.

Architecture (trained with torch by `rasad.train.names`, run here with NumPy only):
- encoder: character embedding → one bidirectional GRU layer;
- decoder: a GRU cell fed with the previous letter's embedding and the previous attentional state
  ("input feeding", Luong et al. 2015), bilinear attention over the encoder states, then
  tanh(W [h; context]) → softmax over Latin letters;
- decoding: beam search (optionally length-normalised); the shipped model uses a beam of 1 (greedy).

The GRU equations follow torch's `nn.GRU` exactly (gates r, z, n stacked in that order), so the weights exported
from torch are used as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float32]

PAD, BOS, EOS = 0, 1, 2  # target ids; source id 0 is PAD, 1 is unknown
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


def _gru_step(x_proj: FloatArray, h: FloatArray, whh_t: FloatArray, bhh: FloatArray) -> FloatArray:
    """One GRU step; `x_proj` is W_ih x + b_ih computed ahead, for all gates."""
    size = h.shape[-1]
    h_proj = _rows_times(h, whh_t) + bhh
    r = _sigmoid(x_proj[..., :size] + h_proj[..., :size])
    z = _sigmoid(x_proj[..., size : 2 * size] + h_proj[..., size : 2 * size])
    n = np.tanh(x_proj[..., 2 * size :] + r * h_proj[..., 2 * size :])
    return np.asarray((1.0 - z) * n + z * h, dtype=np.float32)


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
