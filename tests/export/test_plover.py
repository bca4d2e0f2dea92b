"""PLOVER JSON export from an Analysis built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from rasad.export.plover import to_plover, write_plover_jsonl
from rasad.model import Analysis, Argument, Claim, ClaimSource, Document, Entity, Event, Geo, Sentence, Span

TEXT = "قال المتحدث إن الرئيس زار باريس أمس."


def _analysis() -> Analysis:
    doc = Document(
        id="d1", text=TEXT, title="زيارة", source="test", url="https://example.org/a", published="2024-05-02"
    )
    paris = Entity("Q90", "GPE", "باريس", "Paris", "Q90", Geo(48.8566, 2.3522, "FR", 2988507), "FR", True)
    president = Entity("local:p", "PER", "الرئيس", None)
    s = TEXT.index
    event = Event(
        id="e1",
        type="CONSULT",
        mode="visit",
        cameo="042",
        actors=(Argument(s("الرئيس"), s("الرئيس") + 6, "الرئيس", "local:p"),),
        recipients=(Argument(s("باريس"), s("باريس") + 5, "باريس", "Q90"),),
        location=Argument(s("باريس"), s("باريس") + 5, "باريس", "Q90"),
        date="2024-05-01TMO",
        modality="asserted",
        trigger=Span(s("زار"), s("زار") + 3, "زار"),
        sentence=0,
        claim="c1",
    )
    claim = Claim(
        "c1",
        "indirect",
        ClaimSource(s("المتحدث"), s("المتحدث") + 7, "المتحدث"),
        Span(0, 3, "قال"),
        Span(s("الرئيس"), len(TEXT) - 1, TEXT[s("الرئيس") : len(TEXT) - 1]),
    )
    return Analysis(doc, (Sentence(0, len(TEXT)),), (), (paris, president), (), (event,), (claim,))


def test_to_plover_fields() -> None:
    (rec,) = to_plover(_analysis())
    assert rec["id"] == "d1-e1" and rec["event"] == "CONSULT" and rec["mode"] == "visit"
    assert rec["date"] == "2024-05-01" and rec["timex_value"] == "2024-05-01TMO"
    assert rec["actor"] == "الرئيس" and rec["recipient"] == "Paris"
    assert rec["event_loc"]["name"] == "Paris" and rec["event_loc"]["country"] == "FR"
    assert abs(rec["event_loc"]["lat"] - 48.8566) < 1e-6
    assert rec["event_text"] == TEXT
    assert rec["cite_info"] == {
        "url": "https://example.org/a",
        "title": "زيارة",
        "language": "ar",
        "source": "test",
    }
    assert rec["cameo"] == "042" and rec["modality"] == "asserted" and rec["claim_source"] == "المتحدث"
    assert rec["actors"][0]["entity"] == "local:p" and rec["recipients"][0]["wikidata"] == "Q90"


def test_write_plover_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_plover_jsonl([_analysis(), _analysis()], path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["event"] == "CONSULT"
