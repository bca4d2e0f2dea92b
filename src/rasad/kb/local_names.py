"""Names of entities the KB does not know: a stable local id and an English rendering."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping

from rasad.kb.index import match_key
from rasad.text.normalize import normalize_key


def romanize(arabic: str, known: Mapping[str, str] | None = None) -> str:
    """English name of an unknown Arabic name.

    Words that KB person names already spell in English (`known`: محمد → Mohammed) take that spelling; runs of
    other words go to the names renderer (rasad.names.render) when installed, else to a letter map.
    """
    known = known or {}
    pieces: list[str] = []
    run: list[str] = []
    for word in [*arabic.split(), ""]:
        english = known.get(normalize_key(word)) if word else None
        if english is None and word:
            run.append(word)
            continue
        if run:
            pieces.append(_render(" ".join(run)))
            run = []
        if english:
            pieces.append(english)
    return " ".join(p for p in pieces if p)


@functools.lru_cache(maxsize=50_000)
def _render(arabic: str) -> str:
    """One run of words through the renderer, cached for the process (the renderer costs ~5 ms a new word)."""
    try:
        from rasad.names.render import render_name

        return render_name(arabic)
    except Exception:  # the renderer or its model may be missing; a rough rendering beats none
        return _letter_romanize(arabic)


_ROMAN = "a b t th j h kh d dh r z s sh s d t z ' gh f q k l m n h w y a a ' a i a ' '"
_LETTERS = dict(
    zip(
        "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ",
        _ROMAN.split(" "),
        strict=True,
    )
)


def _letter_romanize(arabic: str) -> str:
    words = [
        "".join(_LETTERS.get(c, c if c.isascii() else "") for c in normalize_key(w)) for w in arabic.split()
    ]
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def local_id(name: str, label: str) -> str:
    digest = hashlib.sha1(f"{label}|{match_key(name)}".encode()).hexdigest()[:10]
    return f"local:{digest}"
