import json
from pathlib import Path

import pytest

from rasad.errors import UsageError
from rasad.ner.neural import DEFAULT_MODEL_DIR as NEURAL_DIR
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_DIR
from rasad.ner.tagger import NerTagger
from rasad.train.ner import train

# Hand-written toy sentences: enough for the CRF to learn "title + name" and "في + place".
NAMES = ["سمير", "خالد", "ليلى", "مراد", "رامي", "هدى"]
PLACES = ["حلب", "تونس", "عمان", "صنعاء", "الرباط", "بيروت"]


def toy_corpus() -> str:
    blocks = []
    for i in range(24):
        name, place = NAMES[i % len(NAMES)], PLACES[(i * 5) % len(PLACES)]
        blocks.append(f"وصل O\nالدكتور O\n{name} B-PERS\nإلى O\n{place} B-LOC\nأمس O\n")
        blocks.append(f"عقد O\nاجتماع O\nفي O\n{place} B-LOC\n")
    return "\n".join(blocks)


def test_train_writes_a_loadable_model_directory(tmp_path: Path):
    train_path = tmp_path / "toy.conll"
    train_path.write_text(toy_corpus(), encoding="utf-8")
    out = tmp_path / "model"
    summary = train(train_path, None, out, params={"max_iterations": 30})
    for name in ("weights.npz", "model.crfsuite", "clusters.tsv", "gazetteer.tsv", "meta.json"):
        assert (out / name).exists(), name
    assert summary["runtime_tag_agreement"] == 1.0  # numpy decoder == crfsuite
    assert summary["dev_sentences"] == 5 and summary["final_model_trained_on"] == "train+dev"
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["dev_scores"]["f1"] == summary["dev_scores"]["f1"]
    tags = NerTagger.load(out).tag([["وصل", "الدكتور", "خالد", "إلى", "بيروت", "أمس"]])
    assert tags == [["O", "O", "B-PER", "O", "B-LOC", "O"]]


def test_train_with_kept_vectors_rebuilds_the_neighbour_lexicon_and_records_the_kb_gazetteer(tmp_path: Path):
    import numpy as np

    from rasad.ner.tagger import DEFAULT_MODEL_DIR

    train_path = tmp_path / "toy.conll"
    train_path.write_text(toy_corpus(), encoding="utf-8")
    with (DEFAULT_MODEL_DIR / "clusters.tsv").open(encoding="utf-8") as fh:
        n_words = sum(1 for line in fh if not line.startswith("#word\t"))
    vectors = tmp_path / "vectors.npy"
    np.save(vectors, np.random.default_rng(3).standard_normal((n_words, 8)).astype(np.float32))
    out = tmp_path / "model"
    summary = train(train_path, None, out, vectors=vectors, params={"max_iterations": 30})
    assert summary["neighbour_lexicon"] == "rebuilt from the labels"
    # the lexicon now comes from the toy labels, not from the shipped one
    assert (out / "neighbours.tsv").read_bytes() != (DEFAULT_MODEL_DIR / "neighbours.tsv").read_bytes()
    assert {"KPER", "KORG", "PFIRST", "PLAST", "OFIRST", "OLAST", "LOC"} <= set(summary["gazetteer_kinds"])

def silver_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "unlabeled"
    folder.mkdir()
    articles = [{"content": "وصل الرئيس الروسي فلاديمير بوتين إلى بكين أمس في زيارة رسمية."},
                {"content": "قال الدكتور خالد في حلب إن الوزير سيزور بيروت وعمان الأسبوع المقبل."},
                {"content": "أعلنت وزارة الخارجية المصرية أن الوزير سيزور بغداد الأسبوع المقبل."}]
    (folder / "day.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.skipif(not (NEURAL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")
def test_train_with_a_teacher_adds_the_silver_sentences(tmp_path: Path):
    train_path = tmp_path / "toy.conll"
    train_path.write_text(toy_corpus(), encoding="utf-8")
    summary = train(train_path, None, tmp_path / "model", params={"max_iterations": 20},
                    teacher=(NEURAL_DIR, CRF_DIR), silver_dir=silver_corpus(tmp_path), silver_articles=3)
    silver = summary["silver"]
    assert silver["articles"] == 3 and silver["kept_sentences"] >= 1
    # the shipped network was trained on the whole ANERcorp file, not on this toy split: no dev score is claimed
    assert silver["dev_held_out_from_teacher"] is False and summary["dev_scores"] is None
    assert summary["runtime_tag_agreement"] == 1.0
    with pytest.raises(ValueError, match="silver_dir"):
        train(train_path, None, tmp_path / "m2", teacher=(NEURAL_DIR, CRF_DIR))
    # with a dev file the caller asks for a held-out score, which a teacher trained on other data cannot give here
    with pytest.raises(UsageError, match="may have seen the dev sentences"):
        train(train_path, train_path, tmp_path / "m3", params={"max_iterations": 5},
              teacher=(NEURAL_DIR, CRF_DIR), silver_dir=tmp_path / "unlabeled", silver_articles=1)
