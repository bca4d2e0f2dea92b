"""Number and gender agreement between a report that has no subject and the speaker it would inherit.

"وأكدوا أن …" cannot continue a report by وكالة الأنباء (a feminine singular), and "وأكدت أن …" cannot continue
one by الوزير. Arabic marks both on the verb (قال / قالت / قالوا) and on participles (مشيرًا / مشيرةً / مشيرين),
and on common-noun heads (وزير / وزيرة / وزراء), so a mismatch is strong evidence that the inherited speaker is
wrong. Proper names carry no reliable mark (a woman called العتيبي), so only lexicon head nouns are checked; an
unknown feature never blocks anything.
"""

from __future__ import annotations

from bisect import bisect_left

from rasad.claims.document import DocIndex
from rasad.claims.lexicon import Cue
from rasad.claims.phrases import head_keys
from rasad.text.normalize import normalize_key

# Source heads (normalised) that are plural without a sound-plural suffix. Non-human broken plurals take a
# feminine singular verb (قالت مصادر، أضافت المصادر) as well as, for human ones, a plural (أضاف الخبراء / أكدوا).
_BROKEN_PLURAL_WORDS = (
    "وكالات وسائل صحف قنوات مواقع مصادر مصادرنا وزراء رؤساء شهود سكان خبراء دول بلدان قادة زعماء نواب أعضاء "
    "ضباط أوساط دوائر علماء أخبار أهالي قوى قوات أطباء نشطاء مسؤولو مسؤولي مراسلو ممثلو محامو منظمو "
    "وثائق مقاطع صور لقطات أجهزة مراكز أرقام أبحاث مشاهد تقارير"
)
BROKEN_PLURALS = frozenset(normalize_key(w) for w in _BROKEN_PLURAL_WORDS.split())
# Collective bodies: news write "وأكد الحزب" and "وأكدوا" for the same group, so they agree with anything.
_COLLECTIVE_WORDS = "حزب حركة جماعة تحالف ائتلاف عائلة أسرة معارضة فريق وفد أهالي"
COLLECTIVES = frozenset(normalize_key(w) for w in _COLLECTIVE_WORDS.split())


def cue_features(cue: Cue) -> str | None:
    """The cue's agreement marks: "m" (masculine singular), "f" (feminine singular), "pl" (plural) or None for a cue form."""
    form, lemma = normalize_key(cue.form), normalize_key(cue.lemma)
    if cue.cls == "participle":
        if form.endswith(("ين", "ون")):
            return "pl"
        if form.endswith("ه"):  # مشيرة after normalisation
            return "f"
        return "m" if form.endswith("ا") else None
    if cue.cls != "verb":
        return None
    if form.endswith(("وا", "ون")):
        return "pl"
    if form == lemma:
        return "m"
    if form == lemma + "ت":
        return "f"
    if form.startswith("ي"):
        return "m"
    return "f" if form.startswith("ت") else None


def source_features(doc: DocIndex, start: int, end: int) -> str | None:
    """Features of a source span: "person" when it holds a person's name (its gender is not written), else
    those of its first lexicon head noun; None when unknown (a name of unknown type, a collective)."""
    heads = doc.lexicon.source_heads
    toks = range(bisect_left(doc.starts, start), bisect_left(doc.starts, end))
    for k in toks:
        named = doc.name_map.get(k)
        if named is not None:
            if named[1] is None:
                return None  # a name found by NER alone: no type, so no evidence either way
            if named[1].label == "PER":
                return "person"  # مندوبة الولايات المتحدة لدى مجلس الأمن سامنثا باور: not مجلس's gender
    for k in toks:
        key = next((h for h in head_keys(doc.tokens[k]) if h in heads), None)
        if key is None:
            continue
        if key in COLLECTIVES:
            return None
        if key in BROKEN_PLURALS:
            return "broken"
        if key.endswith(("ون", "ين")):
            return "pl"
        if key.endswith("ات"):
            return "broken"  # sound feminine plural: agrees like a broken plural (قالت السلطات / أكدت)
        return "f" if key.endswith("ه") else "m"
    return None


def agrees(cue: Cue, doc: DocIndex, source: tuple[int, int], source_cue: Cue | None = None) -> bool:
    """Whether a subjectless cue can take `source` (a character span) as its speaker. `source_cue` is the cue
    of the report the speaker comes from: its own singular mark (قالت … مشيرةً) is read before the noun's,
    which may be cut short or mislinked (مجلس الأمن سامنثا باور for المندوبة … سامنثا باور)."""
    verb = cue_features(cue)
    marked = cue_features(source_cue) if source_cue is not None else None
    if verb in ("m", "f") and marked in ("m", "f"):
        return verb == marked
    noun = source_features(doc, *source)
    if verb is None or noun is None:
        return True
    if noun == "person":
        return verb != "pl"
    if verb == "pl":
        return noun in ("pl", "broken")
    if verb == "f":
        return noun in ("f", "broken")
    return noun == "m"
