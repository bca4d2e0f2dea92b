"""Trigger matching: one pass over the tokens with dictionary look-ups (no per-token regex).

Each distinct normalised word is analysed once per process (`_analyse`, cached): the whole form is looked up
first, then the tokenizer's stem, then forms with proclitics removed. Which senses a stripped form may take
depends on the clitic: an article or ب/ك only goes with nouns (so الفجر "the dawn" never matches the verb فجّر),
س only with imperfect verbs, ل with nouns and imperfect verbs, و/ف with anything. Pronoun enclitics are
removed the same way (زيارته، قتلهم).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from rasad.events.lexicon import Lexicon, Phrase, TriggerEntry
from rasad.model import Token
from rasad.text.normalize import REMOVED

GAP_TOKENS = 5
CLAUSE_PUNCT = frozenset("،,؛;.!?:()[]{}")

# (proclitic, which senses the remainder may take) — longest first.
_PROCLITICS: tuple[tuple[str, str], ...] = (
    ("وبال", "noun"),
    ("وال", "noun"),
    ("فال", "noun"),
    ("بال", "noun"),
    ("كال", "noun"),
    ("ولل", "noun"),
    ("فلل", "noun"),
    ("لل", "noun"),
    ("ال", "noun"),
    ("وس", "impf"),
    ("فس", "impf"),
    ("ول", "noun_impf"),
    ("فل", "noun_impf"),
    ("وب", "noun"),
    ("فب", "noun"),
    ("وك", "noun"),
    ("س", "impf"),
    ("و", "any"),
    ("ف", "any"),
    ("ب", "noun"),
    ("ل", "noun_impf"),
    ("ك", "noun"),
)
# Second-person pronouns are left out: they hardly attach to news verbs and make هناك = هنا + ك.
_ENCLITICS = ("هما", "هم", "هن", "ها", "نا", "ه")


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A matched trigger: token range, the character span reported as the trigger, candidate senses."""

    first: int
    last: int
    start: int
    end: int
    senses: tuple[TriggerEntry, ...]
    tail: int = -1  # token index of the object word of a verb + … + object phrase (-1: none)


def _allowed(entry: TriggerEntry, kind: str) -> bool:
    if kind == "any":
        return True
    verbal = entry.pos == "verb" or (entry.pos == "phrase" and entry.frame != "noun")
    if kind == "noun":
        return not verbal
    if kind == "impf":
        return verbal and entry.imperfect
    return (not verbal) or entry.imperfect  # noun_impf


def _final(token: Token) -> str:
    """ "h" when the word's last letter is a real ه, "t" when it is ة (diacritics and tatweel aside)."""
    for ch in reversed(token.text):
        if ch not in REMOVED:
            return "h" if ch == "ه" else "t" if ch == "ة" else ""
    return ""


def _stem_kind(norm: str, stem: str) -> str:
    """Which senses the tokenizer's stem may take, from the proclitics it removed."""
    prefix = norm[: norm.find(stem)] if stem and stem in norm else ""
    if "ال" in prefix or "ب" in prefix or "ك" in prefix:
        return "noun"
    if prefix.endswith("س"):
        return "impf"
    if "ل" in prefix:
        return "noun_impf"
    return "any"


def _variants(word: str, taa: bool = False) -> list[str]:
    """`word` and `word` without a pronoun enclitic (taa marbuta restored: زيارته → زياره)."""
    out = [word]
    for s in _ENCLITICS:
        if taa and s == "ه":
            continue
        if word.endswith(s) and len(word) - len(s) >= 3:
            base = word[: -len(s)]
            out.append(base)
            if base.endswith("ت"):
                out.append(base[:-1] + "ه")
            break
    return out


@dataclass(frozen=True, slots=True)
class _WordInfo:
    senses: tuple[TriggerEntry, ...]
    phrases: tuple[Phrase, ...]
    keys: frozenset[str]  # forms used to match phrase tails
    clitic: int  # normalised letters of proclitic before the matched form; -1: use the tokenizer's stem start


_NOT_A_TRIGGER = _WordInfo((), (), frozenset(), 0)


def _lexicon_strings(lexicon: Lexicon) -> set[str]:
    """Every form a word's analysis can be compared with: trigger forms, phrase heads and phrase tail words."""
    strings = set(lexicon.forms) | set(lexicon.phrases)
    for phrases in lexicon.phrases.values():
        for phrase in phrases:
            for alternatives in phrase.tail:
                strings |= alternatives
    return strings


def _substring_automaton(strings: Iterable[str]) -> ahocorasick.Automaton:
    """Finds any of `strings` inside a word; a form ending in ه is also sought with ت (زيارت|ها → زياره)."""
    automaton = ahocorasick.Automaton()
    for s in strings:
        automaton.add_word(s, 0)
        if s.endswith("ه"):
            automaton.add_word(s[:-1] + "ت", 0)
    automaton.make_automaton()
    return automaton


class TriggerMatcher:
    """Finds trigger hits in a token sequence with a precompiled `Lexicon`."""

    def __init__(self, lexicon: Lexicon, vocabulary: Mapping[str, int] | None = None) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self._cache: dict[tuple[str, str, str], _WordInfo] = {}
        forms = set(lexicon.forms) | set(lexicon.phrases)
        self.trigger_forms = frozenset(forms)
        # Forms that are only ever event nouns (هجوم، تفجير): an actor word right after one is its adjective.
        self.noun_forms = frozenset(
            f for f, senses in lexicon.forms.items() if all(e.pos == "noun" for e in senses)
        )
        # Every candidate `_analyse` tries is a substring of the word (or one ending in ت read as ه), so a word
        # that contains no lexicon string cannot match anything: one automaton scan rejects it (most words are
        # not triggers, and building their candidates dominated a fresh process's event stage).
        self._lexicon_substrings = _substring_automaton(_lexicon_strings(lexicon))

    def _cannot_match(self, word: str) -> bool:
        return next(self._lexicon_substrings.iter(word), None) is None

    def _analyse(self, norm: str, stem: str, final: str = "") -> _WordInfo:
        """Senses, phrases and matching keys of a word; `final` is "h" when it ends in a real ه, "t" in ة."""
        real_h = final == "h"
        key = (norm, stem, final)
        info = self._cache.get(key)
        if info is not None:
            return info
        if self._cannot_match(norm) and (stem in norm or self._cannot_match(stem)):
            if len(self._cache) < 300_000:
                self._cache[key] = _NOT_A_TRIGGER
            return _NOT_A_TRIGGER
        taa = final == "t"  # طلبة is not طلب + ه
        candidates: list[tuple[str, str, int]] = [(v, "any", 0) for v in _variants(norm, taa)]
        if stem != norm:
            candidates.append((stem, _stem_kind(norm, stem), -1))
        for clitic, kind in _PROCLITICS:
            if norm.startswith(clitic) and len(norm) - len(clitic) >= 2 and self._may_strip(norm, clitic):
                candidates += [(v, kind, len(clitic)) for v in _variants(norm[len(clitic) :], taa)]
        if real_h:
            # Written with a real ه (مساعده "his assistant"), the word cannot be a taa-marbuta form (مساعدة).
            candidates = [c for c in candidates if not c[0].endswith("ه") or c[0] in self.lexicon.real_h]
        forms, phrases = self.lexicon.forms, self.lexicon.phrases
        senses: tuple[TriggerEntry, ...] = ()
        found_phrases: tuple[Phrase, ...] = ()
        strip = 0
        for cand, kind, n_clitic in candidates:
            if not senses and cand in forms:
                senses = tuple(e for e in forms[cand] if _allowed(e, kind))
                if senses and not found_phrases:
                    strip = n_clitic
            if not found_phrases and cand in phrases:
                found_phrases = tuple(p for p in phrases[cand] if _allowed(p.entry, kind))
                if found_phrases and not senses:
                    strip = n_clitic
        keys = frozenset(c for c, _, _ in candidates)
        info = _WordInfo(senses, found_phrases, keys, strip)
        if len(self._cache) < 300_000:
            self._cache[key] = info
        return info

    def _may_strip(self, norm: str, clitic: str) -> bool:
        """Strip و/ف only when the whole form is not itself the likelier word (وزارة is not و + زارة)."""
        if self.vocabulary is None or "ال" in clitic or clitic in ("س", "ب", "ك", "ل"):
            return True
        whole = self.vocabulary.get(norm, 0)
        # و + verb is itself frequent (واصيب 560 vs أصيب 431), a word is not (وزارة 6333 vs زارة 11).
        return whole < 50 or 4 * self.vocabulary.get(norm[len(clitic) :], 0) >= whole

    def info(self, token: Token) -> _WordInfo:
        norm = token.norm
        final = _final(token) if norm[-1:] == "ه" else ""
        info = self._cache.get((norm, token.stem, final))
        return info if info is not None else self._analyse(norm, token.stem, final)

    def head_start(self, token: Token) -> int:
        """Original offset where the matched form starts inside `token` (after its proclitics)."""
        strip = self.info(token).clitic
        if strip < 0:
            return token.stem_start
        if strip == 0:
            return token.start
        seen = 0
        for k, ch in enumerate(token.text):
            if ch in REMOVED:
                continue
            if seen == strip:
                return token.start + k
            seen += 1
        return token.start

    def keys(self, token: Token) -> frozenset[str]:
        return self.info(token).keys

    def _match_tail(self, tokens: Sequence[Token], i: int, phrase: Phrase) -> int:
        """Index of the last tail token when `phrase` matches at head `i`, else -1."""
        n = len(tokens)
        starts = range(i + 1, min(n, i + 2 + GAP_TOKENS)) if phrase.gap else range(i + 1, i + 2)
        for s in starts:
            if s >= n:
                return -1
            tok = tokens[s]
            if tok.kind == "punct" and tok.text in CLAUSE_PUNCT:
                return -1
            k = s
            ok = True
            for alternatives in phrase.tail:
                if k >= n or not (self.keys(tokens[k]) & alternatives):
                    ok = False
                    break
                k += 1
            if ok:
                return k - 1
        return -1

    def find(self, tokens: Sequence[Token]) -> list[TriggerHit]:
        hits: list[TriggerHit] = []
        consumed: set[int] = set()
        n = len(tokens)
        for i in range(n):
            tok = tokens[i]
            if tok.kind != "word" or i in consumed:
                continue
            info = self.info(tok)
            if not info.senses and not info.phrases:
                continue
            matched = False
            for phrase in info.phrases:
                last = self._match_tail(tokens, i, phrase)
                if last < 0:
                    continue
                matched = True
                consumed.update(range(i, last + 1) if not phrase.gap else (i, last))
                if not phrase.entry.stop:
                    end = tok.end if phrase.gap else tokens[last].end
                    hits.append(
                        TriggerHit(
                            i,
                            last if not phrase.gap else i,
                            self.head_start(tok),
                            end,
                            (phrase.entry,),
                            last if phrase.gap else -1,
                        )
                    )
                break
            if matched or not info.senses:
                continue
            nxt = tokens[i + 1].norm if i + 1 < n else ""
            senses = tuple(e for e in info.senses if nxt not in e.block_next)
            if senses:
                hits.append(TriggerHit(i, i, self.head_start(tok), tok.end, senses))
        return hits
