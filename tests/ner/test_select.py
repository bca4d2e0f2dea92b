"""RASAD_NER picks the tagger for `rasad analyze` and `rasad eval ner` alike (rasad.ner.select)."""

from pathlib import Path

import pytest

from rasad.eval.ner import evaluate
from rasad.ner.neural import DEFAULT_MODEL_DIR as NEURAL_DIR
from rasad.ner.neural import NeuralTagger
from rasad.ner.select import configured_tagger
from rasad.ner.tagger import NerTagger

GOLD = "وقال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n"


def test_the_crf_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASAD_NER", raising=False)
    assert isinstance(configured_tagger(), NerTagger)
    monkeypatch.setenv("RASAD_NER", "crf")
    assert isinstance(configured_tagger(), NerTagger)


@pytest.mark.skipif(not (NEURAL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")
def test_eval_scores_the_ensemble_when_it_is_selected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RASAD_NER", "ensemble")
    assert isinstance(configured_tagger(), NeuralTagger)
    gold = tmp_path / "gold.conll"
    gold.write_text(GOLD, encoding="utf-8")
    assert evaluate(gold)["f1"] == 1.0
