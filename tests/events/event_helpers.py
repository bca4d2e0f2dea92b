"""Helpers for the events tests: hand-built mentions, timexes and claims on our own sentences."""

from __future__ import annotations

from collections.abc import Sequence

from rasad.model import Claim, ClaimSource, Event, Mention, Span, Timex


def mention(text: str, surface: str, label: str, entity: str | None, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(
        id=f"m{start}", start=start, end=start + len(surface), text=surface, label=label, entity=entity
    )


def timex(text: str, surface: str, value: str, kind: str = "DATE") -> Timex:
    start = text.index(surface)
    return Timex(id=f"t{start}", start=start, end=start + len(surface), text=surface, type=kind, value=value)


def claim(text: str, source: str, cue: str, content: str, cid: str = "c1") -> Claim:
    s, c, k = text.index(source), text.index(cue), text.index(content)
    return Claim(
        id=cid,
        kind="indirect",
        source=ClaimSource(s, s + len(source), source),
        cue=Span(c, c + len(cue), cue),
        content=Span(k, k + len(content), content),
    )


def by_type(events: Sequence[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]
