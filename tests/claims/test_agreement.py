"""Whom a subjectless report inherits its speaker from: number and gender agreement, quotations (own sentences)."""

from __future__ import annotations

from collections.abc import Callable

from rasad.claims.agreement import cue_features
from rasad.claims.lexicon import Cue
from rasad.model import Claim

Extract = Callable[[str], list[Claim]]


def _sources(claims: list[Claim], cue_text: str) -> list[str]:
    return [c.source.text for c in claims if c.cue.text == cue_text]


def test_cue_features_from_the_form() -> None:
    def feat(form: str, cls: str = "verb") -> str | None:
        lemma = {"قال": "قال", "قالت": "قال", "قالوا": "قال", "يقول": "قال", "تقول": "قال"}.get(form, "أشار")
        return cue_features(Cue(form, cls, "that", lemma))

    assert [feat(f) for f in ("قال", "قالت", "قالوا", "يقول", "تقول")] == ["m", "f", "pl", "m", "f"]
    assert [feat(f, "participle") for f in ("مشيرا", "مشيرة", "مشيرين")] == ["m", "f", "pl"]


def test_plural_verb_does_not_inherit_a_singular_agency(extract: Extract) -> None:
    text = "وذكرت وكالة الأنباء المحلية أن الوفود اجتمعت في العاصمة، وأكدوا أن التعاون سيتواصل."
    claims = extract(text)
    assert _sources(claims, "ذكرت") == ["وكالة الأنباء المحلية"]
    assert _sources(claims, "أكدوا") == []


def test_plural_verb_inherits_a_plural_source(extract: Extract) -> None:
    claims = extract("وقال خبراء اقتصاديون إن الأسعار سترتفع، وأكدوا أن الطلب ما زال قويا.")
    assert _sources(claims, "أكدوا") == ["خبراء اقتصاديون"]


def test_feminine_verb_does_not_inherit_a_masculine_head(extract: Extract) -> None:
    text = "وقال المتحدث باسم الوزارة إن الطريق أغلق مساء الأحد. وأكدت أن الإصلاحات ستنتهي قريبا."
    claims = extract(text)
    assert len(_sources(claims, "قال")) == 1
    assert _sources(claims, "أكدت") == []
    # the same continuation after a feminine speaker is kept
    text = "وقالت المتحدثة باسم الوزارة إن الطريق أغلق مساء الأحد. وأكدت أن الإصلاحات ستنتهي قريبا."
    assert _sources(extract(text), "أكدت") == ["المتحدثة باسم الوزارة"]


def test_continuation_skips_a_speaker_of_the_other_gender(extract: Extract) -> None:
    text = "وقال الوزير إن المحادثات ستستأنف، فيما قالت المتحدثة إن الموعد لم يحدد، وأضاف أن الوفد جاهز."
    claims = extract(text)
    assert _sources(claims, "أضاف") == ["الوزير"]


def test_masculine_participle_does_not_take_a_feminine_body(extract: Extract) -> None:
    kept = extract("وأعلنت الوزارة أن المدارس ستفتح الأحد، مشيرة إلى أن الدوام سيبدأ صباحا.")
    assert _sources(kept, "مشيرة") == ["الوزارة"]
    dropped = extract("وأعلنت الوزارة أن المدارس ستفتح الأحد، مشيرا إلى أن الدوام سيبدأ صباحا.")
    assert _sources(dropped, "مشيرا") == []


def test_subjectless_verb_inside_a_quotation_does_not_inherit(extract: Extract) -> None:
    text = 'وقال الوزير إن "الشعب يتطلع إليكم ويرى أنكم الأمل الحقيقي للعدل"، مؤكدا أن الحكومة ستدعم الزيارة.'
    claims = extract(text)
    assert _sources(claims, "قال") == ["الوزير"]
    assert _sources(claims, "يرى") == []  # the people (الشعب) sees, not the minister
    assert _sources(claims, "مؤكدا") == ["الوزير"]  # after the closing quote the report continues
    # an unbalanced straight quote proves nothing: the participle after it still continues the report
    text = 'وقال الوزير في تصريح: الخبر عار تماما من الصحة"، مضيفا "أنا بخير".'
    assert _sources(extract(text), "مضيفا") == ["الوزير"]
