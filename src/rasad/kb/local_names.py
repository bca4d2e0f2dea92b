"""Names of entities the KB does not know: a stable local id and an English rendering."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rasad.kb.index import match_key
from rasad.model import Entity
from rasad.text.normalize import normalize_key

_RENDERED_LIMIT = 50_000  # runs whose words the renderer has decoded (bounds the set in long-running workers)
_rendered: set[str] = set()


def with_english_names(entities: Sequence[Entity], known: Mapping[str, str]) -> list[Entity]:
    """`entities` with an English name (`romanize`) for each local one that has none yet. The new words of all
    of them go to the names renderer together first: one batched decode per document instead of one per word."""
    local = [e.name_ar for e in entities if not e.in_kb and e.name_en is None]
    if not local:
        return list(entities)
    _prefetch([run for name in local for run in _runs(name, known)[1]])
    return [replace(e, name_en=romanize(e.name_ar, known)) if not e.in_kb and e.name_en is None else e
            for e in entities]


def _prefetch(runs: list[str]) -> None:
    new = [run for run in dict.fromkeys(runs) if run not in _rendered]
    if not new:
        return
    try:
        from rasad.names.render import default_renderer

        default_renderer().render_many(new)
    except Exception:  # the renderer or its model may be missing: `_render` falls back per run
        return
    if len(_rendered) + len(new) > _RENDERED_LIMIT:
        _rendered.clear()
    _rendered.update(new)


def romanize(arabic: str, known: Mapping[str, str] | None = None) -> str:
    """English name of an unknown Arabic name.

    Words that KB person names already spell in English (`known`: محمد → Mohammed) take that spelling; runs of
    other words go to the names renderer (rasad.names.render) when installed, else to a letter map.
    """
    pieces, runs = _runs(arabic, known or {})
    rendered = iter(_render(run) for run in runs)
    return " ".join(p for p in (next(rendered) if p is None else p for p in pieces) if p)


def _runs(arabic: str, known: Mapping[str, str]) -> tuple[list[str | None], list[str]]:
    """(pieces: a known English spelling, or None where the next run of unknown words goes, the runs)."""
    pieces: list[str | None] = []
    runs: list[str] = []
    run: list[str] = []
    for word in [*arabic.split(), ""]:
        english = known.get(normalize_key(word)) if word else None
        if english is None and word:
            run.append(word)
            continue
        if run:
            pieces.append(None)
            runs.append(" ".join(run))
            run = []
        if english:
            pieces.append(english)
    return pieces, runs


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
