from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from corpus_factory import build_corpus
from fastapi.testclient import TestClient

from rasad.api.app import create_app
from rasad.store import Store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    store = Store(str(db))
    store.add(build_corpus())
    # raise_server_exceptions=True: a bug must show up as a 500 status in the assertions, not as an exception
    with TestClient(create_app(store), raise_server_exceptions=True) as c:
        yield c
    store.close()
