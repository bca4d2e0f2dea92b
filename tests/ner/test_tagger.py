import pickle
from pathlib import Path

import numpy as np
import pytest

from rasad.eval.ner import evaluate
from rasad.ner.arabic import tokenize
from rasad.ner.conll import bio_spans
from rasad.ner.tagger import DEFAULT_MODEL_DIR, NerTagger

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def spans(tokens: list[str], tags: list[str]) -> set[tuple[str, str]]:
    return {(" ".join(tokens[s:e]), kind) for s, e, kind in bio_spans(tags)}


def test_shipped_model_tags_obvious_entities():
    tagger = NerTagger.load()
    sentences = [
        tokenize("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستتعاون مع الصين ."),
        tokenize("وطالب مجلس الأمن الدولي بوقف القتال وقالت حركة حماس إنها سترد ، بحسب وكالة رويترز ."),
        tokenize("سيزور الوزير القاهرة وبغداد الأسبوع المقبل ."),
    ]
    tagged = tagger.tag(sentences)
    assert [len(t) for t in tagged] == [len(s) for s in sentences]
    first = spans(sentences[0], tagged[0])
    assert ("فلاديمير بوتين", "PER") in first
    assert {("موسكو", "LOC"), ("روسيا", "LOC"), ("الصين", "LOC")} <= first
    # ANERcorp's convention (which the model learnt): ministries stay O, councils and parties are ORG
    second = spans(sentences[1], tagged[1])
    assert ("مجلس الأمن الدولي", "ORG") in second
    assert ("رويترز", "ORG") in second
    assert ("القاهرة", "LOC") in spans(sentences[2], tagged[2])
    assert ("وبغداد", "LOC") in spans(sentences[2], tagged[2])
    assert all(tag == "O" or tag[2:] in {"PER", "LOC", "ORG", "MISC"} for t in tagged for tag in t)


def test_empty_input_and_empty_sentence():
    tagger = NerTagger.load()
    assert tagger.tag([]) == []
    assert tagger.tag([[]]) == [[]]


def test_pickle_round_trip_drops_the_loaded_model():
    tagger = NerTagger.load()
    sentence = ["زار", "الملك", "سلمان", "الرياض"]
    before = tagger.tag([sentence])
    payload = pickle.dumps(tagger)
    assert len(payload) < 1000  # only the model path travels to Dask workers
    clone = pickle.loads(payload)
    assert clone.model_dir == DEFAULT_MODEL_DIR
    assert clone.tag([sentence]) == before


def test_load_rejects_a_directory_without_a_model(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        NerTagger.load(tmp_path)


@pytest.mark.skipif(not (SHARED / "data" / "ner" / "anercorp_train.conll").exists(), reason="needs ../shared")
def test_shipped_model_fits_the_training_file_well(tmp_path: Path):
    # The shipped model was trained on the whole file, so this is a sanity floor, not a generalisation
    # figure (that is the dev score in docs/models/ner.md); a broken feature pipeline fails it at once.
    lines = (SHARED / "data" / "ner" / "anercorp_train.conll").read_text(encoding="utf-8").split("\n\n")
    sample = tmp_path / "sample.conll"
    sample.write_text("\n\n".join(lines[-300:]), encoding="utf-8")
    assert evaluate(sample)["f1"] > 0.85


def test_word_types_scored_together_equal_each_scored_alone():
    """remember_many sums every new word's positional rows in one reduceat: each word's block must equal the plain
    sum of its own rows, whatever words come before or after it (one with no known attribute included), and a
    cache too small for a call starts over with that call's words."""
    tagger = NerTagger.load()
    _, featurizer = tagger._ensure_loaded()
    words = ["بوتين", "وموسكو", "xqzv", "الأمم", "،", "زبيرقان", "لبيونغيانغ"]
    analysed = [featurizer.word_own_features(w) for w in words]
    tagger.remember_many(words, analysed)
    for word, (own, _, _, _) in zip(words, analysed, strict=True):
        rows = [r for r in map(tagger._base_index.get, own) if r is not None]
        expected = tagger._table[rows].sum(axis=0) if rows else np.zeros(tagger._table.shape[1:])
        np.testing.assert_allclose(tagger._cache[word].vectors, expected, rtol=1e-12, atol=1e-12)
    small = NerTagger.load()
    small.cache_size = 4
    sentences = [["قال", "الرئيس", "بوتين"], ["في", "موسكو", "أمس", "إن"]]
    assert small.tag(sentences) == tagger.tag(sentences)
    assert set(small._cache) == set(sentences[0]) | set(sentences[1])  # one call's words, though above the size
