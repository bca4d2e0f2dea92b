"""Fixtures of the KB tests: a fixture knowledge base (see kb_helpers.make_kb_dir), vocabulary, segmenter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.resources import Resources
from rasad.text.tokenize import Segmenter

sys.path.insert(0, str(Path(__file__).parent))  # kb_helpers sits beside this file (tests/ has no packages)


@pytest.fixture(scope="session")
def vocab() -> dict[str, int]:
    return Resources().get("vocab")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    from kb_helpers import make_kb_dir

    return load_kb(make_kb_dir(tmp_path_factory.mktemp("kb") / "kb"), vocab)


@pytest.fixture(scope="session")
def segmenter(kb: KnowledgeBase, vocab: dict[str, int]) -> Segmenter:
    return Segmenter(vocab, kb.name_words)


@pytest.fixture(scope="session")
def resources(kb: KnowledgeBase, segmenter: Segmenter) -> Resources:
    return Resources(overrides={"kb": kb, "segmenter": segmenter})
