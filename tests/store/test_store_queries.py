"""The read side over both backends (SQLite FTS5 and PostgreSQL tsvector), on the hand-written corpus."""

from __future__ import annotations

import json

import pytest
from corpus_factory import PUTIN, RIYADH, SAUDI, VLADIVOSTOK, build_corpus

from rasad.store import Store
from rasad.store import queries as q

NONE = q.SearchFilters()


def test_stats_count_every_layer(store: Store) -> None:
    s = q.stats(store)
    assert s["documents"] == 6
    assert s["events"] == 5  # 2 + 2 in the visit copies, 1 in the Saudi article
    assert s["claims"] == 2
    assert s["entities"] == 6
    assert s["stories"] == 5  # the syndicated copy joins the first visit report


def test_adding_the_same_corpus_again_changes_nothing(store: Store) -> None:
    before = q.stats(store)
    result = store.add(build_corpus())
    assert result.added == [] and len(result.skipped) == 6
    assert q.stats(store) == before
    putin = q.entity_profile(store, PUTIN.id)
    assert putin is not None and putin["documents"] == 2 and putin["mentions"] == 2


def test_arabic_variants_find_the_same_documents(store: Store) -> None:
    hits = {}
    for variant in ["السعودية", "السعوديه", "والسعودية", "السعوديّة"]:
        res = q.search(store, variant, NONE)
        hits[variant] = sorted(r["id"] for r in res["results"])
        assert res["total"] == len(hits[variant])
    assert len(set(map(tuple, hits.values()))) == 1
    assert hits["السعودية"] == sorted(["news/2023/saudi?id=7", "undated"])


def test_snippets_highlight_the_original_text(store: Store) -> None:
    res = q.search(store, "السعوديه", NONE)
    saudi = next(r for r in res["results"] if r["id"] == "news/2023/saudi?id=7")
    found = {saudi["snippet"][s:e] for s, e in saudi["highlights"]}
    assert found == {"السعوديّة", "والسعودية", "الســعودية"}


@pytest.mark.parametrize(
    "hostile", ['" OR 1=1 --', '"', "*", "NEAR(", "(((", "السعودية\" OR \"", "x" * 10_000, "'; DROP TABLE documents;--", "\x00"]
)
def test_hostile_queries_never_fail(store: Store, hostile: str) -> None:
    res = q.search(store, hostile, NONE)
    assert res["total"] >= 0
    assert q.stats(store)["documents"] == 6


def test_phrase_search_needs_the_words_in_order(store: Store) -> None:
    assert q.search(store, '"فلاديمير بوتين"', NONE)["total"] == 2
    assert q.search(store, '"بوتين فلاديمير"', NONE)["total"] == 0


def test_filters(store: Store) -> None:
    def ids(**kw: str) -> set[str]:
        return {r["id"] for r in q.search(store, None, q.SearchFilters(**kw), limit=50)["results"]}

    assert ids(since="2023-09-14") == {"news/2023/saudi?id=7", "xss<script>"}
    assert ids(until="2023-08-31") == {"plain"}
    assert ids(source="صحيفة ب") == {"https://example.net/world/visit-copy.html"}
    assert ids(entity=RIYADH.id) == {"news/2023/saudi?id=7", "xss<script>"}
    assert ids(event_type="COOPERATE") == {"news/2023/saudi?id=7"}
    assert q.search(store, "بوتين", q.SearchFilters(event_type="ASSAULT"))["total"] == 0


def test_search_results_show_story_grouping(store: Store) -> None:
    res = q.search(store, "فلاديفوستوك", NONE)
    assert res["total"] == 2
    assert {r["story_size"] for r in res["results"]} == {2}
    assert len({r["story"] for r in res["results"]}) == 1


def test_document_round_trip_and_story_copies(store: Store) -> None:
    corpus = {a.document.id: a for a in build_corpus()}
    for doc_id, analysis in corpus.items():
        got = q.get_document(store, doc_id)
        assert got is not None
        story = got.pop("story")
        assert got == json.loads(json.dumps(analysis.to_dict()))
        if doc_id == "visit-1":
            assert [c["id"] for c in story["copies"]] == ["https://example.net/world/visit-copy.html"]
    assert q.get_document(store, "no-such-document") is None


def test_entities_list_and_profile(store: Store) -> None:
    assert [e["id"] for e in q.list_entities(store, "بوتين")["results"]] == [PUTIN.id]
    assert [e["id"] for e in q.list_entities(store, "putin")["results"]] == [PUTIN.id]
    assert [e["id"] for e in q.list_entities(store, "السعوديه")["results"]] == [SAUDI.id]
    assert {e["label"] for e in q.list_entities(store, label="GPE")["results"]} == {"GPE"}
    assert q.list_entities(store, "100%_")["total"] == 0  # LIKE wildcards in user text are literal
    p = q.entity_profile(store, VLADIVOSTOK.id)
    assert p is not None
    assert p["geo"]["lat"] == pytest.approx(43.1155)
    assert p["timeline"] == [{"period": "2023-09-13", "mentions": 2, "documents": 2}]
    assert {c["id"] for c in p["cooccurring"]} >= {PUTIN.id, "Q56226"}
    assert [e["type"] for e in p["events"]] == ["CONSULT", "CONSULT"]  # as the location of both visits
    assert q.entity_profile(store, "Q0") is None


def test_events_filters_and_english_names(store: Store) -> None:
    res = q.list_events(store, type="CONSULT", actor=PUTIN.id)
    assert res["total"] == 2
    ev = res["results"][0]
    assert ev["actors"][0]["name_en"] == "Vladimir Putin"
    assert ev["recipients"][0]["name_en"] == "Kim Jong Un"
    assert ev["location"]["geo"]["lon"] == pytest.approx(131.8855)
    assert ev["source"]["name_en"] == "Kremlin"
    assert q.list_events(store, since="2023-09-14")["total"] == 1
    assert q.list_events(store, type="ASSAULT")["total"] == 0


def test_map_and_timeline(store: Store) -> None:
    m = q.map_data(store)
    assert {p["id"] for p in m["places"]} == {VLADIVOSTOK.id, RIYADH.id, SAUDI.id}
    assert len(m["events"]) == 3 and all(e["lat"] is not None for e in m["events"])
    tl = q.timeline(store)
    assert {d["date"]: d["count"] for d in tl["events"]}["2023-09-13"] == 4


def test_a_stale_search_index_is_rebuilt(store: Store) -> None:
    from sqlalchemy import text

    with store.engine.begin() as conn:  # as if the index had been built by another segmenter
        conn.execute(text("UPDATE rasad_meta SET value = 'other' WHERE key = 'terms_fingerprint'"))
        conn.execute(text("UPDATE documents SET terms = 'zzz'"))
        if store.dialect == "sqlite":
            conn.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
        else:
            conn.execute(text("UPDATE documents SET tsv = CAST('zzz' AS tsvector)"))
    assert not store.terms_are_current()
    assert q.search(store, "السعودية", NONE)["total"] == 0
    assert store.ensure_current_terms() == 6
    assert store.terms_are_current()
    assert q.search(store, "السعودية", NONE)["total"] == 2
    assert q.search(store, "zzz", NONE)["total"] == 0


def test_listing_without_a_query_puts_undated_documents_last(store: Store) -> None:
    ids = [r["id"] for r in q.search(store, None, NONE, limit=50)["results"]]
    assert ids[0] == "xss<script>" and ids[-1] == "undated"
