"""The API over PostgreSQL: the same contract, and PostgreSQL-specific hostile input (NUL bytes) is not a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rasad.api.app import create_app
from rasad.store import Store


@pytest.fixture
def pg_client(pg_store: Store) -> TestClient:
    return TestClient(create_app(pg_store), raise_server_exceptions=True)


def test_search_documents_entities_events(pg_client: TestClient) -> None:
    assert pg_client.get("/api/stats").json()["documents"] == 6
    totals = {pg_client.get("/api/search", params={"q": v}).json()["total"] for v in ["السعودية", "السعوديه", "والسعودية"]}
    assert totals == {2}
    assert pg_client.get("/api/documents/news/2023/saudi%3Fid%3D7").status_code == 200
    assert pg_client.get("/api/entities/Q959").json()["name_en"] == "Vladivostok"
    assert pg_client.get("/api/events", params={"type": "CONSULT"}).json()["total"] == 4
    assert pg_client.get("/api/health").json()["backend"] == "postgresql"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/search", {"q": "\x00"}),
        ("/api/search", {"q": "بوتين", "source": "a\x00b", "entity": "\x00"}),
        ("/api/entities", {"q": "\x00"}),
        ("/api/events", {"actor": "x\x00"}),
        ("/api/document", {"id": "\x00"}),
        ("/api/search", {"q": "' OR ''='"}),
    ],
)
def test_nul_and_quotes_are_never_a_500(pg_client: TestClient, path: str, params: dict) -> None:
    assert pg_client.get(path, params=params).status_code in (200, 404)
