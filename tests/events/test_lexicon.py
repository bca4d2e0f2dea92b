"""The trigger lexicon: conjugation, index look-ups, clitic rules and phrase matching."""

from __future__ import annotations

import pytest

from rasad.events.lexicon import conjugate, parse_rows
from rasad.events.match import TriggerMatcher
from rasad.resources import default_resources
from rasad.text.normalize import normalize_key
from rasad.text.tokenize import tokenize


def test_conjugate_sound_and_defective_verbs() -> None:
    perf, impf = conjugate("زار", "يزور")
    assert {"زار", "زارت", "زاروا"} <= set(perf)
    assert {"يزور", "تزور", "يزورون", "يزوروا"} <= set(impf)
    perf, impf = conjugate(normalize_key("التقى"), "يلتقي")
    assert {"التقي", "التقت", "التقوا"} <= set(perf)
    assert {"يلتقي", "تلتقي", "يلتقون", "يلتقوا"} <= set(impf)
    perf, impf = conjugate("دعا", "يدعو")
    assert {"دعت", "دعوا"} <= set(perf) and "يدعون" in impf


def test_parse_rows_builds_index_phrases_actors_and_stops() -> None:
    lex = parse_rows(
        [
            "# comment",
            "verb\tهاجم:يهاجم\tASSAULT\t-\t190\ttrans\t-\t-",
            "noun\tهجوم|هجمات\tASSAULT\t-\t190\t-\t-\t-",
            "phrase\tأطلق:يطلق … النار\tASSAULT\tfirearms\t193\ttrans\t-\t-",
            "actor\tمسلحون|مسلحين\tarmed",
            "stop\tهاجمت",
        ]
    )
    assert lex.forms["هاجموا"][0].type == "ASSAULT"
    assert lex.forms["يهاجمون"][0].imperfect
    assert "هاجمت" not in lex.forms  # removed by the stop row
    assert lex.forms["هجمات"][0].pos == "noun"
    assert lex.phrases["اطلقوا"][0].gap
    assert lex.actors["مسلحين"] == "armed"


def test_parse_rows_rejects_unknown_row_kind() -> None:
    with pytest.raises(ValueError):
        parse_rows(["adverb\tx\tASSAULT"])


@pytest.fixture(scope="module")
def matcher() -> TriggerMatcher:
    import rasad.events.resources  # noqa: F401  (registers the loader)

    return default_resources().get("event_extractor").matcher


def _triggers(matcher: TriggerMatcher, text: str) -> list[tuple[str, str]]:
    tokens = tokenize(text, default_resources().get("segmenter"))
    return [(text[h.start : h.end], h.senses[0].type) for h in matcher.find(tokens)]


def test_clitics_and_conjugations_match(matcher: TriggerMatcher) -> None:
    found = _triggers(matcher, "وزاروا المدينة ثم سيلتقون بالوزير وللقاء آخر، واعتقلتهم الشرطة.")
    assert ("زاروا", "CONSULT") in found
    assert ("يلتقون", "CONSULT") in found
    assert ("لقاء", "CONSULT") in found
    assert any(t == "COERCE" for _, t in found)


def test_article_never_takes_a_verb_sense(matcher: TriggerMatcher) -> None:
    # الفجر is "the dawn", not the verb فجّر; وزارة (ministry) is not و + زار.
    assert _triggers(matcher, "صدر بيان عن وزارة الصحة عند الفجر") == []


def test_phrases_win_over_single_words(matcher: TriggerMatcher) -> None:
    found = _triggers(matcher, "أعلن الطرفان وقف إطلاق النار في المدينة.")
    assert found == [("وقف إطلاق النار", "RETREAT")]
    found = _triggers(matcher, "وأطلق مسلحون مجهولون النار على الحافلة.")
    assert found == [("وأطلق"[1:], "ASSAULT")]


def test_block_next_and_stop_words(matcher: TriggerMatcher) -> None:
    assert _triggers(matcher, "انطلقت القافلة فجر امس من المعبر") == []
    assert [t for _, t in _triggers(matcher, "فجر الانتحاري نفسه قرب الحاجز")] == ["ASSAULT"]


def test_spelling_traps(matcher: TriggerMatcher) -> None:
    # هناك "there" is not هنّأ + ك; مساعده "his assistant" (real ه) is not مساعدة "aid"; طلبة are students.
    assert _triggers(matcher, "هناك مساعده الجديد مع طلبة الجامعة") == []
    assert _triggers(matcher, "ووزعت الجمعية مساعدة غذائية") == [("مساعدة", "AID")]


def test_disease_is_not_an_injury(matcher: TriggerMatcher) -> None:
    assert _triggers(matcher, "وأصيب الوزير بفيروس كورونا وسجلت 50 إصابة جديدة") == []
    assert _triggers(matcher, "وأصيب ثلاثة جنود بجروح") == [("أصيب", "ASSAULT")]
