"""Tokens with clitic segmentation that keep exact offsets into the original text.

A token is a run of letters/digits (diacritics and tatweel included) or a single punctuation mark. Each word token
is then segmented into proclitics (و ف + ب ل ك س + ال, and لل = ل + ال), a stem and a pronoun enclitic, e.g.
لبيونغيانغ → ل + بيونغيانغ, وخسان → و + خسان, قطاره → قطار + ه, while names that merely begin with those letters
(بوتين, لبنان, فلاديفوستوك, وارسو) stay whole.

Why a lexicon decides: the letters و ف ب ل ك are as often part of a word as clitics, and no rule on the letters
alone can tell لبنان (Lebanon) from لبيونغيانغ (to Pyongyang). A split is made only when the remainder is clearly
a word in its own right: more frequent than the whole form in a large news corpus (the shipped vocabulary), or a
known name (the knowledge base) while the whole form is not. Article forms (وال، بال، لل …) are split on shape.
Segmentations are cached per normalised word type, so each distinct word is analysed once per process.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass

from rasad.model import Token
from rasad.text.normalize import REMOVED, normalize_key

_MARKS = "\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200c\u200d"
# A word: letters/digits with internal diacritics/tatweel; a number may carry one decimal/thousands separator group.
_TOKEN_RE = re.compile(
    rf"(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    rf"|(?P<word>[^\W\d_][\w{_MARKS}]*|[\w{_MARKS}]+)"
    rf"|(?P<punct>[^\s\w{_MARKS}])",
)

# Words that begin with clitic-like letters but must never be split (function words and frequent forms).
_NEVER_SPLIT = frozenset(
    normalize_key(w)
    for w in ["الله", "لله", "بالله", "والله", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللاتي", "الا", "الى", "إلى", "الآن", "الان", "ألا", "إلا", "لكن", "لكن", "لكي", "كي", "كان", "كانت", "كانوا", "كل", "كلا", "كما", "كيف", "لم", "لن", "لا", "لو", "ليس", "ليست", "لدى", "لدي", "له", "لها", "لهم", "لنا", "لك", "بين", "بعد", "بعض", "بل", "بها", "به", "بهم", "فيه", "فيها", "في", "فقط", "فوق", "ولا", "وهو", "وهي", "وهم", "ولم", "ولن", "وقد", "وكان", "وكانت", "لقد", "لعل", "كذلك", "لذلك", "ذلك", "هذا", "هذه", "وذلك", "بسبب", "بشأن", "بينما", "بدون", "ضد", "عبر", "سوف", "سوى", "لدى", "ليلة"]
)

_ARTICLE_PREFIXES = ("وبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_LETTER_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "وس", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك")
# First letters of every article/letter prefix: most words start with none of them and skip the prefix loops.
_PREFIX_INITIALS = frozenset(p[0] for p in _ARTICLE_PREFIXES + _LETTER_PREFIXES)

@dataclass(frozen=True, slots=True)
class Segmentation:
    """Character counts of the clitics inside a normalised word: prefix length, suffix length, their labels."""

    prefix_len: int
    suffix_len: int
    prefix: str
    suffix: str
    stem: str | None = None  # the stem's matching key when it differs from the letters (حكومته → حكومه)


_WHOLE = Segmentation(0, 0, "", "")


def _prefix_label(prefix: str) -> str:
    if prefix.endswith("لل"):
        return "+".join([*prefix[:-2], "ل", "ال"])
    if prefix.endswith("ال"):
        return "+".join([*prefix[:-2], "ال"])
    return "+".join(prefix)


class Segmenter:
    """Clitic segmenter driven by corpus frequencies and known names; caches one result per word type."""

    def __init__(self, vocabulary: Mapping[str, int] | None = None, names: Container[str] = frozenset()) -> None:
        self.vocabulary: Mapping[str, int] = vocabulary if vocabulary is not None else {}
        self.names = names
        self._cache: dict[str, Segmentation] = {}
        self.surface_cache: dict[str, tuple[str, str, str, int, int, str, str]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"vocabulary": self.vocabulary, "names": self.names}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["vocabulary"], state["names"])  # type: ignore[misc]

    def _freq(self, word: str) -> int:
        return self.vocabulary.get(word, 0)

    def _is_name(self, word: str) -> bool:
        return word in self.names

    def segment(self, word: str, allow_suffix: bool = True, allow_article: bool = True) -> Segmentation:
        """Segment a normalised word (no diacritics/tatweel).

        `allow_suffix=False` when the surface ends in taa marbuta; `allow_article=False` when the surface spells the
        would-be article with a hamza/madda alef (آلاف، إليه، أليس are not ال + word).
        """
        key = word + ("" if allow_suffix else "\x00") + ("" if allow_article else "\x01")
        cached = self._cache.get(key)
        if cached is None:
            cached = self._segment(word, allow_suffix, allow_article)
            if len(self._cache) < 500_000:
                self._cache[key] = cached
        return cached

    def _known_better(self, rest: str, whole: str) -> bool:
        """True when `rest` is more plausibly the word than `whole` is."""
        if self._is_name(whole):
            return False
        if self._is_name(rest):
            return True
        f_rest = self._freq(rest)
        return f_rest >= 3 and f_rest >= 2 * self._freq(whole) + 1

    def _segment(self, word: str, allow_suffix: bool, allow_article: bool) -> Segmentation:
        if len(word) < 3 or word in _NEVER_SPLIT:
            return _WHOLE
        prefix = ""
        if word[0] not in _PREFIX_INITIALS:
            allow_article = False
        for p in _ARTICLE_PREFIXES if allow_article else ():
            # A bare article needs a 2-letter stem; stacked clitics need 3 (والدة is not و+ال+دة).
            if word.startswith(p) and len(word) - len(p) >= (2 if p == "ال" else 3):
                prefix = p
                break
        if not prefix and word[0] in _PREFIX_INITIALS:
            for p in _LETTER_PREFIXES:
                rest = word[len(p) :]
                if word.startswith(p) and len(rest) >= 2 and self._letter_split_ok(p, rest, word):
                    prefix = p
                    break
        stem = word[len(prefix) :]
        suffix, stem_key = self._suffix(stem) if allow_suffix and (prefix or len(stem) > 3) else ("", None)
        if not prefix and not suffix:
            return _WHOLE
        return Segmentation(len(prefix), len(suffix), _PREFIX_LABELS[prefix], suffix, stem_key)

    def _letter_split_ok(self, prefix: str, rest: str, word: str) -> bool:
        if word in _NEVER_SPLIT:
            return False
        if prefix.endswith("س") and not rest.startswith(("ي", "ت", "ن", "ا")):
            return False  # the future prefix only attaches to imperfect verbs
        if len(prefix) == 2:  # stacked clitics (وب، ول، فل …): the rest must beat both the whole and the inner form
            return self._known_better(rest, word) and self._known_better(rest, word[1:])
        return self._known_better(rest, word)

    def _suffix(self, stem: str) -> tuple[str, str | None]:
        """(pronoun suffix, stem key) of `stem`, or ("", None) when it carries none."""
        if self._is_name(stem):
            return "", None
        for s in _SUFFIXES:
            if stem.endswith(s) and len(stem) - len(s) >= 2:
                base = stem[: -len(s)]
                if base == "ال":
                    continue
                # A pronoun after taa marbuta turns it into taa: حكومته = حكومة + ه.
                candidates = (base, base[:-1] + "ه") if base.endswith("ت") else (base,)
                # Pronoun forms are common in their own right (بلاده is more frequent than بلاد), so the base only
                # has to be a well-attested word, not more frequent than the whole form.
                floor = max(5, self._freq(stem) // 4)
                for c in reversed(candidates):
                    if self._is_name(c) or self._freq(c) >= floor:
                        return s, c
        return "", None


_PREFIX_LABELS = {p: _prefix_label(p) for p in ("", *_ARTICLE_PREFIXES, *_LETTER_PREFIXES)}
_DEFAULT_SEGMENTER = Segmenter()
_MARK_CHARS = "".join(REMOVED)
_STRIP_MARKS = {ord(c): None for c in REMOVED}
_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def iter_raw_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every token in `text`, kind ∈ number | word | punct."""
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        yield m.start(), m.end(), kind


def _stem_offsets(surface: str, start: int, prefix_len: int, suffix_len: int) -> tuple[int, int]:
    """Map clitic lengths measured on the normalised word back onto the surface token (which may hold marks)."""
    kept = [i for i, ch in enumerate(surface) if ch not in REMOVED]
    if not kept:
        return start, start + len(surface)
    s = kept[prefix_len] if prefix_len < len(kept) else len(surface)
    e = kept[len(kept) - suffix_len - 1] + 1 if suffix_len else len(surface)
    return start + s, start + e


def _article_alef_is_plain(bare: str) -> bool:
    """False when the first alef of a would-be article carries hamza or madda (آلاف، إليه، وأليس)."""
    i = bare.find("ل")
    return not (i > 0 and bare[i - 1] in "آأإ")


_Analysed = tuple[str, str, str, int, int, str, str]  # kind, norm, stem, stem offsets (relative), prefix, suffix


def _analyse(surface: str, kind: str, seg: Segmenter) -> _Analysed:
    norm = normalize_key(surface)
    if kind == "word":
        if _ARABIC_RE.search(norm) is None:
            return ("latin", norm, norm, 0, len(surface), "", "")
        bare = surface.translate(_STRIP_MARKS)
        sg = seg.segment(norm, allow_suffix=not bare.endswith("ة"), allow_article=_article_alef_is_plain(bare))
        if sg.prefix_len or sg.suffix_len:
            s, e = _stem_offsets(surface, 0, sg.prefix_len, sg.suffix_len)
            stem = sg.stem or norm[sg.prefix_len : len(norm) - sg.suffix_len]
            return (kind, norm, stem, s, e, sg.prefix, sg.suffix)
    return (kind, norm, norm, 0, len(surface), "", "")


def tokenize(text: str, segmenter: Segmenter | None = None) -> list[Token]:
    """Tokenise `text` into Tokens with clitic segmentation; offsets index into `text` itself.

    The analysis of a surface form (normalisation, segmentation, stem offsets) is cached on the segmenter, so a
    word seen before costs one dict lookup.
    """
    seg = segmenter or _DEFAULT_SEGMENTER
    cache = seg.surface_cache
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        info = cache.get(surface)
        if info is None:
            info = _analyse(surface, m.lastgroup or "punct", seg)
            if len(cache) < 500_000:
                cache[surface] = info
        start = m.start()
        kind, norm, stem, rs, re_, prefix, suffix = info
        append(Token(start, start + len(surface), surface, kind, norm, stem, start + rs, start + re_, prefix, suffix))
    return tokens
