"""Arabic word-level helpers for the NER features: orthographic normalisation, clitic stripping, word shape.

The tagger sees tokens as a whitespace/punctuation tokenizer leaves them, so proclitics (و ف ب ل ك ال لل) and
pronoun suffixes are still attached. These helpers derive the bare stem so that "وبوتين", "لبوتين" and "بوتين"
share features. Everything here works on one word with plain string operations (no regex per token) because
it runs once per word type inside the tagger's feature cache.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Diacritics (harakat, tanwin, shadda, sukun, superscript alef) and tatweel carry no identity for names.
_DROP = dict.fromkeys(map(ord, "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"))
_FOLD = {ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ى"): "ي", ord("ة"): "ه"}
_TABLE = {**_DROP, **_FOLD}
# Eastern Arabic and Persian digits behave like ASCII digits for shape purposes.
_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_DIGIT_SET = frozenset(_DIGITS)

# Conjunctions first, then one preposition, then the article: و+ب+ال+... (normalised forms).
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
# Pronoun suffixes, longest first so that "هما" wins over "ها"; normalised (ة→ه is irrelevant here).
_PRON_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي")

_TOKEN_RE = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+(?:[.,٫][0-9٠-٩]+)*|[^\w\s]", re.UNICODE)


def normalize(word: str) -> str:
    """Fold alef/ya/ta-marbuta variants and drop diacritics and tatweel (the form used for all lookups)."""
    return word.translate(_TABLE)


def _strip_article(clitics: list[str], rest: str) -> tuple[str, str]:
    if len(rest) > 4 and rest.startswith("لل") and (not clitics or clitics[-1] not in _PREP):
        # ل + ال with the alef elided: "للرئيس" = ل + الرئيس
        return "+".join([*clitics, "ل+ال"]), rest[2:]
    if len(rest) > 3 and rest.startswith("ال"):
        return "+".join([*clitics, "ال"]), rest[2:]
    return "+".join(clitics), rest


def split_proclitics(norm: str, counts: Mapping[str, int] | None = None) -> tuple[str, str]:
    """Split a normalised word into (proclitic string, stem), e.g. "وبالعاصمه" -> ("و+ب+ال", "عاصمه").

    Conjunction and preposition letters are ambiguous with a name's first letter ("بوتين", "لندن",
    "فرنسا"), so they are only removed when the evidence supports it: with corpus `counts`, the analysis
    whose remainder is most frequent wins (the whole word keeps priority unless a split form is twice as
    frequent); for a word the counts do not know, only a conjunction و and clitics before the article
    are removed. The article itself is always split off. The CRF also sees the unsplit word.
    """
    candidates: list[tuple[list[str], str]] = [([], norm)]
    rest = norm
    clitics: list[str] = []
    if len(rest) > 3 and rest[0] in _CONJ:
        clitics = [rest[0]]
        rest = rest[1:]
        candidates.append((clitics, rest))
    if len(rest) > 3 and rest[0] in _PREP and not rest.startswith("لل"):
        candidates.append(([*clitics, rest[0]], rest[1:]))
    chosen = candidates[0]
    if counts is not None and any(counts.get(c[1], 0) for c in candidates):
        best = counts.get(norm, 0)
        for cand in candidates[1:]:
            count = counts.get(cand[1], 0)
            if count > 2 * best:
                chosen, best = cand, count
    else:
        for cand in candidates[1:]:
            remainder = cand[1]
            if cand[0] == ["و"] or remainder.startswith("ال"):
                chosen = cand
    return _strip_article(chosen[0], chosen[1])


def strip_pronoun_suffix(stem: str) -> str:
    """Drop one attached pronoun (e.g. "رئيسها" -> "رئيس") when at least three letters remain."""
    for suffix in _PRON_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    return stem


def word_shape(word: str) -> str:
    """A coarse class: ARABIC, LATIN, DIGIT, MIXED-with-digits, PUNCT or OTHER."""
    has_digit = has_arabic = has_latin = False
    for ch in word:
        if ch in _DIGIT_SET:
            has_digit = True
        elif ch.isalpha() and ("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"):
            has_arabic = True
        elif ch.isascii() and ch.isalpha():
            has_latin = True
    if has_digit:
        return "DIGIT" if not (has_arabic or has_latin) else "ALNUM"
    if has_arabic:
        return "LATIN+AR" if has_latin else "ARABIC"
    if has_latin:
        return "LATIN_CAP" if word[0].isupper() else "LATIN"
    if all(not ch.isalnum() for ch in word):
        return "PUNCT"
    return "OTHER"


def tokenize(text: str) -> list[str]:
    """Split on whitespace and separate punctuation, keeping clitics attached (like ANERcorp's tokens)."""
    return _TOKEN_RE.findall(text)


def keys_from_split(norm: str, clitics: str, stem: str) -> tuple[str, ...]:
    """Lookup keys from an existing `split_proclitics` result (see `lookup_keys`)."""
    if not clitics:
        return (norm,)
    keys = [norm]
    if clitics.endswith("ال"):
        with_article = "ال" + stem
        if with_article != norm:
            keys.append(with_article)
    if stem != norm:
        keys.append(stem)
    return tuple(keys)


def lookup_keys(word: str, counts: Mapping[str, int] | None = None) -> tuple[str, ...]:
    """Normalised forms to try, most specific first, when looking a word up in a lexicon or cluster map:
    the word itself, the word without conjunction/preposition (article kept), and the bare stem."""
    norm = normalize(word)
    clitics, stem = split_proclitics(norm, counts)
    return keys_from_split(norm, clitics, stem)
