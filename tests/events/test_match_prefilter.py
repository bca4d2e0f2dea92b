"""The trigger matcher's substring pre-filter must never change what a word matches (it only skips work)."""

from __future__ import annotations

import pytest

from rasad.events.match import TriggerMatcher, _lexicon_strings
from rasad.resources import default_resources
from rasad.text.tokenize import tokenize

# Our own sentences: triggers with proclitics, enclitics over taa marbuta (زيارتهما → زياره), phrase tails, and
# plenty of ordinary words the pre-filter should reject.
SENTENCES = (
    "وخلال زيارتهما للعاصمة التقى الوزيران بنظيرهما وبحثا سبل التعاون الاقتصادي.",
    "وأطلق مسلحون النار على المتظاهرين الذين خرجوا في مسيرة سلمية وسط المدينة.",
    "واعتقلت الشرطة عشرات المحتجين بعد اشتباكات عنيفة، وهددت الحكومة بفرض عقوبات.",
    "وأدانت الخارجية الهجوم واستدعت السفير، فيما أعلن الجيش عن تدريبات مشتركة مع حلفائه.",
)


@pytest.fixture(scope="module")
def matchers() -> tuple[TriggerMatcher, TriggerMatcher]:
    import rasad.events.resources  # noqa: F401

    resources = default_resources()
    lexicon = resources.get("event_extractor").lexicon
    vocabulary = resources.get("vocab")
    unfiltered = TriggerMatcher(lexicon, vocabulary)
    unfiltered._cannot_match = lambda word: False  # type: ignore[method-assign]
    return TriggerMatcher(lexicon, vocabulary), unfiltered


def test_prefilter_keeps_every_sense_phrase_and_tail_key(matchers: tuple[TriggerMatcher, TriggerMatcher]) -> None:
    filtered, unfiltered = matchers
    segmenter = default_resources().get("segmenter")
    lexicon_strings = _lexicon_strings(filtered.lexicon)
    rejected = 0
    for sentence in SENTENCES:
        for tok in tokenize(sentence, segmenter):
            if tok.kind != "word":
                continue
            for final in ("", "h", "t"):
                got = filtered._analyse(tok.norm, tok.stem, final)
                want = unfiltered._analyse(tok.norm, tok.stem, final)
                assert got.senses == want.senses and got.phrases == want.phrases, tok.text
                assert got.keys & lexicon_strings == want.keys & lexicon_strings, tok.text
                if got.senses or got.phrases:
                    assert got.clitic == want.clitic
                rejected += not got.keys
    assert rejected > 0  # the filter does skip ordinary words


def test_hits_identical_with_and_without_prefilter(matchers: tuple[TriggerMatcher, TriggerMatcher]) -> None:
    filtered, unfiltered = matchers
    segmenter = default_resources().get("segmenter")
    for sentence in SENTENCES:
        tokens = tokenize(sentence, segmenter)
        hits = filtered.find(tokens)
        assert hits == unfiltered.find(tokens)
    # زيارتهما is only in the lexicon as زياره: the ت-for-ه pattern must let it through the filter.
    first = SENTENCES[0]
    assert "زيارتهما" in [first[h.start : h.end] for h in filtered.find(tokenize(first, segmenter))]
