"""Claim scoring on gold written here (inline text and a JSONL written to a temporary directory)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rasad.eval.claims import DEFAULT_GOLD, evaluate, format_report, load_gold
from rasad.model import Claim, ClaimSource, Document, Span
from rasad_test_paths import shared_path

TEXT = "وقالت الشرطة إن الطريق أغلق. وانقطعت الكهرباء في المدينة بحسب شهود عيان."


def _span(text: str, part: str) -> list[int]:
    i = text.index(part)
    return [i, i + len(part)]


def _gold_claims(text: str) -> list[dict[str, object]]:
    return [
        {
            "source": _span(text, "الشرطة"),
            "cue": _span(text, "قالت"),
            "content": _span(text, "الطريق أغلق"),
            "kind": "indirect",
        },
        {
            "source": _span(text, "شهود عيان"),
            "cue": _span(text, "بحسب"),
            "content": _span(text, "وانقطعت الكهرباء في المدينة"),
            "kind": "according_to",
        },
    ]


def _claim(text: str, source: str, content: str, kind: str = "indirect") -> Claim:
    s, c = _span(text, source), _span(text, content)
    return Claim("c1", kind, ClaimSource(s[0], s[1], source), Span(0, 1, text[0]), Span(c[0], c[1], content))


def test_inline_gold_with_the_real_extractor(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps({"documents": [{"id": "a", "text": TEXT, "claims": _gold_claims(TEXT)}]}), "utf-8"
    )
    result = evaluate(path)
    assert result["gold"] == 2
    assert result["precision"] == 1.0 and result["recall"] == 1.0
    report = format_report(result)
    assert "precision 1.000" in report and "according_to" in report


def test_overlap_rules_count_wrong_source_and_missed_claims(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps({"documents": [{"id": "a", "text": TEXT, "claims": _gold_claims(TEXT)}]}), "utf-8"
    )

    def analyzer(doc: Document) -> list[Claim]:
        return [
            _claim(doc.text, "الشرطة", "الطريق"),  # right: overlaps source and content
            _claim(doc.text, "المدينة", "الكهرباء"),  # wrong source, right content
        ]

    result = evaluate(path, analyzer=analyzer)
    assert (result["correct"], result["predicted"], result["found"], result["gold"]) == (1, 2, 1, 2)
    assert result["precision"] == 0.5 and result["recall"] == 0.5
    assert result["false_positives"][0]["source"] == "المدينة"
    assert result["misses"][0]["source"] == "شهود عيان"


def test_ref_documents_resolve_and_detect_drift(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "data").mkdir(parents=True)
    rows = [{"paragraph_id": "p1", "paragraph": TEXT}, {"paragraph_id": "p2", "paragraph": "نص آخر تغير."}]
    (shared / "data" / "paras.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8"
    )
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    gold = {
        "documents": [
            {
                "id": "p1",
                "ref": {"file": "data/paras.jsonl", "paragraph_id": "p1", "sha256": digest},
                "claims": _gold_claims(TEXT),
            },
            {
                "id": "p2",
                "ref": {"file": "data/paras.jsonl", "paragraph_id": "p2", "sha256": "0" * 64},
                "claims": [],
            },
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), "utf-8")
    docs, problems = load_gold(path, shared)
    assert [d["id"] for d in docs] == ["p1"] and docs[0]["text"] == TEXT
    assert problems and "sha256" in problems[0]
    result = evaluate(path, shared=shared)
    assert result["documents"] == 1 and result["recall"] == 1.0


def test_shipped_gold_holds_no_text() -> None:
    data = json.loads(DEFAULT_GOLD.read_text(encoding="utf-8"))
    assert len(data["documents"]) >= 50
    assert all("text" not in d and len(d["ref"]["sha256"]) == 64 for d in data["documents"])


def test_shipped_dev_gold_against_shared_data() -> None:
    shared_path("data", "news", "armpro_dev.jsonl")
    result = evaluate(DEFAULT_GOLD)
    assert not result["problems"]
    assert result["gold"] >= 40
    assert result["precision"] >= 0.85
