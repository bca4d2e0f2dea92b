"""Loading the KB: tolerant TSV reading with a load report, merging by id, pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

from kb_helpers import HEADER, make_kb_dir

from rasad.kb.index import KnowledgeBase, load_kb, match_key
from rasad.kb.matcher import find_matches
from rasad.kb.tables import LoadReport, read_table
from rasad.text.tokenize import Segmenter, tokenize


def test_malformed_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    rows = [
        HEADER,
        "kb:good\t\tORG\tGood Org\tمنظمة جيدة\t\tSA\t\t\tcompany\t\t",
        "kb:short\t\tORG\tToo few cells",  # wrong column count
        "kb:badlabel\t\tTHING\tBad\tشيء\t\t\t\t\t\t\t",  # unknown label
        "kb:badgeo\t\tGPE\tBad geo\tمكان\t\t\tabc\t1\ttown\t\t",  # bad latitude
        "kb:noname\t\tPER\tNo Arabic\t\t\t\t\t\t\t\t",  # no Arabic name
        "Q99\t\tPERS\tOld label\tاسم قديم\t\t\t\t\t\t\t",  # PERS accepted as PER, QID taken as wikidata
    ]
    path = tmp_path / "partial.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = LoadReport()
    entries = read_table(path, report)
    assert [e.id for e in entries] == ["kb:good", "Q99"]
    assert entries[1].label == "PER" and entries[1].wikidata == "Q99"
    assert len(report.skipped) == 4
    assert report.rows["partial.tsv"] == 2


def test_missing_or_headerless_tables_do_not_crash(tmp_path: Path) -> None:
    report = LoadReport()
    assert read_table(tmp_path / "absent.tsv", report) == []
    assert report.missing == ["absent.tsv"]
    (tmp_path / "noheader.tsv").write_text("garbage\tline\n", encoding="utf-8")
    assert read_table(tmp_path / "noheader.tsv", report) == []
    assert report.skipped


def test_kb_loads_while_people_table_is_half_written(tmp_path: Path) -> None:
    kb_dir = make_kb_dir(tmp_path / "kb")
    complete = "Q2\t\tPER\tWhole\tاسم كامل\t\t\t\t\t\t\t"
    (kb_dir / "people.tsv").write_text(f"{HEADER}\n{complete}\nQ1\t\tPER\tHalf\tنصف", encoding="utf-8")
    kb = load_kb(kb_dir)
    assert "Q2" in kb.entries and "Q1" not in kb.entries  # the truncated last row is skipped, not fatal
    assert len(kb.report.skipped) == 1 and "people.tsv:3" in kb.report.skipped[0]
    assert kb.candidates(match_key("روسيا"))[0].id == "Q159"


def test_countries_merge_cldr_authored_and_geonames(kb: KnowledgeBase) -> None:
    russia = kb.entries["Q159"]
    assert russia.kind == "country" and russia.country == "RU" and russia.name_en == "Russia"
    assert match_key("روسيا الاتحادية") in kb.names  # authored alias merged into the CLDR entry
    pyongyang = kb.entries["Q18808"]
    assert (
        pyongyang.geonames_id is not None and pyongyang.kind == "capital"
    )  # geonames linked to the authored row
    assert kb.entries["Q423"].lat is not None


def test_pickled_kb_matches_like_the_original(kb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "وصل الوفد إلى بيونغيانغ قادما من موسكو"
    tokens = tokenize(text, segmenter)
    clone = pickle.loads(pickle.dumps(kb))
    assert clone._automaton is None  # rebuilt lazily, not shipped in the pickle
    assert find_matches(clone, tokens) == find_matches(kb, tokens)
    assert len(pickle.dumps(kb)) < 20_000_000
