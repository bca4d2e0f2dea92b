"""Shared test fixtures. Data from ../shared is used only where present; tests that need it skip cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "kim_putin_visit_2023.txt"
BUNDLED_EXAMPLE = REPO / "src" / "rasad" / "examples" / "sudan_truce_2023.txt"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared data not available: {path}")
    return path


@pytest.fixture(scope="session")
def example_text() -> str:
    return shared_path("examples", "kim_putin_visit_2023.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from rasad.pipeline import build_pipeline

    return build_pipeline()
