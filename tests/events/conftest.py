"""Fixture for the events tests: real text layers plus hand-built mentions/timexes/claims on our own sentences."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from rasad.model import Claim, Event, Timex
from rasad.resources import default_resources

# Let the test modules import event_helpers from this directory (tests/ has no packages).
sys.path.insert(0, str(Path(__file__).parent))

Extract = Callable[..., tuple[Event, ...]]


@pytest.fixture(scope="session")
def extract() -> Extract:
    """extract(text, mentions=[(surface, label, entity), ...], timexes=[...], claims=[...], published=...)."""
    from event_helpers import mention

    import rasad.events.resources  # noqa: F401
    from rasad.stages import text as text_stage

    resources = default_resources()
    extractor = resources.get("event_extractor")

    def run(
        text: str,
        mentions: Sequence[tuple[str, str, str | None]] = (),
        timexes: Sequence[Timex] = (),
        claims: Sequence[Claim] = (),
        published: str | None = "2024-03-05",
    ) -> tuple[Event, ...]:
        from rasad.model import Document

        layers: dict[str, Any] = text_stage.run(Document(id="t", text=text), {}, resources)
        ms = [mention(text, s, label, ent) for s, label, ent in mentions]
        return extractor.extract(
            text,
            published,
            layers["sentences"],
            layers["tokens"],
            mentions=ms,
            timexes=timexes,
            claims=claims,
        )

    return run
