"""Find Arabic temporal expressions and normalise them to TIMEX3 values against the publication date.

Speed: running the full matcher at every word start costs ~1 ms per article.  Instead we first find
the words that can *start* an expression (a set intersection over the article's distinct words, done
in C) plus every number, and run the anchored matcher only there.  ``find_timexes_exhaustive`` is the
plain scan, kept as the reference the fast path is tested against.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import product

from rasad.time import lexicon as lx
from rasad.time.patterns import FAMILIES, MATCHER
from rasad.time.rules import RULES_A, Found
from rasad.time.rules_calendar import RULES_B
from rasad.time.textview import TextView, make_view

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class TimexSpan:
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str | None  # TIMEX3 value; None when it needs an anchor that is missing


_RULES = {**RULES_A, **RULES_B}
assert set(_RULES) == set(FAMILIES), "every matcher family needs a rule"


# Frequent particles that open some expressions ("في 2019", "منذ عقود", "في السابق").  Anchoring on
# them would try the matcher at a large share of all words, so they are tried only when the word
# right after them is an anchor.
LEAD_WORDS = frozenset(("في", "من", "الي", "حتي", "مع", "منذ", "خلال", "لمده", "مده", "طوال", "طيله",
                        "مدي", "مدار", "قبل", "بعد", "ال"))


def _first_words() -> frozenset[str]:
    """Every word (normalised spelling) that can open an expression, or follow a lead that does."""
    phrases: list[str] = [
        *lx.WEEKDAYS, "يوم", "يومي", "اول", "امس", "بعد", "البارحه", "الامس", "اليوم", "غدا", "الغد", "غد",
        *lx.PARTS_OF_DAY, "هذا", "هذه", "الليله", "الساعه", "قبل", "كل", *lx.SET_WORDS,
        "اكثر", "اقل", "ازيد", "نحو", "حوالي", "قرابه", "زهاء",
        *lx.NUMBER_WORDS, *lx.TEEN_WORDS, *lx.TENS_WORDS, *lx.HUNDRED_WORDS, *lx.VAGUE_QUANTITIES,
        *lx.UNIT_FORMS, *("ال" + u for u in lx.UNIT_FORMS), *lx.MONTHS, "شهر", *lx.HIJRI_MONTHS,
        "بدايه", "بدايات", "مطلع", "اوائل", "اول", "منتصف", "اواسط", "اواخر", "نهايه", "نهايات", "اخر",
        "اخير", "عام", "العام", "سنه", "السنه", "عامي", "سنتي", "العامين", *lx.CALENDAR_UNITS,
        *lx.DECADE_WORDS, "القرن", *lx.SEASONS, "فصل", "النصف", "الربع", *lx.REFERENCE_WORDS,
        *lx.DAY_ORDINALS, *lx.HOLIDAYS,
    ]
    words = set()
    for phrase in phrases:
        tokens = phrase.split(" ")
        words.add(tokens[1] if tokens[0] in LEAD_WORDS and len(tokens) > 1 else tokens[0])
    return frozenset(words - (LEAD_WORDS - {"قبل", "بعد"}))


_CLITICS = ("", *("".join(c) for c in product(("", "و", "ف"), ("", "ب", "ل", "ك")) if "".join(c)))
_ANCHOR_WORDS = frozenset(c + w for w in _first_words() for c in _CLITICS)
_LEADS = frozenset(c + w for w in LEAD_WORDS for c in _CLITICS)
_WORD_RE = re.compile(r"\w+")
_NUMBER_START_RE = re.compile(r"(?<!\w)[^\W\d]{0,4}\d")
_PREV_WORD_RE = re.compile(r"(\w+)\s+$")


def _anchor_positions(norm: str) -> list[int]:
    positions: set[int] = set()
    n = len(norm)
    for word in set(_WORD_RE.findall(norm)) & _ANCHOR_WORDS:
        size = len(word)
        i = norm.find(word)
        while i != -1:
            if (i == 0 or not norm[i - 1].isalnum()) and (i + size == n or not norm[i + size].isalnum()):
                positions.add(i)
            i = norm.find(word, i + size)
    for m in _NUMBER_START_RE.finditer(norm):
        positions.add(m.start())
    for pos in list(positions):
        prev = _PREV_WORD_RE.search(norm, max(0, pos - 12), pos)
        if prev and prev.group(1) in _LEADS:
            positions.add(prev.start(1))
    return sorted(positions)


def _interpret(m: re.Match[str], norm: str, published: dt.date | None) -> list[Found]:
    for family in FAMILIES:
        if m.start("k_" + family) != -1:
            return _RULES[family](m, norm, published)
    return []


def _to_spans(view: TextView, found: list[Found]) -> list[TimexSpan]:
    out: list[TimexSpan] = []
    for f in found:
        start, end = view.to_original(f.start), view.to_original_end(f.end)
        out.append(TimexSpan(start, end, view.original[start:end], f.type, f.value))
    return out


def find_timexes(text: str, published: dt.date | None) -> list[TimexSpan]:
    """Temporal expressions in ``text`` with code-point offsets, TIMEX3 type and value.

    Values are resolved against ``published`` (news conventions: a bare weekday is the nearest one
    unless the clause says past or future); with no date they stay underspecified or None.
    """
    if isinstance(published, dt.datetime):  # a datetime is a date subclass but mixes badly in arithmetic
        published = published.date()
    view = make_view(text)
    norm = view.text
    found: list[Found] = []
    last_end = 0
    for pos in _anchor_positions(norm):
        if pos < last_end:
            continue
        m = MATCHER.match(norm, pos)
        if m is None:
            continue
        hits = _interpret(m, norm, published)
        if hits:
            found.extend(hits)
            last_end = m.end()
    return _to_spans(view, found)


def find_timexes_exhaustive(text: str, published: dt.date | None) -> list[TimexSpan]:
    """Reference implementation: the matcher tried at every position (slow; for tests)."""
    view = make_view(text)
    norm = view.text
    found: list[Found] = []
    pos = 0
    while True:
        m = MATCHER.search(norm, pos)
        if m is None:
            break
        hits = _interpret(m, norm, published)
        if hits:
            found.extend(hits)
            pos = m.end()
        else:
            pos = m.start() + 1
    return _to_spans(view, found)
