"""Time stage: Arabic temporal expressions normalised against the publication date (layer "timexes").

A timex that lies inside a claim's content span points to that claim (the innermost one when claims nest), so a
reader can tell a date the article asserts from a date someone is reported to have said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from rasad.model import Claim, Document, Timex
from rasad.pipeline import Stage
from rasad.resources import Resources
from rasad.time.extract import find_timexes


def innermost_claim(claims: Sequence[Claim], start: int, end: int) -> str | None:
    """Id of the narrowest claim whose content span contains [start, end), or None."""
    best: Claim | None = None
    for c in claims:
        if c.content.start <= start and end <= c.content.end and (
            best is None or c.content.end - c.content.start < best.content.end - best.content.start
        ):
            best = c
    return best.id if best else None


def run(doc: Document, layers: Mapping[str, Any], resources: Resources) -> dict[str, Any]:
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    claims: Sequence[Claim] = layers.get("claims", ())
    timexes = [
        Timex(f"t{i}", s.start, s.end, s.text, s.type, s.value, innermost_claim(claims, s.start, s.end))
        for i, s in enumerate(find_timexes(doc.text, published), start=1)
    ]
    return {"timexes": timexes}


STAGE = Stage("timex", requires=("sentences",), provides=("timexes",), run=run)
