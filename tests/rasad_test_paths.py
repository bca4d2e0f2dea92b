"""Paths the tests share (importable from any test module: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "kim_putin_visit_2023.txt"
BUNDLED_EXAMPLE = REPO / "src" / "rasad" / "examples" / "sudan_truce_2023.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when that data is not available."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared data not available: {path}")
    return path
