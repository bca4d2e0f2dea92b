"""A normalised matching view of Arabic text with a map back to the original code points.

The timex rules match on this view (one spelling per letter, ASCII digits) and report spans in the
original text.  Every substitution is one code point for one code point; only deletions (diacritics,
tatweel, bidi marks) shift offsets, so the map is kept as a sorted list of deletion points and
resolved with bisect instead of a per-character array.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rasad.text.normalize import BIDI_AND_ZERO_WIDTH, DIACRITICS, DIGIT_MAP, LETTER_MAP, TATWEEL

# The character tables are rasad.text.normalize's, so the time view and every other matching view agree on what
# counts as the same letter and what is dropped; this module only adds its own fast view construction.
_SUBSTITUTE = {**LETTER_MAP, **DIGIT_MAP}
# Combining marks and tatweel (dropped, and absorbed at the end of a span), then directional/zero-width controls.
_MARKS = "".join(re.escape(c) for c in DIACRITICS + TATWEEL)
_BIDI = "".join(re.escape(c) for c in BIDI_AND_ZERO_WIDTH)
_DELETE_RE = re.compile(f"[{_MARKS}{_BIDI}]")
_TRAILING_MARKS_RE = re.compile(f"[{_MARKS}]*")


@dataclass(frozen=True, slots=True)
class TextView:
    """Normalised text plus the deletion points needed to map its offsets back."""

    original: str
    text: str
    # Normalised position of each deleted run start, and cumulative deleted count up to it.
    _norm_points: tuple[int, ...]
    _shift: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Original offset of the character at normalised offset ``i`` (a span start)."""
        k = bisect_right(self._norm_points, i)
        return i + (self._shift[k - 1] if k else 0)

    def to_original_end(self, j: int) -> int:
        """Original end offset (exclusive) for a normalised span ending at ``j``.

        Diacritics written on the last letter belong to the word, so they are taken into the span.
        """
        if j <= 0:
            return 0
        end = self.to_original(j - 1) + 1
        m = _TRAILING_MARKS_RE.match(self.original, end)
        return m.end() if m else end


# "للعام" is ل + العام with the article's alef elided; writing it "العام" in the view lets every rule
# that expects the article match it (the span then starts on the preposition, one code point early).
_LAM_LAM_RE = re.compile(r"لل(?=\w)")
_LETTERS = tuple((k, v) for k, v in _SUBSTITUTE.items() if not v.isdigit())
_NON_ASCII_DIGIT_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_DIGITS_TABLE = {ord(k): v for k, v in _SUBSTITUTE.items() if v.isdigit()}


def _lam_lam(norm: str) -> str:
    pieces: list[str] = []
    last = 0
    for m in _LAM_LAM_RE.finditer(norm):
        i = m.start()
        # word-initial, or right after a word-initial و/ف conjunction
        j = i - 1 if i and norm[i - 1] in "وف" else i
        if j == 0 or not norm[j - 1].isalnum():
            pieces.append(norm[last:i])
            pieces.append("ال")
            last = i + 2
    if not pieces:
        return norm
    pieces.append(norm[last:])
    return "".join(pieces)


def make_view(text: str) -> TextView:
    """Build the matching view of ``text``; O(n) in C apart from one step per deleted character."""
    # Chained str.replace is several times faster than str.translate with a dict table.
    norm = text
    for old, new in _LETTERS:
        norm = norm.replace(old, new)
    if _NON_ASCII_DIGIT_RE.search(norm):
        norm = norm.translate(_DIGITS_TABLE)
    deletions = _DELETE_RE.search(norm) is not None
    if deletions:
        norm = _DELETE_RE.sub("", norm)
    norm = _lam_lam(norm)
    if not deletions:
        return TextView(text, norm, (), ())
    points: list[int] = []
    shifts: list[int] = []
    for deleted, m in enumerate(_DELETE_RE.finditer(text), start=1):
        # The character following this deletion sits at normalised index m.start() - deleted + 1.
        npos = m.start() - deleted + 1
        if points and points[-1] == npos:
            shifts[-1] = deleted
        else:
            points.append(npos)
            shifts.append(deleted)
    return TextView(text, norm, tuple(points), tuple(shifts))
