"""The variable-length batched decoder (`Seq2SeqModel._greedy_padded`, behind `transliterate_many`) gives, word
for word, the output of the single-word greedy decoder `_greedy` with the shipped model."""

from __future__ import annotations

import random

import pytest

from rasad.names.normalize import model_letters, normalize_arabic
from rasad.names.render import NameRenderer
from rasad.names.seq2seq import MIN_BATCH, Seq2SeqModel

# Written for this test: one word per length from 1 to 20 model letters (joined compounds make the long ones), a
# longer one, then a few more ordinary names.
OWN_WORDS = [
    "ب",
    "عز",
    "علي",
    "يوسف",
    "بوتين",
    "الرشيد",
    "نيكولاس",
    "المستنصر",
    "محمودعباس",
    "الإسكندرية",
    "عمربنالخطاب",
    "نورالدينزنكي",
    "فلاديميربوتين",
    "عبدالرحمنالأول",
    "عبدالعزيزالسعود",
    "صلاحالدينالأيوبي",
    "سيفالإسلامالقذافي",
    "عبدالعزيزبنعبدالله",
    "عبدالفتاحسعيدالسيسي",
    "أبوبكرالبغداديالحسني",
    "مصطفىكمالأتاتوركالتركي",  # 22 letters: past max_length's reach (3 * 22 + 6 > 40)
    "أردوغان",
    "شيرين",
    "إيمانويل",
    "ماكرون",
    "جونغ",
    "أون",
    "ليلى",
    "سلمى",
    "مؤمن",
    "هيئة",
]
RANDOM_WORDS = 300


@pytest.fixture(scope="module")
def model() -> Seq2SeqModel:
    model = NameRenderer.load().model
    assert model.beam_size == 1  # the greedy decoders stand in for the beam search only for a beam of 1
    return model


@pytest.fixture(scope="module")
def words(model: Seq2SeqModel) -> list[str]:
    own = [model_letters(normalize_arabic(word)) for word in OWN_WORDS]
    assert {len(word) for word in own} >= set(range(1, 21))
    rng = random.Random(20231)
    drawn = [
        "".join(rng.choice(model.source_chars) for _ in range(rng.randint(1, 20)))
        for _ in range(RANDOM_WORDS)
    ]
    return own + drawn + ["x", "بx٣ن"]  # letters outside the alphabet read as the unknown id


@pytest.fixture(scope="module")
def reference(model: Seq2SeqModel, words: list[str]) -> list[str]:
    return [model._greedy(word) for word in words]


def mismatches(words: list[str], got: list[str], expected: list[str]) -> list[tuple[str, str, str]]:
    return [(w, g, e) for w, g, e in zip(words, got, expected, strict=True) if g != e]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 5, 13, 40, 400])
def test_batched_decoder_matches_single_word_decoder(
    model: Seq2SeqModel, words: list[str], reference: list[str], batch_size: int
) -> None:
    got: list[str] = []
    for start in range(0, len(words), batch_size):
        got += model._greedy_padded(words[start : start + batch_size])
    wrong = mismatches(words, got, reference)
    assert not wrong, f"{len(wrong)} of {len(words)} words differ (word, batched, single): {wrong[:10]}"


def test_sample_exercises_step_limits_and_early_stops(
    model: Seq2SeqModel, words: list[str], reference: list[str]
) -> None:
    # A word that ends without EOS has one letter per step, up to its own limit; a sample with both kinds (and
    # limits below and at max_length) checks that rows stop independently.
    limits = [min(model.max_length, 3 * len(word) + 6) for word in words]
    at_limit = [limit for latin, limit in zip(reference, limits, strict=True) if len(latin) == limit]
    assert at_limit and len(at_limit) < len(words) // 2
    assert min(limits) < model.max_length == max(limits)


def test_transliterate_many_keeps_order_and_empty_words(
    model: Seq2SeqModel, words: list[str], reference: list[str]
) -> None:
    mixed = ["", *words[:7], "", *words[7:], ""]
    assert model.transliterate_many(mixed) == ["", *reference[:7], "", *reference[7:], ""]
    small = words[: MIN_BATCH - 1] if MIN_BATCH > 1 else words[:1]
    assert model.transliterate_many(small) == reference[: len(small)]
    assert model.transliterate_many([]) == []
