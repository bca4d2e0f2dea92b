"""The name-rendering evaluator: CER maths on hand-written pairs, and a floor on the shared held-out file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.eval.names import edit_distance, evaluate, format_report
from rasad.names.render import NameRenderer

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOOGLE_EVAL = SHARED / "data" / "names" / "google" / "ar2en-eval.txt"


class FixedRenderer(NameRenderer):
    """A stand-in renderer with known outputs, so the evaluator's arithmetic can be checked by hand."""

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs

    def render(self, arabic: str) -> str:
        return self.outputs[arabic]


def test_edit_distance() -> None:
    assert edit_distance("", "") == 0
    assert edit_distance("abc", "") == 3
    assert edit_distance("", "ab") == 2
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("ahmed", "ahmad") == 1
    assert edit_distance("ab", "ba") == 2


def test_cer_is_total_edits_over_total_reference_chars(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text("أحمد\tahmad\nخالد\tKhalid\nسمير\tsamir\n\n", encoding="utf-8")
    renderer = FixedRenderer({"أحمد": "Ahmed", "خالد": "KHALID", "سمير": "Sameer"})
    result = evaluate(path, renderer)
    # ahmed/ahmad: 1 edit; khalid (case ignored): 0; sameer/samir: 2 edits. Reference chars: 5 + 6 + 5.
    assert result["n"] == 3
    assert result["edits"] == 3
    assert result["reference_chars"] == 16
    assert result["cer"] == pytest.approx(3 / 16)
    assert result["exact"] == pytest.approx(1 / 3)
    report = format_report(result)
    assert "0.1875" in report and "0.3333" in report


def test_accents_are_ignored_and_wikidata_layout_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text("josé\tخ و س ي ه\t3\n", encoding="utf-8")
    result = evaluate(path, FixedRenderer({"خوسيه": "Jose"}))
    assert result["n"] == 1 and result["cer"] == 0.0 and result["exact"] == 1.0


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = evaluate(path, FixedRenderer({}))
    assert result["n"] == 0 and result["cer"] == 0.0


@pytest.mark.skipif(not GOOGLE_EVAL.is_file(), reason="../shared name data not available")
def test_shipped_model_floor_on_held_out_google_pairs() -> None:
    result = evaluate(GOOGLE_EVAL)
    assert result["n"] > 1000
    assert result["cer"] <= 0.25
    assert result["exact"] >= 0.25
