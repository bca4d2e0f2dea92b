"""The HTTP API over the hand-written corpus: contract, 404/422 on bad input, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from corpus_factory import PUTIN, VLADIVOSTOK
from fastapi.testclient import TestClient


def test_health_and_stats(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    stats = client.get("/api/stats").json()
    assert {k: stats[k] for k in ("documents", "entities", "events", "claims")} == {
        "documents": 6, "entities": 6, "events": 5, "claims": 2,
    }


def test_search_variants_agree_and_results_have_the_contract_fields(client: TestClient) -> None:
    totals = {v: client.get("/api/search", params={"q": v}).json()["total"] for v in ["السعودية", "السعوديه", "والسعودية"]}
    assert set(totals.values()) == {2}
    hit = client.get("/api/search", params={"q": "بوتين", "limit": 1}).json()["results"][0]
    assert {"id", "title", "snippet", "published", "source", "highlights", "story_size"} <= set(hit)


@pytest.mark.parametrize(
    "q", ['" OR 1=1 --', '"', "*", "NEAR(", "", "x" * 10_000, "%", "\\", "السعودية\" AND (", "\x00", "😀 𝔸"]
)
def test_hostile_queries_are_never_a_500(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    assert r.json()["total"] >= 0


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 100000}, {"limit": "ten"}, {"offset": -1}, {"since": "yesterday"}, {"until": "2023-13-45"},
     {"event_type": "PARTY"}],
)
def test_invalid_parameters_are_422(client: TestClient, params: dict) -> None:
    assert client.get("/api/search", params=params).status_code == 422


def test_search_filters(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "بوتين", "since": "2023-09-13", "until": "2023-09-13", "entity": PUTIN.id})
    assert r.json()["total"] == 2
    assert client.get("/api/search", params={"q": "بوتين", "event_type": "ASSAULT"}).json()["total"] == 0


@pytest.mark.parametrize("doc_id", ["visit-1", "https://example.net/world/visit-copy.html", "news/2023/saudi?id=7", "xss<script>"])
def test_documents_by_path_and_by_query(client: TestClient, doc_id: str) -> None:
    by_query = client.get("/api/document", params={"id": doc_id})
    assert by_query.status_code == 200
    body = by_query.json()
    assert body["schema"] == "rasad/analysis@1" and body["document"]["id"] == doc_id
    by_path = client.get("/api/documents/" + quote(doc_id, safe=""))
    assert by_path.status_code == 200 and by_path.json() == body


def test_search_hit_opens_its_analysis(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "السعوديه"}).json()["results"][0]
    doc = client.get("/api/document", params={"id": hit["id"]}).json()
    assert doc["document"]["id"] == hit["id"] and doc["mentions"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/document", params={"id": "nope"}).status_code == 404
    assert client.get("/api/entities/Q0").status_code == 404
    assert client.get("/api/document").status_code == 422


def test_entities_and_profile(client: TestClient) -> None:
    listed = client.get("/api/entities", params={"q": "بوتين"}).json()["results"]
    assert [e["id"] for e in listed] == [PUTIN.id]
    assert client.get("/api/entities", params={"label": "XYZ"}).status_code == 422
    p = client.get(f"/api/entities/{VLADIVOSTOK.id}").json()
    assert p["name_en"] == "Vladivostok" and p["timeline"] and p["documents_list"] and p["events"]


def test_events_listing(client: TestClient) -> None:
    res = client.get("/api/events", params={"type": "CONSULT", "actor": PUTIN.id}).json()
    assert res["total"] == 2 and res["results"][0]["actors"][0]["name_en"] == "Vladimir Putin"
    assert client.get("/api/events", params={"type": "nope"}).status_code == 422
    assert client.get("/api/events", params={"since": "2023-09-14"}).json()["total"] == 1


def test_map_timeline_and_plover_export(client: TestClient) -> None:
    assert len(client.get("/api/map").json()["events"]) == 3
    assert client.get("/api/timeline").json()["events"]
    r = client.get("/api/export/events.plover.jsonl")
    assert r.status_code == 200
    lines = [line for line in r.text.splitlines() if line]
    assert len(lines) == 5


def test_ui_and_offline_docs(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "/static/js/app.js" in index.text
    assert "http" not in index.text.replace("http-equiv", "")  # nothing loaded from another origin
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "/api/documents/{doc_id}" in spec["paths"]
    for asset in ["/static/js/util.js", "/static/vendor/d3-geo.min.js", "/static/vendor/countries-110m.json", "/static/css/app.css"]:
        assert client.get(asset).status_code == 200, asset
