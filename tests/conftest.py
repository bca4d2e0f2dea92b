"""Shared test fixtures. Data from ../shared is used only where present; tests that need it skip cleanly."""

from __future__ import annotations

import pytest

from rasad_test_paths import shared_path


@pytest.fixture(scope="session")
def example_text() -> str:
    return shared_path("examples", "kim_putin_visit_2023.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from rasad.pipeline import build_pipeline

    return build_pipeline()
