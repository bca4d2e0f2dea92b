"""When a KB person was in the news, read from the English `note` of their row, to pick the bearer of a lone
surname that fits the document's publication date (باول in 2003 is Colin Powell, in 2023 Jerome Powell).

A note names the years a person held an office or was active: ranges ("Prime Minister 2016–2018"), open ranges
("Chair of the Federal Reserve 2018–", "active since 1983", "from 2012": until now) and single years ("Ballon d'Or
2005", "died 2012"); decades ("active since 1970s") count from their first year. A person is taken to be in the
news from the first to the last year the note names (Pelé's 1958 … "died 2022" covers 2003): notes list milestones,
not every year. The fit of a person to a year is coarse on purpose, so that only a clear difference (in the news
that year vs. a decade away) overturns the office ranking of rasad.kb.index.
"""

from __future__ import annotations

import re

from rasad.kb.entries import KbEntry
from rasad.kb.index import CAREER_KINDS

_YEAR = r"(?:19|20)\d\d"
# A year, an optional decade "s", and an optional range dash with an optional closing year.
_SPAN = re.compile(rf"\b({_YEAR})s?(?:\s*[–-]\s*({_YEAR})?)?(?!\d)")
_SINCE = re.compile(rf"\b(?:since|from)\s+(?:the\s+)?({_YEAR})s?\b", re.IGNORECASE)
OPEN_END = 9999  # an open range runs until the present, whatever the document's year
IN_THE_NEWS = 2  # years after the span in which the person is still news (before it, they are not yet)
NEAR = 10  # beyond this many years from the span, the person is an unlikely referent
FIT_ACTIVE, FIT_NEAR_OR_UNKNOWN, FIT_FAR = 2, 1, 0


def active_spans(note: str) -> list[tuple[int, int]]:
    """(first, last) years of each activity the note names; an open range ends at OPEN_END."""
    spans: list[tuple[int, int]] = []
    since = {m.start(1) for m in _SINCE.finditer(note)}
    for m in _SPAN.finditer(note):
        first = int(m.group(1))
        dash = m.group(0)[len(m.group(1)) :].lstrip("s").strip()
        if m.group(2):
            last = int(m.group(2))
        elif dash or m.start(1) in since:
            last = OPEN_END
        else:
            last = first
        spans.append((first, max(first, last)))
    return spans


def year_distance(note: str, year: int) -> int | None:
    """Years from the note's span of activity to `year`: 0 inside it, negative before it, positive after it;
    None when the note has no years."""
    spans = active_spans(note)
    if not spans:
        return None
    first, last = min(f for f, _ in spans), max(last for _, last in spans)
    return year - first if year < first else max(0, year - last)


def date_fit(entry: KbEntry, year: int | None) -> int:
    """How well a person fits a document of `year`: FIT_ACTIVE when in the news then (in the span or up to
    IN_THE_NEWS years after it), FIT_FAR when more than NEAR years before or after it, FIT_NEAR_OR_UNKNOWN
    otherwise — also for a note without years and for a document without a date, so that without a date nothing
    changes. A career outside politics (CAREER_KINDS) fits at most FIT_NEAR_OR_UNKNOWN: "active since 1983" does
    not make a singer the referent of a surname a minister of the day shares, but a minister a decade out of
    office gives way to them."""
    if year is None:
        return FIT_NEAR_OR_UNKNOWN
    distance = year_distance(entry.note or "", year)
    if distance is None:
        return FIT_NEAR_OR_UNKNOWN
    if abs(distance) > NEAR:
        return FIT_FAR
    if 0 <= distance <= IN_THE_NEWS and entry.kind not in CAREER_KINDS:
        return FIT_ACTIVE
    return FIT_NEAR_OR_UNKNOWN


def publication_year(published: str | None) -> int | None:
    """The year of an ISO publication date ("2023-09-12", "2023-09-12T08:00:00Z"); None when absent or odd."""
    if not published:
        return None
    m = re.match(rf"\s*({_YEAR})(?:\D|$)", published)
    return int(m.group(1)) if m else None


def dated_sense(cands: list[KbEntry], year: int | None) -> list[KbEntry]:
    """A term whose meaning changed over time (فيروس كورونا: coronaviruses, mostly MERS, in news of 2012–2019;
    SARS-CoV-2 from 2020): when every candidate is a MISC entry whose note names years, only the one that fits the
    publication year best stays (`date_fit`); ties and undated documents go to the most recent sense, today's
    usage. Anything else is returned unchanged."""
    if len(cands) < 2 or any(c.label != "MISC" for c in cands):
        return cands
    starts = {c.id: [first for first, _ in active_spans(c.note or "")] for c in cands}
    if not all(starts.values()):
        return cands
    return [max(cands, key=lambda c: (date_fit(c, year), max(starts[c.id])))]
