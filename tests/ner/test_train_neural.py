"""Training a network end to end (needs torch, the `train` extra: skipped without it)."""

from pathlib import Path

import numpy as np
import pytest

from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_DIR

NAMES = ["سمير", "خالد", "ليلى", "مراد", "رامي", "هدى"]
PLACES = ["حلب", "تونس", "عمان", "صنعاء", "الرباط", "بيروت"]


def _toy_corpus() -> str:
    blocks = []
    for i in range(30):
        name, place = NAMES[i % len(NAMES)], PLACES[(i * 5) % len(PLACES)]
        blocks.append(f"وصل O\nالدكتور O\n{name} B-PERS\nإلى O\n{place} B-LOC\nأمس O\n")
    return "\n".join(blocks)


@pytest.mark.parametrize("encoder", ["lstm", "cnn"])
def test_trained_network_runs_identically_in_the_numpy_runtime(tmp_path: Path, encoder: str) -> None:
    pytest.importorskip("torch")
    from rasad.train.ner_neural import train

    corpus = tmp_path / "toy.conll"
    corpus.write_text(_toy_corpus(), encoding="utf-8")
    vectors = tmp_path / "vectors.npy"
    np.save(vectors, np.random.default_rng(0).normal(size=(200, 8)).astype(np.float32))
    out = tmp_path / encoder
    summary = train(corpus, vectors, out, CRF_DIR, {"epochs": 20, "vocab_size": 200, "encoder": encoder,
                                                      "conv_width": 16, "hidden": 16}, dev_run=True)
    # the network learned the toy pattern, and the exported weights, read back by rasad.ner.neural, give the
    # torch decoder's tags on the dev sentences
    assert summary["dev_network_only"]["f1"] > 0.5
    assert summary["runtime_tag_agreement"] == 1.0
    with np.load(out / "weights.npz") as arrays:
        assert ("dilations" in arrays.files) == (encoder == "cnn")
