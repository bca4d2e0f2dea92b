from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from corpus_factory import build_corpus

from rasad.store.export import EVENT_COLUMNS, event_rows, export_corpus


def analyses() -> list[dict]:
    return [a.to_dict() for a in build_corpus()]


def test_event_rows_flatten_participants_with_english_names() -> None:
    rows = list(event_rows(analyses()))
    assert len(rows) == 5
    visit = rows[0]
    assert visit["type"] == "CONSULT" and visit["actor_names_en"] == "Vladimir Putin"
    assert visit["recipient_entities"] == "Q56226" and visit["location_name_en"] == "Vladivostok"
    assert visit["claim_source"] == "الكرملين" and visit["lat"] == 43.1155
    assert rows[1]["actors"] == "الزعيمان" and rows[1]["actor_entities"] == ""  # a generic, unlinked actor


def test_csv_round_trips_arabic_and_commas(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_corpus(analyses(), "csv", out) == 5
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert rows[0]["trigger"] == "استقبل" and rows[0]["date"] == "2023-09-13"
    assert [r["document_id"] for r in rows].count("https://example.net/world/visit-copy.html") == 2


def test_plover_export_has_one_record_per_event(tmp_path: Path) -> None:
    import json

    out = tmp_path / "events.jsonl"
    assert export_corpus(analyses(), "plover", out) == 5
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r.get("event") or r.get("type") for r in records} == {"CONSULT", "COOPERATE"}
