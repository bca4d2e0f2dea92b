"""Finding KB names in a document: one automaton pass over a token view, clitic-aware boundaries, longest wins.

The view is the tokens' normalised forms joined by single spaces, so a name matches across any run of spaces or
a line break, and every position of the view maps back to a token. A match must end at a token's end and start
either at a token's start, at its stem (after proclitics: وروسيا، لبيونغيانغ), at its article (والبيت الأبيض) or,
for the elided-article keys, at the second ل of لل (للبيت الأبيض) — that mention then starts at the stem
(بيت الأبيض, like the token's stem span; see docs/kb.md "Elided article"). Where the tokenizer did not split a prefix
(a name it did not know), one or two clitic letters are still skipped when the rest is a known name of 4+ letters
or of several words (وأم درمان).
Among overlapping matches the longest is kept (ties: the earliest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasad.kb.index import KnowledgeBase
from rasad.model import Token
from rasad.text.normalize import REMOVED, normalize_key

_CLITIC_LETTERS = frozenset("وفبلك")


@dataclass(frozen=True, slots=True)
class RawMatch:
    start: int  # original offsets of the name (clitics excluded)
    end: int
    first: int  # token indexes, inclusive
    last: int
    key: str  # the KB key that matched (elided keys are reported by their full form)
    kind: str  # name | nisba | fuzzy
    entity_ids: tuple[str, ...] = ()

    @property
    def length(self) -> int:
        return self.end - self.start


def original_index(surface: str, k: int) -> int:
    """Offset inside `surface` of its k-th kept (not REMOVED) character."""
    seen = 0
    for i, ch in enumerate(surface):
        if ch in REMOVED:
            continue
        if seen == k:
            return i
        seen += 1
    return len(surface)


class TokenView:
    """The space-joined normalised view of a token sequence, with position ↔ token maps."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        parts: list[str] = []
        self.starts: dict[int, int] = {}
        self.ends: dict[int, int] = {}
        self.token_pos: list[int] = []
        pos = 0
        for i, tok in enumerate(tokens):
            if not tok.norm:  # a token of marks only (a stray RLM): no place in the view
                self.token_pos.append(pos)
                continue
            if parts:
                pos += 1
            self.token_pos.append(pos)
            self.starts[pos] = i
            parts.append(tok.norm)
            pos += len(tok.norm)
            self.ends[pos] = i
        self.text = " ".join(parts)

    def token_at(self, pos: int) -> int | None:
        """Index of the token containing view position `pos` (binary search)."""
        lo, hi = 0, len(self.token_pos) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.token_pos[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo if self.token_pos else None


def _prefix_chars(tok: Token) -> int:
    """Number of normalised characters before the token's stem."""
    if tok.stem_start == tok.start:
        return 0
    return len(normalize_key(tok.text[: tok.stem_start - tok.start]))


def start_offset(tok: Token, k: int) -> int:
    return tok.start + original_index(tok.text, k)


def _start_ok(kb: KnowledgeBase, tok: Token, k: int, elided: bool, key: str, key_len: int) -> bool:
    """May a name (of `key_len` view chars) start `k` normalised characters into `tok`?"""
    if k == 0:
        return not elided
    p = _prefix_chars(tok)
    label = tok.prefix
    if elided:
        return label.endswith("ل+ال") and k == p - 1
    if label.endswith("ال"):
        # The article belongs to the name (والبيت الأبيض → البيت الأبيض); a name without it (مصفح) does not
        # match after an article (المصفح is an adjective, الروسي has its own key).
        return k == p - 2
    if k == p:
        return True
    if not label and k <= 2 and tok.norm[0] in "وف" and all(c in _CLITIC_LETTERS for c in tok.norm[:k]):
        # The tokenizer kept the word whole: skip a conjunction (and one more clitic) only before a known name
        # of 4+ letters that is not the whole word and not only a geonames town (كورونا is not ك + ورونا).
        if key in kb.nisbas:
            return True
        if " " in key and len(key.split(" ")[0]) >= 2:
            # وأم درمان: the tokenizer kept وأم whole (وام is also an agency's acronym), but a name of two or more
            # words, the next ones written in full, vouches for itself, even a geonames-only one.
            return True
        trusted = any(kb.entries[i].source != "geonames" for i in kb.names.get(key, ()))
        return key_len >= 4 and tok.norm not in kb.names and trusted
    return False


def find_matches(kb: KnowledgeBase, tokens: Sequence[Token], view: TokenView | None = None) -> list[RawMatch]:
    """All KB name and nisba matches of the token sequence, non-overlapping, sorted by start."""
    view = view or TokenView(tokens)
    found: list[RawMatch] = []
    for end_pos, (key, elided) in kb.automaton.iter(view.text):
        end = end_pos + 1
        last = view.ends.get(end)
        if last is None:
            continue
        length = len(key) - 1 if elided else len(key)
        start = end - length
        first = view.token_at(start)
        if first is None:
            continue
        k = start - view.token_pos[first]
        tok = tokens[first]
        if not _start_ok(kb, tok, k, elided, key, length):
            continue
        ids = kb.names.get(key, ())
        kind = "name" if ids else "nisba"
        # للبيت الأبيض: the span starts at the stem (بيت الأبيض), where the token's stem and the claims' source
        # spans start too; the article's lam is shared with the preposition and belongs to neither alone.
        begin = start_offset(tok, k + 1) if elided else start_offset(tok, k)
        found.append(RawMatch(begin, tokens[last].end, first, last, key, kind, ids))
    return select_longest(found)


def select_longest(matches: list[RawMatch]) -> list[RawMatch]:
    """Non-overlapping subset preferring longer matches, then earlier ones; sorted by start."""
    chosen: list[RawMatch] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-m.length, m.start)):
        if all(m.end <= s or m.start >= e for s, e in taken):
            chosen.append(m)
            taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


def _countries(kb: KnowledgeBase, word: str) -> frozenset[str]:
    """Countries a word names: a nisba's (الصيني → CN) or a country's own name (الصين → CN)."""
    nisba = kb.nisbas.get(word)
    if nisba is not None:
        return frozenset(nisba.countries)
    return frozenset(
        kb.entries[i].country or "" for i in kb.names.get(word, ()) if kb.entries[i].kind == "country"
    ) - {""}


def is_other_word(kb: KnowledgeBase, name_word: str, written: str) -> bool:
    """Is `written`, one edit away from a KB name's word, another real word rather than a typo of it?
    A nisba or country name of another country (الصربي for العربي, الكوري for السوري) is; so is any word frequent
    in news (العمل for العدل: kb.frequent_words) — a typo is rare. A nisba of the name word's own country is a slip
    of agreement or form (وزارة الدفاع الصيني, تلفزيون الصيني المركزي), still the name, and so is the other gender
    of the same adjective (منظمة الطيران المدني الدولية for … الدولي) or the nisba of the name's noun (البنك
    الشعبي الصيني for البنك الشعب …)."""
    if written + "ه" == name_word or name_word + "ه" == written or written == name_word + "ي":
        return False
    written_countries = _countries(kb, written)
    if written_countries:
        return not written_countries & _countries(kb, name_word)
    return written in kb.frequent_words


def _single_typo(kb: KnowledgeBase, words: tuple[str, ...], tokens: Sequence[Token], i: int) -> bool:
    """Do tokens i+1… spell words[1:] with exactly one one-edit typo in a word of 5+ letters (a typo, not another
    real word: `is_other_word`)?"""
    typo = False
    for w, tok in zip(words[1:], tokens[i + 1 : i + len(words)], strict=True):
        if w == tok.norm:
            continue
        if typo or len(w) < 5 or not _one_edit(w, tok.norm) or is_other_word(kb, w, tok.norm):
            return False
        typo = True
    return typo


def find_fuzzy(kb: KnowledgeBase, tokens: Sequence[Token], taken: list[tuple[int, int]]) -> list[RawMatch]:
    """Multi-word organisation names with one misspelt long word (وكالة الأنباء الفرنسة → AFP)."""
    found: list[RawMatch] = []
    index, heads = kb.fuzzy_index, kb.fuzzy_heads
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or i + 2 >= n:
            continue
        article = "ال" + tok.stem if tok.prefix.endswith("ال") else ""
        if tok.norm not in heads and tok.stem not in heads and article not in heads:
            continue
        for head in {tok.norm, tok.stem, article} - {""}:
            candidates = index.get((head, 1, tokens[i + 1].norm), []) + index.get(
                (head, 2, tokens[i + 2].norm), []
            )
            for words, entity_id in dict.fromkeys(candidates):
                j = i + len(words) - 1
                if j >= n or not _single_typo(kb, words, tokens, i):
                    continue
                if head == tok.norm:
                    start = tok.start
                elif head == article:
                    start = start_offset(tok, _prefix_chars(tok) - 2)
                else:
                    start = tok.stem_start
                if any(not (tokens[j].end <= s or start >= e) for s, e in taken):
                    continue
                found.append(RawMatch(start, tokens[j].end, i, j, " ".join(words), "fuzzy", (entity_id,)))
    return select_longest(found)
