import itertools
import json
import pickle
import shutil

import numpy as np
import pytest

from rasad.ner.arabic import tokenize
from rasad.ner.conll import bio_spans
from rasad.ner.networks import BiLstmNetwork, bio_constraints, constrained_viterbi, crf_log_marginals
from rasad.ner.neural import DEFAULT_MODEL_DIR, NeuralTagger

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def _path_score(path: tuple[int, ...], emissions: np.ndarray, transitions: np.ndarray) -> float:
    return float(sum(emissions[t, j] for t, j in enumerate(path))
                 + sum(transitions[a, b] for a, b in itertools.pairwise(path)))


def test_crf_marginals_match_brute_force_enumeration():
    rng = np.random.default_rng(0)
    transitions = rng.normal(size=(3, 3))
    sentences = [rng.normal(size=(n, 3)) for n in (4, 1, 3)]  # unequal lengths exercise the padding
    for emissions, log_m in zip(sentences, crf_log_marginals(sentences, transitions), strict=True):
        n = emissions.shape[0]
        paths = list(itertools.product(range(3), repeat=n))
        weights = np.exp([_path_score(p, emissions, transitions) for p in paths])
        expected = np.zeros((n, 3))
        for p, w in zip(paths, weights, strict=True):
            for t, j in enumerate(p):
                expected[t, j] += w
        np.testing.assert_allclose(np.exp(log_m), expected / weights.sum(), rtol=1e-9, atol=1e-12)


def test_constrained_viterbi_is_the_best_valid_bio_path():
    rng = np.random.default_rng(1)
    start, allowed = bio_constraints(LABELS)
    scores = [rng.normal(size=(n, len(LABELS))) for n in (5, 2, 4)]
    for s, path in zip(scores, constrained_viterbi(scores, start, allowed), strict=True):
        valid = [p for p in itertools.product(range(len(LABELS)), repeat=s.shape[0])
                 if _path_score(p, s, allowed) + start[p[0]] > -1e3]
        best = max(valid, key=lambda p: _path_score(p, s, allowed))
        assert tuple(path) == best
        tags = [LABELS[j] for j in path]
        for previous, tag in zip(["O", *tags], tags, strict=False):
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:]


def _random_network(rng: np.random.Generator, hidden: int = 4) -> BiLstmNetwork:
    return BiLstmNetwork(_random_arrays(rng, hidden), max_chars=8)


def _random_arrays(rng: np.random.Generator, hidden: int = 4) -> dict[str, np.ndarray]:
    vocab, dim, chars, char_dim, filters, n_feats, feat_dim = 6, 5, 7, 3, 4, 5, 2
    width = 2 * dim + filters + feat_dim
    arrays = {
        "emb_weight": rng.normal(size=(vocab, dim)), "cemb_weight": rng.normal(size=(chars, char_dim)),
        "conv_weight": rng.normal(size=(filters, char_dim, 3)), "conv_bias": rng.normal(size=filters),
        "feat_weight": rng.normal(size=(feat_dim, n_feats)), "feat_bias": rng.normal(size=feat_dim),
        "out_weight": rng.normal(size=(len(LABELS), 2 * hidden)), "out_bias": rng.normal(size=len(LABELS)),
    }
    for suffix in ("", "_reverse"):
        arrays["lstm_weight_ih_l0" + suffix] = rng.normal(size=(4 * hidden, width))
        arrays["lstm_weight_hh_l0" + suffix] = rng.normal(size=(4 * hidden, hidden))
        arrays["lstm_bias_ih_l0" + suffix] = rng.normal(size=4 * hidden)
        arrays["lstm_bias_hh_l0" + suffix] = rng.normal(size=4 * hidden)
    # Small weights keep the gates out of saturation, so every input visibly moves the outputs.
    return {k: (0.3 * v).astype(np.float32) for k, v in arrays.items()}


def _reference_lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """A plain one-sentence LSTM in torch's gate order (i, f, g, o) with the logistic sigmoid."""
    hidden = w_hh.shape[1]
    h, c, out = np.zeros(hidden), np.zeros(hidden), []
    for x_t in x:
        z = w_ih @ x_t + w_hh @ h + bias
        i, f, g, o = (z[k * hidden:(k + 1) * hidden] for k in range(4))
        c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(g)
        h = 1 / (1 + np.exp(-o)) * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_bilstm_equals_a_plain_lstm_on_the_unscaled_weights():
    """The runtime halves the i/f/o weights to get every gate from one tanh; the states must still be an LSTM's."""
    rng = np.random.default_rng(7)
    arrays = _random_arrays(rng)
    network = BiLstmNetwork(arrays, max_chars=8)
    w = {k: v.astype(np.float64) for k, v in arrays.items()}
    encoded = rng.normal(size=(6, w["lstm_weight_ih_l0"].shape[1]))  # what the word encoder hands the LSTM
    gates = (encoded @ network.input_projection + network.input_bias).astype(np.float32)  # as word_gates_batch
    for rows, states in zip([encoded[:4], encoded[4:]], network._bilstm([gates[:4], gates[4:]]), strict=True):
        forward = _reference_lstm(rows, w["lstm_weight_ih_l0"], w["lstm_weight_hh_l0"],
                                  w["lstm_bias_ih_l0"] + w["lstm_bias_hh_l0"])
        backward = _reference_lstm(rows[::-1], w["lstm_weight_ih_l0_reverse"], w["lstm_weight_hh_l0_reverse"],
                                   w["lstm_bias_ih_l0_reverse"] + w["lstm_bias_hh_l0_reverse"])[::-1]
        np.testing.assert_allclose(states, np.concatenate([forward, backward], axis=1), atol=1e-5)


def test_batched_bilstm_equals_one_sentence_at_a_time():
    """Padding must not leak into either direction: a sentence scores the same alone or in a batch."""
    rng = np.random.default_rng(2)
    network = _random_network(rng)
    words = [network.word_gates(i % 6, (i + 1) % 6, [1 + i % 5, 2, 3], [i % 5]) for i in range(9)]
    sentences = [np.stack(words[:5]), np.stack(words[5:6]), np.stack(words[2:9])]
    batched = network.log_probs(sentences)
    for sentence, together in zip(sentences, batched, strict=True):
        alone = network.log_probs([sentence])[0]
        np.testing.assert_allclose(together, alone, atol=1e-5)
        np.testing.assert_allclose(np.exp(together).sum(axis=1), 1.0, atol=1e-5)
    # The backward direction sees the right context: changing the last word changes the first token's scores.
    changed = network.log_probs([np.stack([*words[:4], words[8]])])[0]
    assert not np.allclose(changed[0], batched[0][0])


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")
def test_shipped_neural_model_tags_obvious_entities_and_pickles():
    tagger = NeuralTagger.load()
    sentences = [
        tokenize("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستتعاون مع الصين ."),
        tokenize("سيزور الوزير القاهرة وبغداد الأسبوع المقبل ."),
        [],
    ]
    tagged = tagger.tag(sentences)
    assert [len(t) for t in tagged] == [len(s) for s in sentences]
    first = {(" ".join(sentences[0][s:e]), k) for s, e, k in bio_spans(tagged[0])}
    assert ("فلاديمير بوتين", "PER") in first
    assert {("موسكو", "LOC"), ("روسيا", "LOC")} <= first
    second = {(" ".join(sentences[1][s:e]), k) for s, e, k in bio_spans(tagged[1])}
    assert {("القاهرة", "LOC"), ("وبغداد", "LOC")} <= second
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy.tag(sentences) == tagged
    # the network alone is its own tagger, and asking for it leaves the ensemble weight as it was
    weight = tagger.crf_weight
    alone = tagger.tag_network_only(sentences)
    assert tagger.crf_weight == weight > 0 and [len(t) for t in alone] == [len(t) for t in tagged]
    network, _ = tagger._ensure_loaded()
    emissions, start, allowed = network.decoding_scores(tagger._sentence_gates(sentences[:2]), tagger.labels)
    assert alone[:2] == [[tagger.labels[j] for j in p] for p in constrained_viterbi(emissions, start, allowed)]
    # The network alone is a proper distribution over the labels.
    log_p = tagger.network_log_probs(sentences[:1])[0]
    np.testing.assert_allclose(np.exp(log_p).sum(axis=1), 1.0, atol=1e-4)


def _network_with_crf_layer(rng: np.random.Generator) -> tuple[BiLstmNetwork, tuple[np.ndarray, ...]]:
    """A random network with a random CRF output layer, and that layer's (transitions, start, end) before the
    exporter adds the BIO constraints to the transitions and start scores (as it does)."""
    network = _random_network(rng)
    n = len(LABELS)
    start_bio, allowed_bio = bio_constraints(LABELS)
    transitions, first, last = rng.normal(size=(n, n)), rng.normal(size=n), rng.normal(size=n)
    network.crf_layer = (transitions + allowed_bio, first + start_bio, last)
    return network, (transitions, first, last)


def test_crf_output_layer_gives_exact_marginals_and_best_path():
    """With a CRF layer, log_probs are the chain's marginals and the decoder finds its best valid path
    (start and end scores included), checked by enumerating every path of short sentences."""
    rng = np.random.default_rng(3)
    network, (transitions, first, last) = _network_with_crf_layer(rng)
    n_labels = len(LABELS)
    start_bio, allowed_bio = bio_constraints(LABELS)
    words = [network.word_gates(i % 6, (i + 2) % 6, [1 + i % 4, 3], [i % 5]) for i in range(4)]
    sentences = [np.stack(words[:3]), np.stack(words[3:])]
    logits = network.logits(sentences)
    marginals = network.log_probs(sentences)
    emissions, start, allowed = network.decoding_scores(sentences, LABELS)
    paths = constrained_viterbi(emissions, start, allowed)
    for e, log_m, path in zip(logits, marginals, paths, strict=True):
        n = e.shape[0]
        candidates = list(itertools.product(range(n_labels), repeat=n))
        scores = np.array([_path_score(p, e, transitions + allowed_bio) + first[p[0]] + start_bio[p[0]] + last[p[-1]]
                           for p in candidates])
        weights = np.exp(scores - scores.max())
        expected = np.zeros((n, n_labels))
        for p, w in zip(candidates, weights, strict=True):
            for t, j in enumerate(p):
                expected[t, j] += w
        np.testing.assert_allclose(np.exp(log_m), expected / weights.sum(), atol=1e-8)
        assert tuple(path) == candidates[int(scores.argmax())]



def test_crf_layer_combines_with_the_feature_crf_as_one_weighted_chain():
    """With a CRF layer, the ensemble's path is the best valid path of (1 - w) * network chain score + w * feature
    CRF chain score, whatever the feature CRF's label order."""
    from types import SimpleNamespace

    rng = np.random.default_rng(5)
    network, (transitions, first, last) = _network_with_crf_layer(rng)
    n_labels = len(LABELS)
    start_bio, allowed_bio = bio_constraints(LABELS)
    words = [network.word_gates(i % 6, (i + 2) % 6, [1 + i % 4, 3], [i % 5]) for i in range(5)]
    gates = {("a", "b", "c"): np.stack(words[:3]), ("d", "e"): np.stack(words[3:])}
    crf_order = LABELS[::-1]  # the feature CRF lists its labels differently
    crf_transitions = rng.normal(size=(n_labels, n_labels))
    crf_emissions = {k: rng.normal(size=(len(k), n_labels)) for k in gates}

    class FakeCrf:
        def _ensure_loaded(self) -> tuple[SimpleNamespace, None]:
            return SimpleNamespace(labels=crf_order, transitions=crf_transitions), None

        def _emissions(self, tokens: list[str]) -> np.ndarray:
            return crf_emissions[tuple(tokens)]

    tagger = NeuralTagger(DEFAULT_MODEL_DIR)
    tagger.labels, tagger.start, tagger.allowed, tagger.crf_weight = LABELS, start_bio, allowed_bio, 0.4
    tagger._sentence_gates = lambda tokens: [gates[tuple(t)] for t in tokens]
    tagger._crf = FakeCrf()
    sentences = [list(k) for k in gates]
    paths = tagger._crf_layer_paths(network, sentences)
    to_crf = [crf_order.index(label) for label in LABELS]
    for sentence, path in zip(sentences, paths, strict=True):
        e = network.logits([gates[tuple(sentence)]])[0]
        c = crf_emissions[tuple(sentence)][:, to_crf]
        c_t = crf_transitions[np.ix_(to_crf, to_crf)]

        def score(p: tuple[int, ...], e: np.ndarray = e, c: np.ndarray = c, c_t: np.ndarray = c_t) -> float:
            own = _path_score(p, e, transitions) + first[p[0]] + last[p[-1]]
            return 0.6 * own + 0.4 * _path_score(p, c, c_t)

        valid = [p for p in itertools.product(range(n_labels), repeat=len(sentence))
                 if _path_score(p, np.zeros((len(sentence), n_labels)), allowed_bio) + start_bio[p[0]] > -1e3]
        assert tuple(path) == max(valid, key=score)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")
def test_ensemble_featurises_once_when_the_network_uses_the_crf_lexicons(tmp_path):
    import shutil

    from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_DIR

    shared, separate = tmp_path / "shared", tmp_path / "separate"
    for folder in (shared, separate):
        shutil.copytree(DEFAULT_MODEL_DIR, folder)
        for name in ("gazetteer.tsv", "neighbours.tsv"):
            shutil.copy(CRF_DIR / name, folder / name)
    with (separate / "gazetteer.tsv").open("a", encoding="utf-8") as fh:
        fh.write("كلمةلاتوجد\tLOC\n")  # a lexicon that differs, in a phrase no sentence contains
    sentences = [tokenize("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستتعاون مع الصين .")]
    one, two = NeuralTagger.load(shared, CRF_DIR), NeuralTagger.load(separate, CRF_DIR)
    assert one.tag(sentences) == two.tag(sentences)
    assert one._crf is not None and one._featurizer is one._crf._featurizer
    assert two._crf is not None and two._featurizer is not two._crf._featurizer
    # every word the network featurised is already in the CRF's cache: nothing is featurised twice
    assert set(sentences[0]) <= set(one._crf._cache)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")
def test_network_alone_loads_no_crf_and_cache_sizes_change_no_tag(tmp_path):
    """A model whose meta sets crf_weight 0 is the network alone: same tags as the ensemble's network view,
    without loading the CRF's weights; a cache smaller than a call's word types, or one that overflows and
    starts over between calls, gives the same tags."""
    alone_dir = tmp_path / "alone"
    shutil.copytree(DEFAULT_MODEL_DIR, alone_dir)
    meta = json.loads((alone_dir / "meta.json").read_text(encoding="utf-8"))
    (alone_dir / "meta.json").write_text(json.dumps({**meta, "crf_weight": 0.0}), encoding="utf-8")
    sentences = [tokenize("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستتعاون مع الصين ."),
                 tokenize("سيزور وزير الخارجية الأميركي أنتوني بلينكن القاهرة وبغداد الأسبوع المقبل .")]
    expected = NeuralTagger.load().tag_network_only(sentences)
    alone = NeuralTagger.load(alone_dir)
    assert alone.tag(sentences) == expected
    assert alone._crf is None
    tiny = NeuralTagger.load(alone_dir)
    tiny.cache_size = 5  # fewer rows than either sentence has word types
    assert tiny.tag(sentences) == expected and not tiny._rows
    refilled = NeuralTagger.load(alone_dir)
    refilled.cache_size = len(set(sentences[0])) + 2  # the second call overflows the cache and starts it over
    assert [refilled.tag([s])[0] for s in sentences] == expected
    assert set(refilled._rows) == set(sentences[1])
