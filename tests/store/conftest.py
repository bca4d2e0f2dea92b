from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import pg_server
from corpus_factory import build_corpus

from rasad.store import Store


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not pg_server.available():
        pytest.skip("PostgreSQL 15 binaries are not installed (apt-get install postgresql)")
    with pg_server.temporary_server() as url:
        yield url


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "corpus.db"))
    store.add(build_corpus())
    yield store
    store.close()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    from sqlalchemy import text

    store = Store(pg_url)
    with store.engine.begin() as conn:  # each test starts from an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store.close()
    store = Store(pg_url)
    store.add(build_corpus())
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Store:
    name = "sqlite_store" if request.param == "sqlite" else "pg_store"
    return request.getfixturevalue(name)
