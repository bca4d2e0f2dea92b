"""Sentence segmentation for Arabic news.

Boundaries:
- every line break ends a sentence, so headlines and sub-headings without final punctuation stand alone;
- . ! ? ؟ … (and runs of them) end a sentence, together with any closing quotes/brackets that follow;
- not a boundary: a dot between digits (3.5), a dot after a one-letter abbreviation (د. م. أ.) or after a known
  abbreviation (ص.ب, ق.م), a dot inside an open «…» or "…" quote that is not followed by the closing quote.
Spans are trimmed of surrounding whitespace; empty lines produce no sentence.
"""

from __future__ import annotations

import re

from rasad.model import Sentence

_END_RE = re.compile(r"[.!?؟…]+|\.{3}")
_CLOSERS = "»\"'”’)]}>"
_OPENERS = {"«": "»", "“": "”", "(": ")", "[": "]"}
_ABBREVIATIONS = frozenset({"ص", "ق", "م", "د", "أ", "ا", "ج", "ب", "ت", "ه", "هـ", "س", "ط", "ع", "ش", "Dr", "Mr", "St"})
_WS = " \t\r\u00a0\u200e\u200f\u202a\u202b\u202c\u061c\ufeff"


def _previous_word(text: str, end: int) -> str:
    i = end
    while i > 0 and (text[i - 1].isalpha() or "\u064b" <= text[i - 1] <= "\u0652" or text[i - 1] == "\u0640"):
        i -= 1
    return text[i:end]


def _is_boundary(text: str, start: int, end: int) -> bool:
    """Is the punctuation run text[start:end] a sentence end?"""
    run = text[start:end]
    if run == ".":
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before.isdigit() and after.isdigit():
            return False
        word = _previous_word(text, start)
        if (word and len(word.rstrip("\u0640")) == 1) or word in _ABBREVIATIONS:
            return False
        if after and not after.isspace() and after not in _CLOSERS:
            return False  # u.s.a / domain names / 1.2.3
    return True


_QUOTE_RE = re.compile("[«“»”\"]")


class _QuoteState:
    """Open «…»/“…” depth and straight-quote parity of one line, advanced incrementally from boundary to boundary.

    Each boundary check used to rescan the line from its start, which is quadratic on one-paragraph articles;
    only the quote characters matter, so a regex jumps from one to the next.
    """

    __slots__ = ("depth", "pos", "straight")

    def __init__(self, line_start: int) -> None:
        self.depth = 0
        self.straight = 0
        self.pos = line_start

    def advance(self, text: str, pos: int) -> None:
        for m in _QUOTE_RE.finditer(text, self.pos, pos):
            ch = m.group()
            if ch in "«“":
                self.depth += 1
            elif ch in "»”":
                if self.depth:
                    self.depth -= 1
            else:
                self.straight ^= 1
        self.pos = max(self.pos, pos)


def _inside_open_quote(text: str, state: _QuoteState, pos: int) -> bool:
    """True when an «…» or “…” quote opened on this line before `pos` is still open and closes later on the line."""
    state.advance(text, pos)
    if not state.depth and not state.straight:
        return False
    line_end = text.find("\n", pos)
    rest = text[pos : line_end if line_end >= 0 else len(text)]
    return ("»" in rest or "”" in rest) if state.depth else '"' in rest


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []

    def emit(a: int, b: int) -> None:
        while a < b and (text[a].isspace() or text[a] in _WS):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in _WS):
            b -= 1
        if b > a:
            sentences.append(Sentence(a, b))

    line_start = 0
    for line_end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        start = line_start
        quotes = _QuoteState(line_start)
        for m in _END_RE.finditer(text, line_start, line_end):
            if not _is_boundary(text, m.start(), m.end()):
                continue
            end = m.end()
            while end < line_end and text[end] in _CLOSERS:
                end += 1
            if _inside_open_quote(text, quotes, m.start()) and not (end > m.end()):
                continue
            emit(start, end)
            start = end
        emit(start, line_end)
        line_start = line_end + 1
    return sentences
