"""Events evaluation over OEDA-style validation XML: reader, scoring, report (own sentences; real dev data if present)."""

from __future__ import annotations

from pathlib import Path

from rasad.eval.events import evaluate, format_report, read_gold, words
from rasad_test_paths import shared_path

_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Sentences>
<Sentence category="PROTEST" date="20240102" evaluate="true" id="s1" >
<EventText eid="0" eventtext="تظاهر" sourcetext="المتظاهرين" targettext="" />
<EventCoding eid="0" eventcode="" plover="PROTEST" sourcecode="None CVL" targetcode="None None" />
<Text>
وتظاهر آلاف المتظاهرين أمس أمام مقر البرلمان.
</Text>
</Sentence>
<Sentence category="ASSAULT" date="20240103" evaluate="true" id="s2" >
<EventText eid="0" eventtext="هاجم" sourcetext="مسلحون" targettext="قافلة" />
<EventCoding eid="0" eventcode="" plover="ASSAULT" sourcecode="None UAF" targetcode="None MIL" />
<Text>
وهاجم مسلحون قافلة عسكرية قرب الحدود.
</Text>
</Sentence>
<Sentence category="ASSAULT" date="20240104" evaluate="true" id="s3" >
<EventText eid="0" eventtext="" sourcetext="" targettext="" />
<EventCoding eid="0" eventcode="" plover="ASSAULT" sourcecode="None None" targetcode="None None" />
<Text>
وتحدث الوزير عن الطقس في الصيف.
</Text>
</Sentence>
</Sentences>"""  # truncated like the real files: no closing </Validation>


def test_read_gold_tolerates_truncated_files(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(_XML, encoding="utf-8")
    gold = read_gold(path)
    assert [g.id for g in gold] == ["s1", "s2", "s3"]
    assert gold[0].date == "2024-01-02" and gold[0].sources == ("المتظاهرين",)
    assert gold[1].types == frozenset({"ASSAULT"})


def test_words_strip_clitics_and_order() -> None:
    assert words("الاسرائيلية القوات") == words("والقوات الإسرائيلية")


def test_evaluate_scores_type_actor_and_target(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(_XML, encoding="utf-8")
    result = evaluate([path])
    assert result["per_category"]["PROTEST"]["type_recall"] == 1.0
    assault = result["per_category"]["ASSAULT"]
    assert assault["sentences"] == 2 and assault["type_found"] == 1  # the weather sentence has no attack
    assert assault["actor_accuracy"] == 1.0 and assault["target_accuracy"] == 1.0
    assert result["overall"]["actor_scored"] == 2
    report = format_report(result)
    assert "PROTEST" in report and "ALL" in report


def test_dev_data_meets_the_quality_gate() -> None:
    paths = [
        shared_path("data", "events", "arabic_protest_gsr_validation_dev.xml"),
        shared_path("data", "events", "arabic_assault_gsr_validation_dev.xml"),
    ]
    overall = evaluate(paths)["overall"]
    assert overall["type_recall"] >= 0.85
    assert overall["actor_accuracy"] >= 0.70
