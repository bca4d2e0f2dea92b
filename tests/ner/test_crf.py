import itertools
from pathlib import Path

import numpy as np

from rasad.ner.crf import CompiledCrf


def brute_force(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    n, labels = emissions.shape
    best, best_path = -np.inf, None
    for path in itertools.product(range(labels), repeat=n):
        score = sum(emissions[i, path[i]] for i in range(n))
        score += sum(transitions[path[i - 1], path[i]] for i in range(1, n))
        if score > best:
            best, best_path = score, path
    return list(best_path or [])


def test_batched_viterbi_matches_exhaustive_search_for_mixed_lengths():
    rng = np.random.default_rng(0)
    labels = ["O", "B-PER", "I-PER"]
    transitions = rng.normal(size=(3, 3))
    crf = CompiledCrf(labels, ["a"], np.zeros((1, 3)), transitions)
    emissions = [rng.normal(size=(n, 3)) for n in (1, 4, 2, 5, 3, 0)]
    decoded = crf.decode(emissions)
    for e, tags in zip(emissions, decoded, strict=True):
        assert tags == [labels[j] for j in brute_force(e, transitions)]


def test_score_sums_known_attributes_and_positional_table_groups_offsets(tmp_path: Path):
    attributes = ["w=x", "-1:w=x", "2:w=x", "bias"]
    weights = np.arange(8, dtype=float).reshape(4, 2)
    crf = CompiledCrf(["O", "B-LOC"], attributes, weights, np.zeros((2, 2)))
    assert crf.score(["w=x", "bias", "unknown"]).tolist() == [6.0, 8.0]
    index, table = crf.positional_table()
    row = table[index["w=x"]]
    assert row[2].tolist() == [0.0, 1.0]  # own position
    assert row[1].tolist() == [2.0, 3.0]  # seen from the next token ("-1:")
    assert row[4].tolist() == [4.0, 5.0]  # seen from two tokens back ("2:")
    assert row[0].tolist() == [0.0, 0.0]
    crf.save(tmp_path / "w.npz")
    loaded = CompiledCrf.load(tmp_path / "w.npz")
    assert loaded.labels == crf.labels and loaded.index == crf.index
    assert np.allclose(loaded.weights, weights)


def test_batched_viterbi_equals_brute_force_for_unequal_lengths_and_ties():
    """Sentences leave the batch at different steps; integer scores make ties, which must break as argmax does
    (lowest label) whatever the batch: each path is a best path and equals the path found alone."""
    import itertools

    from rasad.ner.crf import batched_viterbi

    rng = np.random.default_rng(5)
    for _ in range(20):
        transitions = rng.integers(-2, 3, size=(3, 3)).astype(float)
        start = rng.integers(-2, 3, size=3).astype(float)
        sentences = [rng.integers(-2, 3, size=(n, 3)).astype(float) for n in rng.integers(1, 6, size=4)]
        together = batched_viterbi(sentences, transitions, start)
        for emissions, path in zip(sentences, together, strict=True):
            def score(p: tuple[int, ...], e: np.ndarray, s: np.ndarray, tr: np.ndarray) -> float:
                return float(s[p[0]] + sum(e[t, j] for t, j in enumerate(p))
                             + sum(tr[a, b] for a, b in itertools.pairwise(p)))
            paths = itertools.product(range(3), repeat=len(emissions))
            best = max(score(p, emissions, start, transitions) for p in paths)
            assert len(path) == len(emissions) and score(tuple(path), emissions, start, transitions) == best
            assert path == batched_viterbi([emissions], transitions, start)[0]
