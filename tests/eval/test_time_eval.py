"""TimeML parsing and timex scoring (fixtures are written here; shared data only when present)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rasad.eval.time import evaluate, format_report, parse_timeml, value_compatible

SHARED = Path(__file__).parents[2] / ".." / "shared"
DEV = SHARED / "data" / "time" / "timeml_dev"

DOC_WITH_DCT = """<?xml version="1.0"?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-12" functionInDocument="CREATION_TIME">2023-09-12</TIMEX3></DCT>
وصل الوفد <TIMEX3 tid="t1" type="DATE" value="2023-09-11">أمس</TIMEX3> &amp; غادر <TIMEX3 tid="t2" type="TIME" value="2023-09-10TEV">مساء الأحد</TIMEX3> بعد زيارة استمرت <TIMEX3 tid="t3" type="DURATION" value="P3D">ثلاثة أيام</TIMEX3> في المدينة.
</TimeML>
"""

DOC_WITHOUT_DCT = """<?xml version="1.0"?>
<!DOCTYPE TimeML SYSTEM "TimeML.dtd">
<TimeML>
يعقد المؤتمر <TIMEX3 tid="t1" type="DATE" value="2015-12-22">الثلاثاء</TIMEX3> وقد تأسس <TIMEX3 tid="t2" type="DATE" value="2001">عام 2001</TIMEX3> ويشارك فيه <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">حاليا</TIMEX3> كثيرون من المدينة.
</TimeML>
"""


def test_parse_reconstructs_text_and_offsets() -> None:
    doc = parse_timeml(DOC_WITH_DCT, "a.tml")
    assert doc.published == dt.date(2023, 9, 12)
    assert [t.text for t in doc.timexes] == ["أمس", "مساء الأحد", "ثلاثة أيام"]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "&" in doc.text and "<" not in doc.text


def test_evaluate_scores_extents_types_and_values(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(DOC_WITH_DCT, encoding="utf-8")
    (tmp_path / "b.tml").write_text(DOC_WITHOUT_DCT, encoding="utf-8")
    result = evaluate(tmp_path)
    assert result["documents"] == 2 and result["documents_with_reference_date"] == 1
    assert result["gold"] == 6
    assert result["relaxed"]["recall"] == 1.0
    assert result["type_accuracy"] == 1.0
    assert result["value_accuracy"] == 1.0 and result["value_pairs"] == 3
    # without a date the weekday is XXXX-WXX-2, compatible with the gold Tuesday
    assert result["value_compatible_accuracy"] == 1.0
    report = format_report(result)
    assert "relaxed" in report and "100.0%" in report


def test_evaluate_counts_misses_and_spurious(tmp_path: Path) -> None:
    doc = DOC_WITH_DCT.replace('<TIMEX3 tid="t3" type="DURATION" value="P3D">ثلاثة أيام</TIMEX3>', "ثلاثة أيام")
    doc = doc.replace("في المدينة", '<TIMEX3 tid="t9" type="DATE" value="X">في المدينة</TIMEX3>')
    (tmp_path / "a.tml").write_text(doc, encoding="utf-8")
    result = evaluate(tmp_path)
    assert result["strict"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["strict"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert [m["text"] for m in result["missed"]] == ["في المدينة"]
    assert [s["text"] for s in result["spurious"]] == ["ثلاثة أيام"]


def test_default_published_applies_to_files_without_a_date(tmp_path: Path) -> None:
    (tmp_path / "b.tml").write_text(DOC_WITHOUT_DCT, encoding="utf-8")
    result = evaluate(tmp_path, default_published=dt.date(2015, 12, 20))
    assert result["value_pairs"] == 3
    assert result["value_accuracy"] == 1.0


def test_value_compatibility() -> None:
    assert value_compatible("XXXX-09-11", "2015-09-11")
    assert value_compatible("XXXX-WXX-2", "2015-12-22")
    assert not value_compatible("XXXX-WXX-3", "2015-12-22")
    assert value_compatible("XXXX-WXX-2TMO", "2015-12-22TMO")
    assert not value_compatible("XXXX-09-12", "2015-09-11")


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/data/time/timeml_dev not available")
def test_dev_set_relaxed_f1() -> None:
    result = evaluate(DEV)
    assert result["gold"] > 100
    assert result["relaxed"]["f1"] >= 0.80
