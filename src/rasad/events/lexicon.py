"""The event trigger lexicon: authored TSV rows → a precompiled index keyed by normalised word form.

Each verb row names its 3rd-person masculine perfect and imperfect ("زار:يزور"); `conjugate()` generates the
forms news text actually uses (perfect and imperfect, masculine/feminine, dual and plural, subjunctive plurals),
so the matcher only ever does dictionary look-ups. Noun rows list their forms literally. Phrase rows are a head
word (a verb spec or literal forms) followed by tail words; "…" allows a few tokens between head and tail
(verb + object: "رفع المتظاهرون لافتات"). Actor rows list generic participant nouns by class. See docs/events.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rasad.text.normalize import normalize_key

GAP = "…"


ACTOR_CLASSES = ("protester", "armed", "security", "official", "people", "victim")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One sense of a trigger: its PLOVER type, mode, CAMEO code and how its arguments are laid out.

    `frame`: trans (direct object = recipient), intrans (recipient only through a preposition), passive (the
    grammatical subject is the recipient), with (مع/ب introduce the co-participant). `needs`: a condition the
    sense requires to be chosen (protester actor, a place, a following ب-phrase) or "" for none.
    """

    type: str
    mode: str | None
    cameo: str | None
    pos: str  # verb | noun | phrase
    frame: str = "trans"
    needs: str = ""
    block_next: frozenset[str] = frozenset()
    imperfect: bool = False  # a verb form in the imperfect (may carry the future prefix س or purposive ل)
    stop: bool = False  # a phrase that is never an event (e.g. a name: الدعم السريع)


@dataclass(frozen=True, slots=True)
class Phrase:
    head: str  # the normalised head form this phrase is indexed under
    tail: tuple[frozenset[str], ...]  # normalised alternatives of each following word
    gap: bool  # tail may start up to GAP_TOKENS tokens after the head
    entry: TriggerEntry


@dataclass
class Lexicon:
    """Precompiled trigger index: `forms[key]` → senses (in lexicon order), `phrases[head]` → phrases."""

    forms: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)  # normalised form → actor class
    actor_cache: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (norm, stem) → class
    real_h: set[str] = field(default_factory=set)  # normalised forms whose final ه is a real haa (زيارته)

    def add_form(self, key: str, entry: TriggerEntry) -> None:
        senses = self.forms.setdefault(key, [])
        if entry not in senses:
            senses.append(entry)


def conjugate(perfect: str, imperfect: str | None) -> tuple[list[str], list[str]]:
    """(perfect forms, imperfect forms) of a verb given its normalised 3ms perfect and imperfect.

    Defective verbs (final ي/ا after normalisation: التقي، دعا) drop the final letter before suffixes; the
    imperfect takes the prefixes ي ت ن ا and the plural/dual/feminine endings (with subjunctive -وا).
    """
    perf: list[str] = [perfect]
    if perfect.endswith(("ي", "ا")):
        base = perfect[:-1]
        perf += [base + "ت", base + "وا", base + "يا", base + "تا", base + "ين", base + "يت", base + "ينا"]
        if perfect.endswith("ا"):
            perf += [base + "وا", perfect + "ن"]
    else:
        perf += [perfect + s for s in ("ت", "وا", "ا", "تا", "ن", "نا", "تم", "و")]
    impf: list[str] = []
    if imperfect and len(imperfect) > 1:
        body = imperfect[1:]
        for p in ("ي", "ت", "ن", "ا"):
            impf.append(p + body)
        if body.endswith(("ي", "ا")):  # يلتقي → يلتقون، يلتقيان، يلتقوا، (لم) يلتق
            stem = body[:-1]
            for p in ("ي", "ت", "ن"):
                impf += [
                    p + stem + "ون",
                    p + stem + "وا",
                    p + stem + "يان",
                    p + stem + "ين",
                    p + body + "ن",
                    p + stem,
                ]
        elif body.endswith("و"):  # يدعو → يدعون، يدعوا، يدعوان، (لم) يدع
            for p in ("ي", "ت", "ن"):
                impf += [p + body + "ن", p + body + "ا", p + body + "ان", p + body[:-1]]
        else:
            for p in ("ي", "ت"):
                impf += [p + body + "ون", p + body + "وا", p + body + "ان", p + body + "ين", p + body + "ن"]
    return perf, impf


def _alternatives(field_text: str) -> list[str]:
    return [normalize_key(a.strip()) for a in field_text.split("|") if a.strip()]


def _real_h(field_text: str) -> set[str]:
    """Normalised forms among the alternatives (or verb specs) that end in a real ه rather than ة."""
    out: set[str] = set()
    for alt in field_text.replace(":", "|").split("|"):
        alt = alt.strip()
        if alt.endswith("ه"):
            out.add(normalize_key(alt))
    return out


def _word_forms(spec: str) -> tuple[list[str], list[str]]:
    """Forms of one phrase/verb word: "a:b|c:d" specs conjugate, plain alternatives stay literal.

    Returns (perfect-or-literal forms, imperfect forms)."""
    perf: list[str] = []
    impf: list[str] = []
    for alt in spec.split("|"):
        alt = alt.strip()
        if not alt:
            continue
        if ":" in alt:
            p, _, i = alt.partition(":")
            pf, imf = conjugate(normalize_key(p), None if i.strip() in ("", "-") else normalize_key(i))
            perf += pf
            impf += imf
        else:
            perf.append(normalize_key(alt))
    return perf, impf


def _dash(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def parse_rows(lines: Iterable[str]) -> Lexicon:
    lex = Lexicon()
    stops: set[str] = set()
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        cols += ["-"] * (8 - len(cols))
        pos, forms, typ, mode, cameo, frame, needs, block = (c.strip() for c in cols[:8])
        if pos == "actor":
            for form in _alternatives(forms):
                lex.actors.setdefault(form, typ)
                # The indefinite accusative (جنودا، مسلحا) is spelled with a final alef.
                if not form.startswith("ال") and not form.endswith(("ا", "ه", "ين", "ون", "ات", "ي")):
                    lex.actors.setdefault(form + "ا", typ)
            continue
        if pos == "stop":
            stops.update(_alternatives(forms))
            continue
        blocked = frozenset(_alternatives(block)) if _dash(block) else frozenset()
        lex.real_h |= _real_h(forms)
        base = TriggerEntry(
            type=typ,
            mode=_dash(mode),
            cameo=_dash(cameo),
            pos=pos,
            frame=_dash(frame) or ("trans" if pos == "verb" else "noun"),
            needs=_dash(needs) or "",
            block_next=blocked,
        )
        if pos == "verb":
            perf, impf = _word_forms(forms)
            for form in perf:
                lex.add_form(form, base)
            for form in impf:
                lex.add_form(form, replace(base, imperfect=True))
        elif pos == "noun":
            for form in _alternatives(forms):
                lex.add_form(form, base)
        elif pos == "phrase":
            words = forms.split()
            gap = len(words) > 2 and words[1] == GAP
            tail_words = words[2:] if gap else words[1:]
            tail = tuple(frozenset(_alternatives(w)) for w in tail_words)
            perf, impf = _word_forms(words[0])
            stop = typ in ("", "-")
            for form, is_impf in [(f, False) for f in perf] + [(f, True) for f in impf]:
                entry = replace(base, type="-" if stop else typ, imperfect=is_impf, stop=stop)
                lex.phrases.setdefault(form, []).append(Phrase(form, tail, gap, entry))
        else:
            raise ValueError(f"unknown lexicon row kind {pos!r}: {line!r}")
    for form in stops:
        lex.forms.pop(form, None)
    # Longer phrases first so that "وقف إطلاق النار" wins over "إطلاق النار".
    for phrases in lex.phrases.values():
        phrases.sort(key=lambda p: -len(p.tail))
    return lex


def load_lexicon(path: Path) -> Lexicon:
    with path.open(encoding="utf-8") as fh:
        return parse_rows(fh)
