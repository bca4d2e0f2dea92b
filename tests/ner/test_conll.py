from pathlib import Path

from rasad.ner.conll import bio_spans, canonical_tag, read_conll, split_train_dev


def test_canonical_tag_maps_pers_and_junk():
    assert canonical_tag("B-PERS") == "B-PER"
    assert canonical_tag("I-LOC") == "I-LOC"
    assert canonical_tag("O") == "O"
    assert canonical_tag("weird") == "O"


def test_bio_spans_follow_conlleval_chunking():
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]
    assert bio_spans(["I-ORG", "I-ORG", "I-LOC"]) == [(0, 2, "ORG"), (2, 3, "LOC")]
    assert bio_spans(["O", "O"]) == []


def test_read_conll_and_split_from_the_end(tmp_path: Path):
    path = tmp_path / "x.conll"
    lines = []
    for i in range(10):
        lines += [f"كلمة{i} O", "بغداد B-LOC", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    sentences = read_conll(path)
    assert len(sentences) == 10
    assert sentences[0] == (["كلمة0", "بغداد"], ["O", "B-LOC"])
    train, dev = split_train_dev(sentences, 0.2)
    assert [s[0][0] for s in dev] == ["كلمة8", "كلمة9"]
    assert len(train) == 8
