"""Event modality (asserted, expected, hypothetical, conditional, negated) from cue words in the clause.

Three kinds of cue:
- forward cues (من المرجح، يتوقع، سوف، تخشى، احتمال، في حال، إذا …) govern every trigger after them until the
  clause ends; the nearest cue before a trigger decides;
- near cues govern only a trigger right after them: negation particles (لم، لن، لا، عدم، دون …) and قد before
  an imperfect verb (possibility; قد before a perfect verb is an assertion, قد ذكرت);
- backward cues are adjectives that follow the event noun they qualify (صفقة محتملة، الزيارة المرتقبة).
The future prefix سـ on the trigger itself marks it expected.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasad.model import Token
from rasad.text.normalize import normalize_key


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words.split())


_FORWARD_SINGLE: dict[str, str] = {}
for _mod, _words in (
    (
        "expected",
        "المقرر المرتقب يتوقع تتوقع يتوقعون توقع توقعت يعتزم تعتزم يعتزمون يعتزمان ينوي تنوي ينوون يزمع تزمع "
        "يرتقب يترقب سوف يستعد تستعد يستعدون يخطط تخطط يخططون ينتظر يُنتظر",
    ),
    (
        "hypothetical",
        "تخشى يخشى يخشون تخشيان خشية مخاوف تخوف تخوفات احتمال احتمالات يحتمل ربما يمكن بإمكان إمكانية "
        "يشتبه مشتبه يرجح لعل يزعم مزاعم تزعم يُعتقد افتراض",
    ),
    ("conditional", "إذا اذا لو شرط شريطة طالما"),
):
    for _w in _words.split():
        _FORWARD_SINGLE[normalize_key(_w)] = _mod

_FORWARD_PAIRS: dict[tuple[str, str], str] = {
    (normalize_key(a), normalize_key(b)): mod
    for a, b, mod in (
        ("من", "المرجح", "expected"),
        ("من", "المتوقع", "expected"),
        ("من", "المقرر", "expected"),
        ("من", "المنتظر", "expected"),
        ("من", "المفترض", "expected"),
        ("من", "المحتمل", "hypothetical"),
        ("من", "الممكن", "hypothetical"),
        ("في", "حال", "conditional"),
        ("في", "حالة", "conditional"),
        ("ما", "لم", "conditional"),
        ("نفى", "أن", "negated"),
        ("نفت", "أن", "negated"),
        ("ينفي", "أن", "negated"),
        ("تنفي", "أن", "negated"),
        ("نفوا", "أن", "negated"),
    )
}
# Near cues: (modality, how many tokens after the cue the trigger may start).
_NEAR: dict[str, tuple[str, int]] = {
    **{k: ("negated", 5) for k in _keys("لم لن")},
    **{k: ("negated", 2) for k in _keys("لا ليس ليست عدم دون بدون")},
}
_BACKWARD: dict[str, str] = {
    **{
        k: "hypothetical"
        for k in _keys("محتمل محتملة المحتمل المحتملة مزعوم مزعومة المزعوم المزعومة المفترض المفترضة")
    },
    **{
        k: "expected"
        for k in _keys(
            "مرتقب مرتقبة المرتقب المرتقبة المقبل المقبلة المزمع المزمعة المقررة القادم القادمة المنتظرة"
        )
    },
}
_STRIP = ("و", "ف")


_CUE_CACHE: dict[str, tuple[str, str] | None] = {}


def _lookup(token: Token) -> tuple[str, str] | None:
    """(kind, modality) of a single-token cue: kind ∈ forward | near | qad (cached per word form)."""
    norm = token.norm
    try:
        return _CUE_CACHE[norm]
    except KeyError:
        pass
    hit = _lookup_form(norm)
    if len(_CUE_CACHE) < 300_000:
        _CUE_CACHE[norm] = hit
    return hit


def _lookup_form(norm: str) -> tuple[str, str] | None:
    forms = [norm]
    if norm[:1] in _STRIP and len(norm) > 2:
        forms.append(norm[1:])
    for f in forms:
        if f in _FORWARD_SINGLE:
            return "forward", _FORWARD_SINGLE[f]
        if f in _NEAR:
            return "near", _NEAR[f][0]
        if f == "قد":
            return "qad", "hypothetical"
    return None


class ModalityIndex:
    """Per-document cue positions; `modality(first, last, clause_start, clause_end)` for each trigger."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self._cues: dict[
            int, tuple[str, str] | None
        ] = {}  # filled lazily: only clauses with triggers are read

    def cue(self, k: int) -> tuple[str, str] | None:
        """(kind, modality) of the cue that ends at token `k` (a one- or two-word cue), or None."""
        if k in self._cues:
            return self._cues[k]
        tok = self.tokens[k]
        hit: tuple[str, str] | None = None
        if tok.kind == "word":
            prev_tok = self.tokens[k - 1] if k > 0 else None
            if prev_tok is not None and prev_tok.kind == "word":
                prev = prev_tok.norm
                if prev[:1] in _STRIP and prev[1:] in ("من", "في", "ما"):
                    prev = prev[1:]
                pair = _FORWARD_PAIRS.get((prev, tok.norm))
                if pair:
                    hit = ("forward", pair)
            if hit is None:
                hit = _lookup(tok)
        self._cues[k] = hit
        return hit

    def modality(self, first: int, last: int, clause_start: int, clause_end: int) -> str:
        tokens = self.tokens
        head = tokens[first]
        bare = head.norm[1:] if head.norm[:1] in _STRIP else head.norm
        if "س" in head.prefix.split("+") or (
            bare[:1] == "س" and bare[1:2] in ("ي", "ت", "ن") and len(bare) > 4
        ):
            return "expected"
        # Nearest cue before the trigger inside the clause.
        for k in range(first - 1, clause_start - 1, -1):
            cue = self.cue(k)
            if cue is None:
                continue
            kind, mod = cue
            distance = first - k
            if kind == "forward":
                return mod
            if kind == "near":
                _, window = _NEAR.get(tokens[k].norm, _NEAR.get(tokens[k].norm[1:], ("negated", 2)))
                if distance <= window:
                    return mod
            elif kind == "qad" and distance == 1 and head.norm[:1] in "يتن":
                return mod
        # An adjective right after the event noun.
        for k in range(last + 1, min(last + 4, clause_end)):
            tok = tokens[k]
            if tok.kind != "word":
                break
            backward = _BACKWARD.get(tok.norm)
            if backward:
                return backward
        return "asserted"
