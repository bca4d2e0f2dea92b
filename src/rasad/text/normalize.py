"""Normalised views of Arabic text for matching and search, with a map back to original offsets.

The stored document text is never changed: every function here returns a *derived* string. `normalize()` keeps an
offset map so a match found in the normalised view can be reported as a span of the original text.

What is unified (all of it is noise for matching, none of it changes which word is meant):
- diacritics (tashkeel, superscript alef, Quranic marks) and tatweel are removed;
- bidi and zero-width marks (LRM, RLM, ALM, embeddings, isolates, ZWJ/ZWNJ, BOM) are removed;
- alef with hamza/madda/wasla → bare alef; alef maqsura → yaa; taa marbuta → haa; Persian yeh/keheh → Arabic;
- Arabic-Indic and Persian digits → ASCII digits; the Arabic decimal/thousands separators → '.' and ',';
- NBSP and the other Unicode spaces → ' '.
Each kept character maps to exactly one output character, so the map is a plain index array.
"""

from __future__ import annotations

from dataclasses import dataclass

# Arabic combining marks: honorific signs (U+0610–061A), harakat/tanween/shadda/sukun (U+064B–065F), superscript alef and
# the Quranic annotation marks (the small letters ۥ ۦ and the end-of-ayah/rub-el-hizb signs are not marks and stay).
DIACRITICS = "".join(chr(c) for c in range(0x0610, 0x061B)) + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9)
)
TATWEEL = "\u0640"
BIDI_AND_ZERO_WIDTH = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
)
REMOVED = frozenset(DIACRITICS + TATWEEL + BIDI_AND_ZERO_WIDTH)
_TRAILING_MARKS = frozenset(DIACRITICS)

LETTER_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # keheh
    "ۀ": "ه",
    "ە": "ه",
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
}
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# Arabic-Indic and Extended Arabic-Indic (Persian/Urdu) digits → ASCII.
DIGIT_MAP = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

_TABLE: dict[int, str | None] = {ord(c): None for c in REMOVED}
_TABLE.update({ord(k): v for k, v in LETTER_MAP.items()})
_TABLE.update({ord(s): " " for s in _SPACES})
_TABLE.update({ord(k): v for k, v in DIGIT_MAP.items()})


def normalize_key(text: str) -> str:
    """The normalised form of `text`, without an offset map (fast path for lookups and search keys)."""
    return text.translate(_TABLE)


def word_set(words: str) -> frozenset[str]:
    """Match keys (`normalize_key`) of a space-separated word list — for the small authored closed lists."""
    return frozenset(normalize_key(w) for w in words.split())


def fold_digits(text: str) -> str:
    """Only Arabic-Indic/Persian digits → ASCII; same length as the input, so offsets are unchanged."""
    return text.translate(_DIGIT_TABLE)


_DIGIT_TABLE = {ord(k): v for k, v in DIGIT_MAP.items()}


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised view of `original`; `offsets[i]` is the original index of normalised character `i`.

    `offsets` has one extra trailing entry (len(original)) so that exclusive end offsets map too.
    `offsets` is None when nothing was removed (the map is then the identity).
    """

    original: str
    text: str
    offsets: tuple[int, ...] | None

    def to_original(self, index: int) -> int:
        """Original offset of normalised offset `index` (0 ≤ index ≤ len(text))."""
        if self.offsets is None:
            return index
        return self.offsets[index]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end).

        The end extends over diacritics that follow the last kept character (they belong to that letter), but not
        over bidi marks or spaces.
        """
        if self.offsets is None:
            return start, end
        if end <= start:
            s = self.offsets[start]
            return s, s
        e = self.offsets[end - 1] + 1
        original = self.original
        while e < len(original) and original[e] in _TRAILING_MARKS:
            e += 1
        return self.offsets[start], e


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching and return the view together with its offset map."""
    out = text.translate(_TABLE)
    if len(out) == len(text):
        return Normalized(text, out, None)
    kept = [i for i, ch in enumerate(text) if ch not in REMOVED]
    kept.append(len(text))
    return Normalized(text, out, tuple(kept))


_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("ٱپچژگکیۀە")


def is_arabic_letter(ch: str) -> bool:
    return ch in _ARABIC_LETTERS


def arabic_ratio(text: str) -> float:
    """Share of letters in `text` that are Arabic (0 when the text has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c in _ARABIC_LETTERS) / len(letters)
