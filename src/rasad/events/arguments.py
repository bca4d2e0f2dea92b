"""Actors, recipients and place of one trigger, read off Arabic clause structure.

No parser: the clause is a token range (punctuation and clause openers such as فيما، بينما، حيث، عندما end it),
and each participant is marked by what governs it — a standalone preposition before it (في، إلى، على، مع …),
a clitic preposition on its first token (بـ، لـ), an agent phrase (على يد، من قبل), or nothing (a core argument).

Verbs: a singular verb takes the first core participant after it as subject (VSO); a plural verb, a verb right
after أن, or one after a relative pronoun (الذي، التي، الذين) takes the nearest core participant before it (SVO,
سبق للبيت الأبيض أن حذّر, جونغ أون الذي غادر). The next core participant is the object (= recipient). Passive
senses (أُصيب، لقي مصرعه) and violent verbs whose subject is a victim noun (قُتل 18 شخصاً) make the subject the
recipient. Nouns: the genitive right after the noun is the actor (زيارة كيم) or, for patient nouns, the
recipient (مقتل ثلاثة أشخاص, دعم القوات); بين X وY gives both. Prepositions then fill what is missing: مع for
co-participants, على/ضد for targets, إلى/نحو for destinations, في/من/بـ for places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rasad.events.lexicon import TriggerEntry
from rasad.events.match import TriggerHit
from rasad.events.participants import STOP_WORDS, Participant
from rasad.model import Token
from rasad.text.normalize import normalize_key, word_set

_PREPOSITIONS = {
    normalize_key(word): role
    for role, words in (
        ("in", "في داخل وسط"),
        ("to", "إلى نحو باتجاه اتجاه صوب"),
        ("on", "على ضد تجاه بحق"),
        ("with", "مع برفقة"),
        ("from", "من منذ"),
        ("about", "عن"),
        ("between", "بين"),
        ("at", "لدى أمام قرب خارج عند حول قبالة"),
    )
    for word in words.split()
}
_QUOTES = frozenset("«»\"“”'")
# Nouns that head a place phrase before a name: في مدينة البصرة، أمام مقر البرلمان.
_PLACE_HEADS = word_set(
    "مدينة بلدة قرية منطقة محافظة ولاية إقليم اقليم مقاطعة مقر مبنى سفارة حي شارع ساحة ميدان مخيم قضاء "
    "العاصمة عاصمة جامعة مطار ضريح مركز مدن مناطق أحياء شوارع ضاحية قاعدة معبر ميناء سجن مسجد كنيسة"
)
_AUX = word_set("كان كانت كانوا كانا قد لقد يكون تكون يكونوا")
_SUPPORT = word_set(
    "نفذ نفذت نفذه نفذها نفذته نفذوا نفذتا تبنى تبنت تبنته تبناه تبنتها شن شنت شنه شنها شنوا ارتكب ارتكبت "
    "ارتكبه ارتكبها ارتكبوا يفرضه يفرضها تفرضه تفرضها فرضه فرضها يشنه يشنها ينفذه ينفذها تنفذه تنفذها نظمها نظمه "
    "نظمتها نظمته ينظمها ينظمه"
)
_PASSIVE_PRONE = frozenset({"kill", "abduct", "arrest", None})
_COUNT_WORDS = word_set(
    "اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرات مئات آلاف الآلاف العشرات المئات أكثر اكثر "
    "نحو حوالي حوالى زهاء قرابة"
)
_SKIP_TIME = word_set("أمس امس اليوم مساء صباح ليلة فجر")
RELATIVES = word_set("الذي التي الذين اللذين اللتين اللذان اللتان اللواتي")
_THAT = frozenset({"ان"})
_SUFFER = word_set("تعرض تعرضت تعرضوا يتعرض تتعرض يتعرضون تعرضا")
_TARGET_TYPES = frozenset(
    {"ASSAULT", "SANCTION", "ACCUSE", "PROTEST", "THREATEN", "COERCE", "REJECT", "REQUEST"}
)
_WITH_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
_SUBJECT_WINDOW = 6
_OBJECT_WINDOW = 4
_GENITIVE_WINDOW = 3


@dataclass
class Arguments:
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    location: Participant | None = None


def _prep_of(token: Token) -> str | None:
    """The role a clitic preposition on `token` gives (بـ → by, لـ → for, كـ → as)."""
    parts = token.prefix.split("+") if token.prefix else []
    for p in parts:
        if p == "ب":
            return "by"
        if p == "ل":
            return "for"
        if p == "ك":
            return "as"
    return None


def participant_role(p: Participant, tokens: Sequence[Token], clause_start: int) -> str | None:
    """What governs a participant: a preposition role, "agent" (على يد / من قبل), or None (core)."""
    tok = tokens[p.first]
    role = _prep_of(tok)
    # The tokenizer kept a rare clitic form whole (لبيونغيانغ) and the mention itself starts after it.
    if role is None and tok.norm[:1] in ("ب", "ل") and p.label != "GENERIC" and p.start > tok.start:
        role = "by" if tok.norm[0] == "ب" else "for"
    k = p.first - 1
    while k >= clause_start and tokens[k].kind == "punct" and tokens[k].text in _QUOTES:
        k -= 1
    if k < clause_start:
        return role
    prev = tokens[k].norm
    if prev in ("يد", "ايدي", "قبل") and k - 1 >= clause_start and tokens[k - 1].norm in ("على", "من"):
        return "agent"
    if role is not None:
        return role
    if prev in ("ب", "ل"):  # a clitic written apart: لـ«الشرق الأوسط»
        return "by" if prev == "ب" else "for"
    found = _prep_word(prev)
    if found is None and k - 1 >= clause_start and tokens[k].stem in _PLACE_HEADS:
        # prep + place noun + participant: في مدينة البصرة، أمام مقر البرلمان، بمدينة العريش.
        found = _prep_word(tokens[k - 1].norm) or _prep_of(tokens[k])
    return found


def _prep_word(norm: str) -> str | None:
    return _PREPOSITIONS.get(norm[1:] if norm[:1] == "و" and norm[1:] in _PREPOSITIONS else norm)


@dataclass
class ClauseView:
    """The participants of one clause with their roles."""

    start: int
    end: int  # exclusive token index
    parts: list[Participant]
    roles: dict[int, str | None]  # participant first-token → role
    triggers: frozenset[int] = frozenset()  # token indices of the sentence's triggers

    def role(self, p: Participant) -> str | None:
        return self.roles.get(p.first)


def _coordinated(p: Participant, view: ClauseView, tokens: Sequence[Token]) -> list[Participant]:
    """`p` and the participants joined to it with و (بوتين وجونغ أون)."""
    out = [p]
    cur = p
    for q in view.parts:
        if q.first <= cur.last:
            continue
        gap = q.first - cur.last
        joined = (gap == 1 and tokens[q.first].prefix.startswith("و")) or (
            gap == 2 and tokens[cur.last + 1].norm == "و"
        )
        if not joined:
            break
        out.append(q)
        cur = q
    return out


def _core_after(view: ClauseView, index: int, window: int, human: bool = False) -> Participant | None:
    for p in view.parts:
        if p.first > index and view.role(p) is None and not (human and p.is_place):
            return p if p.first - index <= window else None
    return None


def _core_before(
    view: ClauseView, index: int, roles: tuple[str | None, ...] = (None,), human: bool = False
) -> Participant | None:
    """Nearest participant before `index` with one of `roles`; `human`: skip places (a plural verb's subject is
    people, never a country: مساجد الخرطوم ينددون)."""
    for p in reversed(view.parts):
        if p.last < index and view.role(p) in roles and not (human and p.is_place):
            return p
    return None


def _verb_arguments(
    hit: TriggerHit, sense: TriggerEntry, view: ClauseView, scope: ClauseView, tokens: Sequence[Token]
) -> Arguments:
    args = Arguments()
    head = tokens[hit.first]
    k = hit.first - 1
    while k >= view.start and tokens[k].norm in _AUX:
        k -= 1
    prev = tokens[k].norm if k >= view.start else ""
    plural = head.norm.endswith(("وا", "ون"))
    subject: Participant | None = None
    subject_after = False
    if hit.tail > hit.last:
        # A verb + object phrase (فجّر … نفسه، أطلق … النار): a subject after the verb stands before the object.
        window = hit.tail - hit.last - 1
        subject = _core_after(view, hit.last, window) if window > 0 else None
        subject = subject if subject is not None and subject.last < hit.tail else None
        subject_after = subject is not None
        if subject is None:
            subject = (
                _core_before(view, hit.first) if prev not in _THAT else _core_before(view, k, (None, "for"))
            )
    elif prev in _THAT:
        subject = _core_before(view, k, (None, "for")) or _core_after(view, hit.last, _SUBJECT_WINDOW)
        subject_after = subject is not None and subject.first > hit.last
    elif prev in RELATIVES:
        subject = _core_before(view, k)
    else:
        if not plural:
            subject = _core_after(view, hit.last, _SUBJECT_WINDOW)
            subject_after = subject is not None
        if subject is None:
            subject = _core_before(view, hit.first, human=plural)
        if subject is None and plural:
            subject = _core_after(view, hit.last, _SUBJECT_WINDOW, human=True)
            subject_after = subject is not None
    subjects = _coordinated(subject, view, tokens) if subject else []
    after_index = subjects[-1].last if subject_after and subjects else hit.last
    objects: list[Participant] = []
    if sense.frame in ("trans", "passive"):
        # The object follows the verb (and a VSO subject) closely; a name further on belongs to something else.
        cand = _core_after(scope, after_index, _OBJECT_WINDOW)
        if cand is not None and cand not in subjects:
            objects = _coordinated(cand, view, tokens)
    victim_subject = bool(subjects) and subjects[0].klass in ("victim", "people")
    prone = sense.type in ("ASSAULT", "COERCE") and sense.mode in _PASSIVE_PRONE
    counted = subject_after and _counted(tokens, hit.last, subjects[0].first)
    if sense.frame == "passive" or (prone and (counted or (victim_subject and not objects))):
        args.recipients = subjects
        return args
    if not objects and sense.frame == "trans" and sense.pos == "verb" and sense.type in _OBJECT_TYPES:
        # An object that is no named or generic participant: هاجم مسلحون قافلة عسكرية، اختطفوا نقيب الصيادلة.
        thing = _object_phrase(tokens, after_index + 1, scope)
        objects = [thing] if thing is not None else []
    args.actors = subjects
    args.recipients = objects
    return args


_OBJECT_TYPES = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "PROTEST", "CONSULT", "SUPPORT"}
)


def _object_phrase(tokens: Sequence[Token], k: int, scope: ClauseView) -> Participant | None:
    """The noun phrase starting at token `k` (a noun and up to two adjectives/genitives), when `k` opens one."""
    if k >= scope.end or k in scope.triggers or any(p.first <= k <= p.last for p in scope.parts):
        return None
    head = tokens[k]
    if (
        head.kind != "word"
        or head.prefix not in ("", "ال")
        or head.norm in STOP_WORDS
        or head.norm[:1] == "ي"
    ):
        return None
    last = k
    while last + 1 < scope.end and last - k < 2:
        nxt = tokens[last + 1]
        if nxt.kind != "word" or nxt.prefix not in ("", "ال") or nxt.norm in STOP_WORDS:
            break
        if last + 1 in scope.triggers or any(p.first == last + 1 for p in scope.parts):
            break
        last += 1
    # The text is filled from the document when the argument is built (tokens may be separated by any space).
    return Participant(head.start, tokens[last].end, "", None, "GENERIC", "thing", k, last)


def _counted(tokens: Sequence[Token], after: int, first: int) -> bool:
    """A count right after a violent verb (قتل 12 شخصا، قتل أمس سبعة من عناصر الشرطة) marks the passive."""
    k = after + 1
    while k < first and tokens[k].norm in _SKIP_TIME:
        k += 1
    return (k < first and (tokens[k].kind == "number" or tokens[k].norm in _COUNT_WORDS)) or (
        k == first and tokens[k].norm in _COUNT_WORDS
    )


def _noun_arguments(
    hit: TriggerHit, sense: TriggerEntry, view: ClauseView, tokens: Sequence[Token]
) -> Arguments:
    args = Arguments()
    genitive: Participant | None = None
    for p in view.parts:
        if p.first <= hit.last:
            continue
        if p.first - hit.last <= _GENITIVE_WINDOW and view.role(p) is None:
            between = [
                t
                for t in tokens[hit.last + 1 : p.first]
                if t.text not in _QUOTES and t.kind != "number" and t.norm not in _COUNT_WORDS
            ]
            if all(
                t.kind == "word" and t.prefix in ("", "ال") and not _PREPOSITIONS.get(t.norm) for t in between
            ):
                genitive = p
        break
    if genitive is not None:
        group = _coordinated(genitive, view, tokens)
        if sense.frame == "patient":
            args.recipients = group
        else:
            args.actors = group
    if not args.actors:
        for p in view.parts:
            if (
                p.first > hit.last
                and p.first - hit.last <= 2
                and view.role(p) == "from"
                and p.label not in ("LOC", "FAC")
            ):
                if sense.type in ("THREATEN", "ACCUSE", "REQUEST", "SUPPORT", "REJECT"):
                    args.actors = [p]
                break
    if not args.actors:
        # الهجوم الذي نفذه مسلحون، هجوم انتحاري تبنته طالبان، الحصار الذي يفرضه المتظاهرون.
        for k in range(hit.last + 1, min(view.end, hit.last + 5)):
            norm = tokens[k].norm
            if norm in RELATIVES or norm in _SUPPORT:
                start = k + 1 if norm in RELATIVES else k
                for j in range(start, min(view.end, start + 2)):
                    if tokens[j].norm in _SUPPORT:
                        cand = _core_after(view, j, 3)
                        if cand is not None:
                            args.actors = _coordinated(cand, view, tokens)
                        break
                break
    if not args.actors:
        # The subject of the clause the noun sits in: قيام بيونغيانغ بتزويد، نفذت القوات ضربة، إسرائيل نفذت ضربة.
        suffer = next(
            (k for k in range(hit.first - 1, view.start - 1, -1) if tokens[k].norm in _SUFFER), None
        )
        if suffer is not None and not args.recipients:
            target = _core_after(view, suffer, 4) or _core_before(view, suffer)
            if target is not None and target.last < hit.first:
                args.recipients = [target]
        else:
            cand = _core_before(view, hit.first)
            if cand is not None and cand.klass != "victim" and cand not in args.recipients:
                args.actors = _coordinated(cand, view, tokens)
    return args


def extract_arguments(
    hit: TriggerHit, sense: TriggerEntry, view: ClauseView, tokens: Sequence[Token], limit: int | None = None
) -> Arguments:
    """Arguments of `hit` read as `sense` in its clause; objects and prepositional phrases are looked for only
    before `limit` (the next trigger), since a phrase belongs to the nearest predicate before it."""
    end = view.end if limit is None else min(view.end, limit)
    scope = ClauseView(view.start, end, [p for p in view.parts if p.first < end], view.roles, view.triggers)
    if sense.pos == "verb" or (sense.pos == "phrase" and sense.frame != "noun"):
        args = _verb_arguments(hit, sense, view, scope, tokens)
    else:
        args = _noun_arguments(hit, sense, scope, tokens)
    agents = [p for p in view.parts if view.role(p) == "agent"]
    if agents and (not args.actors or sense.frame == "passive"):
        args.actors = agents[:1]
    taken = {p.first for p in args.actors} | {p.first for p in args.recipients}
    after = [p for p in scope.parts if p.first > hit.last and p.first not in taken]
    for p in after:
        role = view.role(p)
        if role == "between" and not args.actors:
            group = _coordinated(p, scope, tokens)
            args.actors = group[:1]
            args.recipients = args.recipients or group[1:]
        elif args.recipients:
            continue
        elif role == "with" or (role == "by" and sense.frame == "with"):
            if sense.type in _WITH_TYPES:
                args.recipients = [p]
        elif (
            (role == "on" and sense.type in _TARGET_TYPES)
            or (role == "to" and sense.type in ("CONSULT", "AID", "SUPPORT") and not p.is_place)
            or (role == "to" and sense.type == "CONSULT" and p.is_place)
            or (role == "for" and sense.type in ("AID", "SUPPORT"))
            or (role == "about" and sense.type == "RETREAT")
        ):
            args.recipients = [p]
    if not args.recipients and sense.type in _TARGET_TYPES:
        # A target that is no participant: أطلقت صاروخا على المدرسة الزراعية، هجوم ضد مركز للتدريب.
        for k in range(hit.last + 1, scope.end):
            if tokens[k].norm in ("على", "ضد") and k + 1 not in taken:
                thing = _object_phrase(tokens, k + 1, scope)
                if thing is not None:
                    args.recipients = [thing]
                break
    args.location = _location(hit, scope, args)
    if args.location is None and sense.mode in ("visit", "host"):
        args.location = next((p for p in args.recipients if p.is_place), None)
    # A participant is never both actor and recipient.
    actor_ids = {p.first for p in args.actors}
    args.recipients = [p for p in args.recipients if p.first not in actor_ids]
    return args


_PLACE_ROLES = ("in", "to", "at", "from", "by")


def _location(hit: TriggerHit, view: ClauseView, args: Arguments) -> Participant | None:
    used = {p.first for p in args.actors}
    places = [p for p in view.parts if p.is_place and p.first not in used]
    after = [p for p in places if p.first > hit.last and view.role(p) in _PLACE_ROLES]
    if after:
        return after[0]
    # Before the trigger only a place phrase proper (وفي لندن توجه …), not a source (تحذيرات من واشنطن).
    before = [p for p in places if p.last < hit.first and view.role(p) in ("in", "at")]
    return before[-1] if before else None
