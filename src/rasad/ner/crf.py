"""A linear-chain CRF decoder in numpy that reproduces a trained crfsuite model exactly.

crfsuite scores a label at a token as the sum of the weights of the token's (binary) attributes for that
label, plus a label-to-label transition weight, and decodes with Viterbi. Because most of a token's
attributes come from single words (itself and its neighbours), the runtime sums each word type's weights once
per relative position and caches the resulting label vectors; tagging then adds a handful of small vectors per
token and runs a batched Viterbi, with no per-token string work inside crfsuite.

`weights.npz` is compiled from model.crfsuite at train time (`compile_crfsuite`), so the runtime needs neither
pycrfsuite's model parser nor the text dump.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

_BATCH = 256  # sentences decoded together; bounds the padded arrays for very large calls


def pad_batch(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(batch, longest, width) zero-padded stack of (n_i, width) arrays, and their lengths."""
    lengths = np.array([a.shape[0] for a in arrays])
    padded = np.zeros((len(arrays), int(lengths.max()), arrays[0].shape[1]))
    for b, a in enumerate(arrays):
        padded[b, : a.shape[0]] = a
    return padded, lengths


def batched_viterbi(emissions: list[np.ndarray], transitions: np.ndarray,
                    start: np.ndarray | None = None) -> list[list[int]]:
    """Best label paths of a batch of non-empty (n, labels) score arrays under (labels, labels) transition
    scores, with optional scores for the first label (used by the neural taggers' BIO constraints).

    Sentences run longest first, so at each position the sentences still going are a prefix of the batch: every
    step computes on exactly those rows (no padding work, no masking), and a sentence's final scores are kept when
    it leaves the prefix. Ties break as `argmax` does (lowest label index), the same paths as a padded Viterbi.
    """
    order = sorted(range(len(emissions)), key=lambda k: -emissions[k].shape[0])
    lengths = np.array([emissions[k].shape[0] for k in order])
    batch, longest, n_labels = len(order), int(lengths[0]), transitions.shape[0]
    steps = np.zeros((longest, batch, n_labels))  # position-major: each step reads one contiguous block
    for b, k in enumerate(order):
        steps[: lengths[b], b] = emissions[k]
    live = np.searchsorted(-lengths, -np.arange(longest), side="left")  # sentences longer than t
    back = np.empty((longest, batch, n_labels), dtype=np.intp)
    final = np.empty((batch, n_labels))
    score = steps[0] if start is None else steps[0] + start
    for t in range(1, longest):
        n = live[t]
        if n < score.shape[0]:
            final[n : score.shape[0]] = score[n:]  # sentences of length t end here
        candidates = score[:n, :, None] + transitions  # (live, previous, current)
        best = candidates.argmax(axis=1)
        back[t, :n] = best
        score = np.take_along_axis(candidates, best[:, None, :], axis=1)[:, 0] + steps[t, :n]
    final[: score.shape[0]] = score
    current = final.argmax(axis=1)
    paths = np.empty((batch, longest), dtype=np.intp)
    paths[np.arange(batch), lengths - 1] = current
    for t in range(longest - 1, 0, -1):
        n = live[t]
        current[:n] = back[t, np.arange(n), current[:n]]
        paths[:n, t - 1] = current[:n]
    results: list[list[int]] = [[] for _ in order]
    for b, k in enumerate(order):
        results[k] = paths[b, : lengths[b]].tolist()
    return results


class CompiledCrf:
    def __init__(self, labels: list[str], attributes: list[str], weights: np.ndarray, transitions: np.ndarray):
        self.labels = labels
        self.index = {attr: i for i, attr in enumerate(attributes)}
        self.weights = weights  # (n_attributes, n_labels)
        self.transitions = transitions  # (from label, to label)
        self.zero = np.zeros(len(labels), dtype=np.float64)

    @classmethod
    def load(cls, path: Path) -> CompiledCrf:
        with np.load(path, allow_pickle=False) as data:
            return cls([str(x) for x in data["labels"]], [str(x) for x in data["attributes"]],
                       data["weights"].astype(np.float64), data["transitions"].astype(np.float64))

    def save(self, path: Path) -> None:
        attributes = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, labels=np.array(self.labels), attributes=np.array(attributes),
                            weights=self.weights.astype(np.float32), transitions=self.transitions)

    def score(self, attributes: list[str]) -> np.ndarray:
        """Summed label weights of a bag of attributes (unknown attributes weigh nothing)."""
        rows = [i for i in map(self.index.get, attributes) if i is not None]
        if not rows:
            return self.zero
        return self.weights[rows].sum(axis=0)

    def positional_table(self) -> tuple[dict[str, int], np.ndarray]:
        """Group the weights by base feature: row r of the (n, 5, labels) array holds the label weights of
        feature f as seen from a token at offset -2, -1, 0, +1, +2 ("-2:f" ... "f" ... "2:f"). Summing a
        word's rows once gives its contribution at every relative position."""
        prefixes = {"-2:": 0, "-1:": 1, "1:": 3, "2:": 4}
        base_index: dict[str, int] = {}
        placements: list[tuple[int, int, int]] = []
        for attr, row in self.index.items():
            slot, base = 2, attr
            head, sep, tail = attr.partition(":")
            if sep and head + ":" in prefixes:
                slot, base = prefixes[head + ":"], tail
            placements.append((base_index.setdefault(base, len(base_index)), slot, row))
        table = np.zeros((len(base_index), 5, len(self.labels)))
        for base_row, slot, row in placements:
            table[base_row, slot] = self.weights[row]
        return base_index, table

    def decode(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """Viterbi over many sentences (each an (n, n_labels) score array); returns label strings."""
        order = sorted(range(len(emissions)), key=lambda k: emissions[k].shape[0])
        results: list[list[str]] = [[] for _ in emissions]
        for start in range(0, len(order), _BATCH):
            batch = [k for k in order[start:start + _BATCH] if emissions[k].shape[0]]
            if batch:
                for k, path in zip(batch, self._viterbi([emissions[k] for k in batch]), strict=True):
                    results[k] = [self.labels[j] for j in path]
        return results

    def _viterbi(self, emissions: list[np.ndarray]) -> list[list[int]]:
        return batched_viterbi(emissions, self.transitions)


def compile_crfsuite(model_path: Path) -> CompiledCrf:
    """Read a crfsuite model's labels, state features and transitions (train time: needs pycrfsuite)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        labels = list(tagger.labels())
        info = tagger.info()
    finally:
        tagger.close()
    label_index = {label: i for i, label in enumerate(labels)}
    attributes = sorted({attr for attr, _ in info.state_features})
    attr_index = {attr: i for i, attr in enumerate(attributes)}
    weights = np.zeros((len(attributes), len(labels)), dtype=np.float64)
    for (attr, label), weight in info.state_features.items():
        weights[attr_index[attr], label_index[label]] = weight
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float64)
    for (source, target), weight in info.transitions.items():
        transitions[label_index[source], label_index[target]] = weight
    return CompiledCrf(labels, attributes, weights, transitions)
