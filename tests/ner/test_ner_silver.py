"""Distillation data (rasad.train.ner_silver) and the CRF trained on it (rasad.train.ner.train with a teacher)."""

import json
from pathlib import Path

import pytest

from rasad.errors import UsageError
from rasad.ner.neural import DEFAULT_MODEL_DIR as NEURAL_DIR
from rasad.ner.neural import NeuralTagger
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_DIR
from rasad.train.ner_silver import (
    MAX_TOKENS,
    MIN_TOKENS,
    article_sentences,
    sample_articles,
    silver_sentences,
)

ARTICLES = [
    "وصل الرئيس الروسي فلاديمير بوتين إلى بكين أمس في زيارة رسمية. والتقى نظيره الصيني شي جين بينغ.",
    "أعلنت وزارة الخارجية المصرية أن الوزير سيزور عمان وبغداد الأسبوع المقبل. نعم.",
    "قال الأمين العام للأمم المتحدة أنطونيو غوتيريش في نيويورك إن الوضع في السودان خطير جدا.",
]
needs_teacher = pytest.mark.skipif(not (NEURAL_DIR / "weights.npz").exists(), reason="neural NER model not shipped")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "unlabeled"
    folder.mkdir()
    (folder / "day1.json").write_text(json.dumps([{"content": a} for a in ARTICLES[:2]] + [{"title": "x"}],
                                                 ensure_ascii=False), encoding="utf-8")
    (folder / "day2.json").write_text(json.dumps([{"content": ARTICLES[2]}], ensure_ascii=False), encoding="utf-8")
    return folder


def test_sample_is_deterministic_and_skips_records_without_content(tmp_path: Path):
    folder = corpus(tmp_path)
    first = sample_articles(folder, 10)
    assert sorted(first) == sorted(ARTICLES)  # the record without `content` is skipped
    assert sample_articles(folder, 10) == first
    assert sample_articles(folder, 2) == first[:2]
    with pytest.raises(UsageError, match="no articles"):
        sample_articles(tmp_path, 5)


def test_article_sentences_are_pipeline_tokens_within_the_length_bounds():
    sentences = article_sentences(ARTICLES)
    assert sentences and all(MIN_TOKENS <= len(s) <= MAX_TOKENS for s in sentences)
    assert ["نعم", "."] not in sentences  # too short to teach anything
    assert any("بوتين" in s and "بكين" in s for s in sentences)


@needs_teacher
def test_silver_keeps_exactly_the_sentences_both_views_agree_on(tmp_path: Path):
    folder = corpus(tmp_path)
    kept, stats = silver_sentences(NEURAL_DIR, CRF_DIR, folder, 10)
    tokens = article_sentences(sample_articles(folder, 10))
    assert stats["sentences"] == len(tokens)
    teacher = NeuralTagger.load(NEURAL_DIR, CRF_DIR)
    ensemble = teacher.tag(tokens)
    teacher.crf_weight = 0.0
    alone = teacher.tag(tokens)
    assert kept == [(t, e) for t, e, n in zip(tokens, ensemble, alone, strict=True) if e == n]
    assert stats["kept_sentences"] == len(kept) >= 1
    assert stats["kept_entities"] == sum(tag.startswith("B-") for _, tags in kept for tag in tags) > 0
