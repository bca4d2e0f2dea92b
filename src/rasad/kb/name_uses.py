"""Context rules that decide what a matched name stands for, kept apart from the linker's control flow.

- a place name that names a newspaper, channel or club (جريدة الرياض، نادي باريس، لـ«الشرق الأوسط»);
- a nisba written with final ى (اليمنى "right-hand") outside Egyptian house style (فى، الذى، المصرى);
- a lone KB surname: its form in a token and which bearer it means (rasad.kb.index.person_parts);
- a leader's name after a group noun (ميليشيات الحوثي) naming the leader's organisation.
See docs/kb.md, linking steps 7–8.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rasad.kb import context
from rasad.kb.entries import PLACE_LABELS, KbEntry, word_set
from rasad.kb.index import MEDIA_HEADS, PATRONYMIC_MARKERS, SURNAME_PARTICLES, KnowledgeBase, person_rank
from rasad.kb.matcher import RawMatch, original_index
from rasad.model import Token
from rasad.text.normalize import REMOVED, normalize_key

MARKS = "".join(REMOVED)
YA_AS_MAQSURA = frozenset({"فى", "وفى", "الذى", "التى", "والذى", "والتى"})
DEMONSTRATIVES = word_set("هذا هذه هؤلاء ذلك تلك أولئك")
INTENSIFIERS = word_set("كبير كبيرا شديد شديدا بالغ منقطع عارم كبيرة")
GROUP_NOUNS = word_set("ميليشيات مليشيات ميليشيا مليشيا جماعة أنصار عناصر مسلحي مقاتلي")


def name_start(tok: Token) -> int:
    """Start of a name inside its first token: after proclitics, but keeping a name's own article."""
    if not tok.prefix:
        return tok.start
    if tok.prefix.endswith("ال") and not tok.prefix.endswith("ل+ال"):
        letters = normalize_key(tok.text[: tok.stem_start - tok.start])
        return tok.start + original_index(tok.text, len(letters) - 2)
    return tok.stem_start


def ends_in_maqsura(surface: str) -> bool:
    return surface.rstrip(MARKS).endswith("ى")


def writes_ya_as_maqsura(tokens: Sequence[Token]) -> bool:
    """Egyptian house style writes every final ي as ى (فى، الذى): there المصرى is the nisba."""
    return any(t.text in YA_AS_MAQSURA for t in tokens)


def place_named_org(kb: KnowledgeBase, tokens: Sequence[Token], m: RawMatch) -> str | None:
    """A place name that names a newspaper, channel or club (جريدة الرياض، نادي باريس، لـ«الشرق الأوسط»):
    the organisation's id when the KB lists it with that head noun, "" when it does not (the name is then not
    linked to the place: the tagger may still make it a local organisation), None for a place use. A place
    alone in quotes counts only when the KB has such an organisation (في «الشرق الأوسط» may be the region)."""
    if m.kind != "name" or not any(kb.entries[i].label in PLACE_LABELS for i in m.entity_ids):
        return None
    j = context.previous_word(tokens, m.first)
    if j is not None and tokens[j].stem in MEDIA_HEADS and not tokens[j].suffix:
        return kb.media_names.get(m.key, "")
    before = tokens[m.first - 1] if m.first > 0 else None
    after = tokens[m.last + 1] if m.last + 1 < len(tokens) else None
    quoted = (
        before is not None
        and after is not None
        and before.text in context.QUOTES
        and after.text in context.QUOTES
    )
    return kb.media_names.get(m.key) if quoted else None


def common_noun_use(kb: KnowledgeBase, tokens: Sequence[Token], m: RawMatch) -> bool:
    """حماس الطالبات، حماس هؤلاء الشباب، بحماس كبير: an organisation name that is also a common noun, read as the
    noun when a definite noun follows it (the noun's construct state; an adjective agreeing with the name —
    حماس الفلسطينية — ends in ة or is a nisba), a demonstrative or an intensifying adjective."""
    if m.key not in kb.noun_like_names or m.last + 1 >= len(tokens):
        return False
    nxt = tokens[m.last + 1]
    if nxt.kind != "word":
        return False
    if nxt.norm in DEMONSTRATIVES or nxt.norm in INTENSIFIERS:
        return True
    definite = nxt.prefix == "ال"
    return definite and not nxt.norm.endswith("ه") and nxt.norm not in kb.nisbas


def head_noun_before(tokens: Sequence[Token], m: RawMatch) -> int | None:
    """Index of the head noun right before the name (جريدة in جريدة الرياض), if any."""
    j = m.first - 1
    if j >= 0 and tokens[j].kind == "word" and tokens[j].stem in MEDIA_HEADS:
        return j
    return None


def surname_form(tok: Token) -> tuple[str, int]:
    """The token's word as a surname key (clitics off, the article kept) and where it starts; للعبادي starts
    at the stem, as للبيت الأبيض does (docs/kb.md, "Elided article")."""
    if not tok.prefix:
        return tok.norm, tok.start
    if tok.prefix.endswith("ال"):
        if tok.prefix.endswith("ل+ال"):
            return "ال" + tok.stem, tok.stem_start
        return "ال" + tok.stem, name_start(tok)
    return tok.stem, tok.stem_start


def surname_bearer(
    kb: KnowledgeBase, tokens: Sequence[Token], key: str, i: int, countries: Collection[str]
) -> KbEntry | None:
    """The KB person a lone surname `key` at token i means, or None: not a surname, or a relative's name
    (after بن/آل/أبو/عبد) or part of a compound surname (دا سيلفا). Shared surnames: a person of a country the
    document names, then prominence (highest office, most recent)."""
    ids = kb.person_parts.get(key)
    if not ids:
        return None
    j = context.previous_word(tokens, i)
    if j is not None and (tokens[j].norm in PATRONYMIC_MARKERS or tokens[j].norm in SURNAME_PARTICLES):
        return None
    return max((kb.entries[e] for e in ids), key=lambda e: (e.country in countries, person_rank(e)))


def leader_group(kb: KnowledgeBase, tokens: Sequence[Token], first: int, person_id: str) -> KbEntry | None:
    """ميليشيات الحوثي: a leader's name after a group noun names the leader's organisation (the KB entry's
    `parent`) when he has one; قوات صالح (a head of state, parent a country) stays the person."""
    person = kb.entries.get(person_id)
    j = context.previous_word(tokens, first)
    if person is None or j is None or tokens[j].stem not in GROUP_NOUNS:
        return None
    parent = kb.entries.get(person.parent or "")
    return parent if parent is not None and parent.label == "ORG" else None
