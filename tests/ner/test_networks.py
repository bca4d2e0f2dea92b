import numpy as np

from rasad.ner.networks import ConvNetwork

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def _random_conv_arrays(rng: np.random.Generator, width: int = 6, dilations: tuple[int, ...] = (1, 2, 4)
                        ) -> dict[str, np.ndarray]:
    vocab, dim, chars, char_dim, filters, n_feats, feat_dim = 6, 5, 7, 3, 4, 5, 2
    inputs = 2 * dim + filters + feat_dim
    arrays = {
        "emb_weight": rng.normal(size=(vocab, dim)), "cemb_weight": rng.normal(size=(chars, char_dim)),
        "conv_weight": rng.normal(size=(filters, char_dim, 3)), "conv_bias": rng.normal(size=filters),
        "feat_weight": rng.normal(size=(feat_dim, n_feats)), "feat_bias": rng.normal(size=feat_dim),
        "out_weight": rng.normal(size=(len(LABELS), width)), "out_bias": rng.normal(size=len(LABELS)),
    }
    for layer in range(len(dilations)):
        arrays[f"convs_{layer}_weight"] = rng.normal(size=(width, inputs if layer == 0 else width, 3))
        arrays[f"convs_{layer}_bias"] = rng.normal(size=width)
    arrays = {k: (0.5 * v).astype(np.float32) for k, v in arrays.items()}
    arrays["dilations"] = np.array(dilations, dtype=np.int64)
    return arrays


def _reference_convolutions(x: np.ndarray, arrays: dict[str, np.ndarray]) -> np.ndarray:
    """One sentence through the layers as torch's Conv1d computes them (zero padding), written as plain loops."""
    h = x.astype(np.float64)
    for layer, dilation in enumerate(arrays["dilations"]):
        weight, bias = arrays[f"convs_{layer}_weight"], arrays[f"convs_{layer}_bias"]
        step = np.zeros((len(h), weight.shape[0]))
        for t in range(len(h)):
            step[t] = bias
            for k in range(3):
                source = t + (k - 1) * dilation
                if 0 <= source < len(h):
                    step[t] += weight[:, :, k] @ h[source]
        step = np.maximum(step, 0.0)
        h = step if layer == 0 else h + step  # residual after the first layer
    return h @ arrays["out_weight"].T + arrays["out_bias"]


def test_conv_network_logits_equal_plain_convolutions_per_sentence():
    """Sentences laid end to end must not see each other: each one scores as if convolved alone, including
    sentences shorter than the widest dilation."""
    rng = np.random.default_rng(3)
    arrays = _random_conv_arrays(rng)
    network = ConvNetwork(arrays, max_chars=8)
    inputs = network.input_projection.shape[0]
    sentences = [rng.normal(size=(n, inputs)) for n in (7, 1, 3, 12)]
    gates = [(x @ network.input_projection + network.input_bias).astype(np.float32) for x in sentences]
    together = network.logits(gates)
    for x, logits in zip(sentences, together, strict=True):
        np.testing.assert_allclose(logits, _reference_convolutions(x, arrays), rtol=1e-4, atol=1e-4)
    alone = network.logits(gates[3:])[0]
    np.testing.assert_allclose(alone, together[3], atol=1e-5)
    # The receptive field is real: a word 7 positions away (1 + 2 + 4) still moves the first token's scores.
    moved = [g.copy() for g in gates[3:]]
    moved[0][7] += 1.0
    assert not np.allclose(network.logits(moved)[0][0], together[3][0])


def test_conv_network_handles_empty_sentences_and_empty_batches():
    network = ConvNetwork(_random_conv_arrays(np.random.default_rng(4)), max_chars=8)
    empty = np.zeros((0, network.gate_width), np.float32)
    assert network.logits([]) == []
    word = network.word_gates(1, 2, [1, 2, 3], [0])
    out = network.logits([empty, np.stack([word, word]), empty])
    assert [o.shape for o in out] == [(0, len(LABELS)), (2, len(LABELS)), (0, len(LABELS))]
