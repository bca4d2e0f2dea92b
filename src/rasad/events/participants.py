"""Event participants: linked mentions, raw NER spans and generic actor nouns, aligned to tokens.

A participant is a candidate actor, recipient or place. Linked mentions come first (they carry an entity id);
NER spans that no mention covers fill in while the linking stage is missing or silent; generic actor nouns from
the lexicon (المتظاهرون، مسلحون، قوات الأمن، طائرات حربية …) are extended over the adjectives and genitives that
make them specific (القوات الاميركية، مسلحين مجهولين، عناصر الشرطة) and have no entity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rasad.events.lexicon import Lexicon
from rasad.model import Mention, NerSpan, Token
from rasad.text.normalize import word_set

ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Classes ranked by how strongly they mark an agent; an extension may upgrade a weak head (عناصر الشرطة).
_CLASS_RANK = {"victim": 0, "people": 1, "official": 2, "security": 3, "armed": 3, "protester": 3, "name": 4}

# Words that end a noun phrase: prepositions, relatives, conjunctions, common particles.
STOP_WORDS = word_set(
    "في على الى إلى من عن مع ضد نحو عند لدى بين خلال بعد قبل منذ حتى أمام امام قرب داخل خارج حول تجاه "
    "الذي التي الذين اللذين اللتين اللذان اللواتي أن إن ان أنه انه لكن بل أو او ثم كما فيما بينما حيث عندما "
    "و ف هو هي هم هذا هذه ذلك تلك قد لقد لم لن لا ما ليس كان كانت كانوا امس أمس اليوم يوم صباح مساء ليلا "
    "نحو حوالي حوالى زهاء أكثر اكثر أقل عدد بعض كل جميع أيضا ايضا عبر بسبب بشأن حول ضمن دون بدون غير سوى"
)
COUNT_WORDS = word_set(
    "عشرات مئات آلاف ألف الف ألفا الاف عشرة مئة مائة ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة اثنين اثنان نحو حوالي"
)
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "ولل", "لل", "ال")
_PLAIN_PREFIXES = ("و", "ف")


@dataclass(frozen=True, slots=True)
class Participant:
    start: int
    end: int
    text: str
    entity: str | None
    label: str  # mention/NER label, or "GENERIC"
    klass: str  # name | protester | armed | security | official | people | victim
    first: int  # first token index
    last: int  # last token index (inclusive)

    @property
    def is_place(self) -> bool:
        return self.label in PLACE_LABELS


def actor_class(lexicon: Lexicon, token: Token) -> str | None:
    """The generic actor class of a token (by its normalised form, stem or article-less form), or None."""
    key = (token.norm, token.stem)
    cache = lexicon.actor_cache
    if key in cache:
        return cache[key]
    klass = _actor_class(lexicon, token)
    if len(cache) < 300_000:
        cache[key] = klass
    return klass


def _actor_class(lexicon: Lexicon, token: Token) -> str | None:
    actors = lexicon.actors
    hit = actors.get(token.norm) or actors.get(token.stem)
    if hit:
        return hit
    norm = token.norm
    for p in _ARTICLE_PREFIXES + _PLAIN_PREFIXES:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            hit = actors.get(norm[len(p) :]) or actors.get("ال" + norm[len(p) :])
            if hit:
                return hit
    return None


class TokenIndex:
    """Character offset → token index look-ups over one document's tokens."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last) token indices that overlap [start, end), or None."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end) - 1
        if first > last or first >= len(self.tokens):
            return None
        return first, last


def _is_definite(token: Token) -> bool:
    return "ال" in token.prefix.split("+") or token.norm.startswith("ال")


def _extends(token: Token, head: Token, lexicon: Lexicon, trigger_forms: frozenset[str]) -> bool:
    """True when `token` continues a generic actor phrase headed by `head`: a definite genitive after an
    indefinite head (قوات الأمن، آلاف المتظاهرين، مسلحو حماس), a definite adjective after a definite head
    (القوات الأميركية), or an agreeing indefinite adjective (مسلحين مجهولين، مفجر انتحاري). Two actor nouns in a
    row that do not agree are subject and object (اعتقلت الشرطة عشرات المحتجين), not one phrase."""
    if (
        token.kind != "word"
        or token.norm in STOP_WORDS
        or token.norm in trigger_forms
        or (token.stem in COUNT_WORDS and head.stem not in COUNT_WORDS)
    ):
        return False
    if token.prefix and token.prefix != "ال":
        return False  # و/ب/ل… start a new phrase
    if _is_definite(token):
        return True
    if not _is_definite(head) and token.norm in _CHAIN_NOUNS:
        return True  # a construct chain: رئيس وزراء العراق، وزير خارجية إيران
    if _is_definite(head) or len(token.norm) < 4 or token.norm[0] in "يتن":
        return False
    if actor_class(lexicon, token):
        return True
    return token.norm.endswith(("ون", "ين", "يه", "ه", "ي", "ات")) and token.norm[-2:] == head.norm[-2:]


_CHAIN_NOUNS = word_set("وزراء خارجية دفاع داخلية أركان اركان مجلس حكومة جيش قوات شرطة")


def _titled_names(text: str, parts: list[Participant]) -> list[Participant]:
    """A nisba right before a person's name is part of it (الرئيس الروسي فلاديمير بوتين): one participant."""
    parts.sort(key=lambda p: p.first)
    out: list[Participant] = []
    for p in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "NORP" and p.label == "PER" and p.first == prev.last + 1:
            out[-1] = Participant(
                prev.start, p.end, text[prev.start : p.end], p.entity, "PER", "name", prev.first, p.last
            )
            continue
        out.append(p)
    return out


def _adjective_of_event(token: Token, prev: Token, noun_forms: frozenset[str]) -> bool:
    """An actor word used as the adjective of an event noun is no participant: هجوم انتحاري، اشتباك مسلح."""
    if not token.stem.endswith(_ADJECTIVE_ENDINGS) or token.prefix not in ("", "ال"):
        return False
    return prev.norm in noun_forms or prev.stem in noun_forms


_ADJECTIVE_ENDINGS = ("ي", "يه", "يا", "ح", "حه", "حا")


def build_participants(
    text: str,
    tokens: Sequence[Token],
    index: TokenIndex,
    mentions: Sequence[Mention],
    ner: Sequence[NerSpan],
    lexicon: Lexicon,
    trigger_forms: frozenset[str],
    noun_forms: frozenset[str] = frozenset(),
) -> list[Participant]:
    """All participants of a document, sorted by position, without overlaps (mentions win)."""
    taken: set[int] = set()
    out: list[Participant] = []
    for m in mentions:
        if m.label not in ACTOR_LABELS:
            continue
        span = index.span(m.start, m.end)
        if span is None or not taken.isdisjoint(range(span[0], span[1] + 1)):
            continue
        taken.update(range(span[0], span[1] + 1))
        out.append(Participant(m.start, m.end, m.text, m.entity, m.label, "name", span[0], span[1]))
    out = _titled_names(text, out)
    for n in ner:
        if n.label == "MISC":
            continue
        span = (n.first_token, n.last_token)
        if not taken.isdisjoint(range(span[0], span[1] + 1)):
            continue
        taken.update(range(span[0], span[1] + 1))
        label = {"LOC": "GPE", "PERS": "PER"}.get(n.label, n.label)
        out.append(Participant(n.start, n.end, n.text, None, label, "name", span[0], span[1]))
    i = 0
    n_tok = len(tokens)
    while i < n_tok:
        tok = tokens[i]
        klass = actor_class(lexicon, tok) if tok.kind == "word" and i not in taken else None
        if klass is None or (i > 0 and _adjective_of_event(tok, tokens[i - 1], noun_forms)):
            i += 1
            continue
        last = i
        while last + 1 < n_tok and last - i < 3 and (last + 1) not in taken:
            nxt = tokens[last + 1]
            if not _extends(nxt, tok, lexicon, trigger_forms):
                break
            last += 1
            ext = actor_class(lexicon, nxt)
            if ext and _CLASS_RANK.get(ext, 0) > _CLASS_RANK.get(klass, 0):
                klass = ext
        # A generic head followed by a mention takes the name in when it is its genitive (مسلحو حماس، قوات مناوي،
        # رئيس روسيا) or in apposition to it (الرئيس بوتين) — not a definite subject before an object (زار
        # الرئيس روسيا).
        if last + 1 < n_tok and (last + 1) in taken:
            for k, p in enumerate(out):
                if (
                    p.first == last + 1
                    and p.label != "GENERIC"
                    and (p.label == "PER" or not _is_definite(tokens[last]))
                ):
                    start = tok.stem_start if tok.prefix in ("و", "ف") else tok.start
                    out[k] = Participant(
                        start, p.end, text[start : p.end], p.entity, "GENERIC", klass, i, p.last
                    )
                    taken.update(range(i, last + 1))
                    break
            if i in taken:
                i = last + 1
                continue
        start = tok.stem_start if tok.prefix in ("و", "ف") else tok.start
        end = tokens[last].end
        out.append(Participant(start, end, text[start:end], None, "GENERIC", klass, i, last))
        taken.update(range(i, last + 1))
        i = last + 1
    out.sort(key=lambda p: p.first)
    return _partitives(text, tokens, out)


_STRONG = ("protester", "armed", "security", "official", "name")


def _is_count(token: Token) -> bool:
    return token.kind == "number" or token.norm in COUNT_WORDS or token.stem in COUNT_WORDS


def _partitive_gap(tokens: Sequence[Token], last: int, first: int) -> bool:
    """Tokens between a group noun and its members are "من" after at most two modifiers (مجموعات صغيرة أيضا من)."""
    gap = tokens[last + 1 : first]
    if not gap or gap[-1].norm != "من" or len(gap) > 3:
        return False
    return all(t.kind == "word" and (t.norm not in STOP_WORDS or t.norm in ("ايضا",)) for t in gap[:-1])


def _partitives(text: str, tokens: Sequence[Token], parts: list[Participant]) -> list[Participant]:
    """Join "quantity/group + من + actor" and "generic + nisba" into one participant: مجموعة من المتظاهرين،
    قوة من الشرطة العراقية، ثلاثين طالبا من المسجد، عناصر الشرطة الأفغانية."""
    out: list[Participant] = []
    for p in parts:
        prev = out[-1] if out else None
        k = p.first - 2
        if k >= 0 and tokens[k + 1].norm == "من" and (prev is None or prev.last < k) and _is_count(tokens[k]):
            # A count before "من": سبعة من عناصر الشرطة، 15 من المسلحين.
            p = Participant(
                tokens[k].start, p.end, text[tokens[k].start : p.end], p.entity, p.label, p.klass, k, p.last
            )
        if prev is not None and prev.label == "GENERIC":
            partitive = (
                _partitive_gap(tokens, prev.last, p.first)
                and prev.klass in ("people", "victim", "security")
                and (p.label == "GENERIC" or p.label in ("NORP", "ORG", "GPE"))
            )
            nisba = p.first == prev.last + 1 and p.label == "NORP"
            if partitive or nisba:
                klass = p.klass if p.klass in _STRONG and p.klass != "name" else prev.klass
                if p.label != "GENERIC" and prev.klass in ("people",):
                    klass = "people"
                out[-1] = Participant(
                    prev.start,
                    p.end,
                    text[prev.start : p.end],
                    p.entity,
                    "GENERIC",
                    klass,
                    prev.first,
                    p.last,
                )
                continue
        out.append(p)
    return out
