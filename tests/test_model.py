import json

from rasad.model import (
    Analysis,
    Argument,
    Claim,
    ClaimSource,
    Document,
    Entity,
    Event,
    Geo,
    Mention,
    Sentence,
    Span,
    Timex,
)
from rasad.schema import validate_analysis

TEXT = "قال البيت الأبيض إن الرئيس سيزور القاهرة غدا."


def _analysis() -> Analysis:
    doc = Document("d1", TEXT, published="2024-02-01", origin="x.txt")
    return Analysis(
        document=doc,
        sentences=(Sentence(0, len(TEXT)),),
        mentions=(Mention("m1", 4, 16, "البيت الأبيض", "ORG", "Q35525"), Mention("m2", 33, 40, "القاهرة", "GPE", "Q85")),
        entities=(
            Entity("Q35525", "ORG", "البيت الأبيض", "White House", "Q35525", None, "US", True),
            Entity("Q85", "GPE", "القاهرة", "Cairo", "Q85", Geo(30.04, 31.24, "EG", 360630), "EG", True),
        ),
        timexes=(Timex("t1", 41, 45, "غدا.", "DATE", "2024-02-02", "c1"),),
        events=(
            Event("e1", "CONSULT", "visit", "042", (Argument(20, 26, "الرئيس"),), (), Argument(33, 40, "القاهرة", "Q85"),
                  "2024-02-02", "expected", Span(27, 32, "سيزور"), 0, "c1"),
        ),
        claims=(Claim("c1", "indirect", ClaimSource(4, 16, "البيت الأبيض", "Q35525"), Span(0, 3, "قال"),
                      Span(20, 45, TEXT[20:45])),),
    )


def test_to_dict_is_the_public_contract_and_validates() -> None:
    d = _analysis().to_dict()
    assert d["schema"] == "rasad/analysis@1"
    assert "origin" not in d["document"]
    assert d["entities"][1]["geo"] == {"lat": 30.04, "lon": 31.24, "country_code": "EG", "geonames_id": 360630}
    assert d["events"][0]["location"]["entity"] == "Q85"
    assert d["claims"][0]["source"]["anonymous"] is False
    json.dumps(d, ensure_ascii=False)
    assert validate_analysis(d) == []


def test_validator_catches_offset_drift() -> None:
    d = _analysis().to_dict()
    d["mentions"][0]["start"] += 1
    problems = validate_analysis(d)
    assert problems and "differs from the document" in problems[0]
    d = _analysis().to_dict()
    d["mentions"][0]["entity"] = "Q1"
    assert any("unknown entity" in p for p in validate_analysis(d))
