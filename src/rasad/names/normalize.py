"""Character normalisation for the Arabic → Latin name renderer, shared by training and inference.

Unlike `rasad.text.normalize` (which folds hamza forms and taa marbuta for matching), the renderer keeps every
distinction that changes the pronunciation: أ (a/u) and إ (i) stay apart, ة stays distinct from ه (a vs h),
ى stays distinct from ي. Only noise is removed: diacritics, tatweel, bidi/zero-width marks, and presentation
forms (folded by NFKC). Letters of Persian/Urdu/Maghrebi orthography are mapped to the nearest Arabic letter the
model was trained on.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_DIACRITICS = (
    "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(chr(c) for c in range(0x06D6, 0x06EE))
)
_NOISE = (
    _DIACRITICS + "\u0640" + "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\ufeff\u00ad"
)

# Letters outside standard Arabic, mapped to what an Arabic writer would use for the same sound.
_VARIANT_LETTERS = {
    "ی": "ي",  # Persian yeh
    "ې": "ي",
    "ے": "ي",
    "ک": "ك",  # keheh
    "ڪ": "ك",
    "ہ": "ه",  # Urdu heh goal
    "ھ": "ه",  # heh doachashmee
    "ە": "ه",
    "ۀ": "ة",
    "ٱ": "ا",  # alef wasla
    "ٲ": "أ",
    "ٳ": "إ",
    "گ": "غ",  # g: Arabic writers use غ (or ج) for foreign g
    "ڨ": "ق",  # Maghrebi g
    "ڭ": "غ",
    "پ": "ب",  # p
    "چ": "ج",  # ch (Persian); Arabic writes تش, the model knows ج best for a single letter
    "ڤ": "ف",  # v
    "ڥ": "ف",
    "ژ": "ج",
}

_ARABIC_TABLE: dict[int, str | None] = {ord(c): None for c in _NOISE}
_ARABIC_TABLE.update({ord(k): v for k, v in _VARIANT_LETTERS.items()})
# Digits and punctuation leave the Arabic block so that they pass through rendering unchanged.
_ARABIC_TABLE.update({0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)})
_ARABIC_TABLE.update({ord("،"): ",", ord("؛"): ";", ord("؟"): "?", ord("٫"): ".", ord("٬"): ","})

# Letters the model reads. Anything else inside an Arabic word is dropped before encoding.
ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
_ARABIC_LETTER_SET = frozenset(ARABIC_LETTERS)

# Latin letters that NFKD does not decompose into a base letter + combining mark.
_LATIN_SPECIAL = {
    "ø": "o",
    "ł": "l",
    "ı": "i",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ħ": "h",
}

_ARABIC_RUN = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")


def normalize_arabic(text: str) -> str:
    """NFKC (folds presentation forms), strip diacritics/tatweel/bidi marks, map variant letters and digits."""
    return unicodedata.normalize("NFKC", text).translate(_ARABIC_TABLE)


def model_letters(word: str) -> str:
    """The subsequence of `word` (already normalised) that the model can read."""
    return "".join(c for c in word if c in _ARABIC_LETTER_SET)


def has_arabic(text: str) -> bool:
    return _ARABIC_RUN.search(text) is not None


def split_script_runs(token: str) -> list[tuple[bool, str]]:
    """Split a token into (is_arabic, text) runs, so "ب52" renders the letters and keeps the digits."""
    runs: list[tuple[bool, str]] = []
    pos = 0
    for match in _ARABIC_RUN.finditer(token):
        if match.start() > pos:
            runs.append((False, token[pos : match.start()]))
        runs.append((True, match.group()))
        pos = match.end()
    if pos < len(token):
        runs.append((False, token[pos:]))
    return runs


def fold_latin(text: str) -> str:
    """Lower-case ASCII letters only: accents removed (é → e, ć → c), special letters spelled out (ß → ss)."""
    lowered = text.lower()
    spelled = "".join(_LATIN_SPECIAL.get(c, c) for c in lowered)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(c for c in decomposed if "a" <= c <= "z")


def fold_for_comparison(text: str) -> str:
    """Case- and accent-insensitive form used by the evaluator; keeps spaces, hyphens and apostrophes."""
    lowered = "".join(_LATIN_SPECIAL.get(c, c) for c in text.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
