"""Context rules that decide what a matched name stands for, kept apart from the linker's control flow.

- a place name that names a newspaper, channel or club (جريدة الرياض، نادي باريس، لـ«الشرق الأوسط»): the head noun
  chooses the kind of organisation (نادي/فريق a sports club, صحيفة/قناة … a medium, quotes a medium);
- a nisba written with final ى (اليمنى "right-hand") outside Egyptian house style (فى، الذى، المصرى);
- a lone KB surname: its form in a token and which bearer it means (rasad.kb.index.person_parts);
- a leader's name after a group noun (ميليشيات الحوثي) naming the leader's organisation;
- a tagger's person span that swallowed the word before a KB person (أوفد دقلو، الجنرال موسوي).
See docs/kb.md, linking steps 7–8.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rasad.kb import context
from rasad.kb.active_years import date_fit
from rasad.kb.entries import PLACE_LABELS, KbEntry
from rasad.kb.index import (
    NAME_PARTICLES,
    PATRONYMIC_MARKERS,
    SURNAME_PARTICLES,
    KnowledgeBase,
    match_key,
    person_rank,
)
from rasad.kb.matcher import RawMatch, original_index
from rasad.model import NerSpan, Token
from rasad.text.normalize import REMOVED, normalize_key, word_set

MARKS = "".join(REMOVED)
YA_AS_MAQSURA = frozenset({"فى", "وفى", "الذى", "التى", "والذى", "والتى"})
DEMONSTRATIVES = word_set("هذا هذه هؤلاء ذلك تلك أولئك")
INTENSIFIERS = word_set("كبير كبيرا شديد شديدا بالغ منقطع عارم كبيرة")
GROUP_NOUNS = word_set("ميليشيات مليشيات ميليشيا مليشيا جماعة أنصار عناصر مسلحي مقاتلي")
# Head nouns that name an organisation after a place, each with the kinds of KB organisation it can introduce:
# نادي الرياض is the football club, never «الرياض» the newspaper, and جريدة الرياض never the club.
CLUB_HEADS = word_set("نادي فريق")
TEAM_HEADS = word_set("فريق")  # فريق مصر is also a country's team: without a KB club the place reading stays
PRINT_HEADS = word_set("صحيفة جريدة مجلة")
BROADCAST_HEADS = word_set("قناة إذاعة تلفزيون فضائية")
MEDIA_HEADS = PRINT_HEADS | BROADCAST_HEADS
STATE_TV_HEADS = word_set("تلفزيون")  # تلفزيون الكويت is never called «الكويت» alone
CLUB_KINDS = frozenset({"sports_club"})
MEDIA_KINDS = frozenset({"media", "news_agency"})  # also what a place name alone in quotes may name
HEAD_GROUPS = ((CLUB_HEADS, CLUB_KINDS), (MEDIA_HEADS, MEDIA_KINDS))
# A club name followed by one of these is a club of another kind (نادي أبها الأدبي is Abha's literary club, not
# its football club), and so is one followed by لل + one of the fields (نادي دبي للصحافة is the press club).
OTHER_CLUB_QUALIFIERS = word_set(
    "الأدبي الثقافي الاجتماعي العلمي الفني الصحفي الطلابي الدبلوماسي الإعلامي الأدبية الثقافية الاجتماعية"
)
OTHER_CLUB_FIELDS = word_set(
    "صحافة فروسية شطرنج سيارات رماية تنس جولف غولف سباحة فنون كتاب سينما ثقافة إعلام طيران يخوت تراث شعر"
)
# Head nouns of places and institutions named after a person (مطار الملك خالد، مستشفى الملك فيصل، جائزة الملك
# فيصل): a KB person's name right after one is part of the institution's name, not a mention of the person.
NAMESAKE_HEADS = word_set(
    "مطار مستشفى جامعة مؤسسة ميناء مدينة مركز جائزة شارع طريق قاعدة مجمع كلية معهد مدرسة جسر برج ملعب استاد "
    "ستاد قصر مكتبة مسجد جامع ميدان حي قاعة كرسي صندوق مشروع برنامج دارة منحة مستشفيات جوائز"
)
# Words a tagger's person span may swallow before the name (الجنرال موسوي، قال بايدن).
NOT_NAME_WORDS = context.PERSON_TITLES | context.SAYING_VERBS | context.TRAVEL_VERBS


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


def head_kinds(tok: Token) -> frozenset[str] | None:
    """The organisation kinds a head noun introduces (نادي → sports clubs, جريدة → media), None for another word.
    A head noun is in the construct state: no article, no pronoun suffix (ناديه، النادي are not heads)."""
    if tok.kind != "word" or tok.suffix or tok.prefix.endswith("ال"):
        return None
    for heads, kinds in HEAD_GROUPS:
        if tok.stem in heads:
            return kinds
    return None


def org_named_after(
    kb: KnowledgeBase, key: str, kinds: frozenset[str], head: str = "", quoted: bool = False
) -> str:
    """The one KB organisation of `kinds` named after the place `key`, or "" (none, or several alike).
    Looked for as listed with the text's own head noun (`head`, normalised), then with a head of the same medium
    (جريدة الرياض finds صحيفة الرياض, قناة فلسطين finds تلفزيون فلسطين, not صحيفة فلسطين), then with any head of
    the kind (فريق روما finds نادي روما), then as the bare name; the first tier with a candidate decides. A name
    alone in quotes (`quoted`) is never a state television named تلفزيون + place: «الكويت» is not Kuwait TV."""
    group = next(h for h, k in HEAD_GROUPS if k == kinds)
    group = group - STATE_TV_HEADS if quoted else group
    tiers = [frozenset({head}), *(g for g in (PRINT_HEADS, BROADCAST_HEADS) if head in g)] if head else []
    for heads in [*tiers, group]:
        ids = {i for h in heads for i in kb.names.get(f"{h} {key}", ()) if kb.entries[i].kind in kinds}
        if ids:
            return next(iter(ids)) if len(ids) == 1 else ""
    bare = {i for i in kb.names.get(key, ()) if kb.entries[i].label == "ORG" and kb.entries[i].kind in kinds}
    return next(iter(bare)) if len(bare) == 1 else ""


def _other_club_word(tok: Token) -> bool:
    """الأدبي in نادي أبها الأدبي, or a field of another club after لل (نادي دبي للصحافة، نادي الشارقة للشطرنج);
    a closed list, since a ل-phrase after a club is mostly the verb's (تأهل نادي الكويت للنهائي)."""
    return tok.norm in OTHER_CLUB_QUALIFIERS or (tok.prefix == "ل+ال" and tok.stem in OTHER_CLUB_FIELDS)


def other_club(kb: KnowledgeBase, tokens: Sequence[Token], m: RawMatch) -> bool:
    """نادي أبها الأدبي: a sports club's name (or a place after نادي) followed by a qualifier of another kind of
    club names that other club, which the KB does not have; the match is then neither the sports club nor the
    place."""
    if m.last + 1 >= len(tokens) or not _other_club_word(tokens[m.last + 1]):
        return False
    if any(kb.entries[i].kind in CLUB_KINDS for i in m.entity_ids):
        return True
    j = context.previous_word(tokens, m.first)
    return j is not None and head_kinds(tokens[j]) == CLUB_KINDS


def place_named_org(kb: KnowledgeBase, tokens: Sequence[Token], m: RawMatch) -> str | None:
    """A place name that names a newspaper, channel or club (جريدة الرياض، نادي باريس، لـ«الشرق الأوسط»):
    the organisation's id when the KB lists one of the kind the head noun introduces (rasad.kb.name_uses.head_kinds),
    "" when it does not (the name is then not linked to the place: the tagger may still make it a local
    organisation), None for a place use. A place alone in quotes counts only when the KB has a medium of that name
    (في «الشرق الأوسط» may be the region, «الرياض» is the newspaper even where a club is named نادي الرياض)."""
    if m.kind != "name" or not any(kb.entries[i].label in PLACE_LABELS for i in m.entity_ids):
        return None
    j = context.previous_word(tokens, m.first)
    kinds = head_kinds(tokens[j]) if j is not None else None
    if kinds is not None and j is not None:
        if other_club(kb, tokens, m):
            return ""
        if tokens[j].stem in TEAM_HEADS and any(kb.entries[i].kind == "country" for i in m.entity_ids):
            return None  # فريق قطر is the national team (the country), not نادي قطر
        org = org_named_after(kb, m.key, kinds, tokens[j].stem)
        return None if not org and tokens[j].stem in TEAM_HEADS else org
    before = tokens[m.first - 1] if m.first > 0 else None
    after = tokens[m.last + 1] if m.last + 1 < len(tokens) else None
    quoted = (
        before is not None
        and after is not None
        and before.text in context.QUOTES
        and after.text in context.QUOTES
    )
    return (org_named_after(kb, m.key, MEDIA_KINDS, quoted=True) or None) if quoted else None


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


def person_namesake(kb: KnowledgeBase, tokens: Sequence[Token], m: RawMatch) -> bool:
    """مطار الملك خالد الدولي، مؤسسة الملك عبدالعزيز: a KB person's name right after a NAMESAKE_HEADS noun (a title
    such as الملك may stand between them) names the institution, which is not that person. The head is in the
    construct state, so without the article: مقدم البرنامج أحمد منصور is the presenter."""
    if not all(kb.entries[i].label == "PER" for i in m.entity_ids):
        return False
    j = m.first - 1
    if j >= 0 and tokens[j].norm in context.PERSON_TITLES:
        j -= 1
    head = tokens[j] if j >= 0 else None
    return head is not None and head.kind == "word" and head.stem in NAMESAKE_HEADS and "ال" not in head.prefix.split("+")


def head_noun_before(tokens: Sequence[Token], m: RawMatch) -> int | None:
    """Index of the head noun right before the name (جريدة in جريدة الرياض), if any."""
    j = m.first - 1
    return j if j >= 0 and head_kinds(tokens[j]) is not None else None


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


def whole_surname(tok: Token, kb: KnowledgeBase) -> tuple[str, int] | None:
    """A KB surname the segmenter split as clitic + word (باول as ب + أول "with the first", روته as روت + ه):
    (surname key, start) when the token — or the token after a conjunction و/ف (وباول) — is written exactly as the
    KB spells the surname (بأول, with its hamza, stays the word), else None."""
    if not (tok.prefix or tok.suffix) or tok.prefix.endswith("ال"):
        return None
    surface = "".join(c for c in tok.text if c not in MARKS)
    for skip in (0, 1) if surface[:1] in "وف" else (0,):
        word = surface[skip:]
        if word in kb.surname_spellings and normalize_key(word) in kb.person_parts:
            return normalize_key(word), tok.start + original_index(tok.text, skip)
    return None


def lone_surname(tok: Token, kb: KnowledgeBase) -> tuple[str, int] | None:
    """(KB surname key, start) of a word token that is a KB surname alone, clitics off (وبايدن، للعبادي)."""
    whole = whole_surname(tok, kb)
    if whole is not None:
        return whole
    if tok.stem not in kb.surname_stems or tok.suffix:
        return None
    key, start = surname_form(tok)
    return (key, start) if key in kb.person_parts else None


def surname_bearer(
    kb: KnowledgeBase,
    tokens: Sequence[Token],
    key: str,
    i: int,
    countries: Collection[str],
    year: int | None = None,
) -> KbEntry | None:
    """The KB person a lone surname `key` at token i means, or None: not a surname, or a relative's name
    (after بن/آل/أبو/عبد) or part of a compound surname (دا سيلفا). Shared surnames: a person of a country the
    document names, then one in the news in the document's `year` (rasad.kb.active_years.date_fit: باول in 2003
    is Colin Powell, in 2023 Jerome Powell), then prominence (highest office, most recent)."""
    ids = kb.person_parts.get(key)
    if not ids:
        return None
    j = context.previous_word(tokens, i)
    if j is not None and (tokens[j].norm in PATRONYMIC_MARKERS or tokens[j].norm in SURNAME_PARTICLES):
        return None
    return max(
        (kb.entries[e] for e in ids),
        key=lambda e: (e.country in countries, date_fit(e, year), person_rank(e)),
    )


def leader_group(kb: KnowledgeBase, tokens: Sequence[Token], first: int, person_id: str) -> KbEntry | None:
    """ميليشيات الحوثي: a leader's name after a group noun names the leader's organisation (the KB entry's
    `parent`) when he has one; قوات صالح (a head of state, parent a country) stays the person."""
    person = kb.entries.get(person_id)
    j = context.previous_word(tokens, first)
    if person is None or j is None or tokens[j].stem not in GROUP_NOUNS:
        return None
    parent = kb.entries.get(person.parent or "")
    return parent if parent is not None and parent.label == "ORG" else None


def _swallowable(kb: KnowledgeBase, tok: Token) -> bool:
    """May the tagger have pulled this word into a person's name by mistake? A title (الجنرال) or a saying or
    travel verb (قال، وصل) always; otherwise a verb (a word whose form + ت is in the news: أوفد/أوفدت) that is in
    no KB person's name, no name particle and no first word of any KB name (أشرف/أشرفت is Ashraf Ghani's name).
    Being unknown is not enough: most foreign first names (جواكيم، رودني) are unknown to the KB."""
    if tok.kind != "word":
        return False
    forms = {tok.norm, tok.stem, "ال" + tok.stem if tok.prefix.endswith("ال") else tok.stem}
    if forms & NOT_NAME_WORDS:
        return True
    known = (kb.person_words, kb.name_words, NAME_PARTICLES, PATRONYMIC_MARKERS)
    # وكي/وكيت may be و + a name (كيت): a word that may start with a conjunction is left alone
    verb = tok.stem[:1] not in "وف" and tok.stem in kb.verb_like_words
    return verb and len(tok.stem) > 2 and not any(f in words for f in forms for words in known)


def person_name_start(kb: KnowledgeBase, tokens: Sequence[Token], span: NerSpan, label: str) -> int:
    """Index of the token where the name in a tagger's span begins: its first token, or the next one for a PER
    span that swallowed a non-name word before a KB person (أوفد دقلو → دقلو, الجنرال موسوي → موسوي) — the rest
    is a KB person's name or alias, or one token that is a distinctive KB surname alone (docs/kb.md step 7), and
    the first word is no name word (`_swallowable`)."""
    first, last = span.first_token, span.last_token
    if label != "PER" or last <= first or not _swallowable(kb, tokens[first]):
        return first
    rest = tokens[first + 1 : last + 1]
    if len(rest) == 1 and lone_surname(rest[0], kb) is not None:
        return first + 1
    key = match_key(" ".join(t.text for t in rest))
    people = [i for i in kb.names.get(key, ()) if kb.entries[i].label == "PER"]
    return first + 1 if people else first
