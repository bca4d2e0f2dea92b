"""The attribution cue lexicon: speech verbs, prepositional attributions and source heads, indexed for speed.

The authored table (`resources/lexicons/attribution_cues.tsv`) lists bare forms; at load time every form is
expanded with the conjunction proclitics it commonly carries (و، ف، وب، فب …) so that finding a cue in a document
is one dictionary lookup per token on `Token.norm` — no per-token regex, no segmentation call. A multi-word cue is
indexed by its first word and carries the words that must follow it ("ل+" matches the preposition whether it is
written apart, لـ, or attached to the next word).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rasad.text.normalize import normalize_key

CUE_CLASSES = frozenset({"verb", "relay_verb", "passive", "participle", "according", "relay", "marker"})
HEAD_CLASSES = frozenset({"source", "anonymous_source"})
# Proclitics a cue may carry; the preposition ب is only added to prepositional cues (وبحسب), never to verbs.
_VERB_PREFIXES = ("", "و", "ف")
_PREP_PREFIXES = ("", "و", "ف")


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue form: `follow` are the normalised words that must come right after the indexed word."""

    form: str
    cls: str
    frame: str
    lemma: str
    follow: tuple[str, ...] = ()
    prefixed: bool = False  # the matched token carried a conjunction (و/ف): it opens a new clause


@dataclass(frozen=True)
class CueLexicon:
    cues: dict[str, tuple[Cue, ...]]
    source_heads: frozenset[str]
    anonymous_heads: frozenset[str]

    def lookup(self, norm: str) -> tuple[Cue, ...]:
        return self.cues.get(norm, ())

    @classmethod
    def load(cls, path: Path) -> CueLexicon:
        return cls.from_rows(_read_rows(path))

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str, str]]) -> CueLexicon:
        index: dict[str, list[Cue]] = {}
        heads: set[str] = set()
        anonymous: set[str] = set()
        for form, klass, frame, lemma in rows:
            words = [normalize_key(w) for w in form.split()]
            if klass in HEAD_CLASSES:
                (anonymous if klass == "anonymous_source" else heads).add(words[0])
                continue
            if klass not in CUE_CLASSES:
                raise ValueError(f"unknown cue class {klass!r} for {form!r}")
            prefixes = _PREP_PREFIXES if klass in ("according", "relay", "marker") else _VERB_PREFIXES
            for prefix in prefixes:
                cue = Cue(form, klass, frame, lemma, tuple(words[1:]), prefixed=bool(prefix))
                bucket = index.setdefault(prefix + words[0], [])
                if cue not in bucket:
                    bucket.append(cue)
        # Longer cues first so that "وفق ما" wins over "وفق" when both match.
        frozen = {k: tuple(sorted(v, key=lambda c: -len(c.follow))) for k, v in index.items()}
        return cls(frozen, frozenset(heads | anonymous), frozenset(anonymous))


def _read_rows(path: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("form\t"):
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                raise ValueError(f"{path}:{line_no}: expected 4 tab-separated columns, got {len(parts)}")
            form, klass, frame, lemma = parts
            rows.append((form.strip(), klass.strip(), frame.strip(), lemma.strip()))
    return rows
