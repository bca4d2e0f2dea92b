"""Events of one document: triggers → senses chosen by their needs → arguments, modality, date, claim.

The steps, each cheap: one dictionary pass finds the triggers; participants are aligned to tokens once; each
sentence is cut into clauses; for every trigger the first sense whose condition holds (a protester actor for
سار/جاب/حاصر, a place for وصل …) is kept with its arguments. Then the same happening named twice in a sentence
(وصل … في زيارة) is counted once, and a sentence whose only sign of a protest is its protesters (وندد 125 ألف
متظاهر) gets a PROTEST event anchored on them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rasad.events.arguments import RELATIVES, Arguments, ClauseView, extract_arguments, participant_role
from rasad.events.lexicon import Lexicon, TriggerEntry
from rasad.events.match import CLAUSE_PUNCT, TriggerHit, TriggerMatcher
from rasad.events.modality import ModalityIndex
from rasad.events.participants import Participant, TokenIndex, build_participants
from rasad.model import Argument, Claim, Event, Mention, NerSpan, Sentence, Span, Timex, Token
from rasad.text.normalize import word_set

CLAUSE_OPENERS = word_set("فيما بينما حيث عندما لكن ولكن بعدما حين حينما إذ كما ثم وفيما وبينما وحيث")

# Keyword → (mode, CAMEO) refinements for senses the lexicon leaves generic, checked in this order.
_ASSAULT_MODES = (
    ("suicide-attack", "1831", "انتحاري انتحاريه انتحاريا انتحاريون انتحاريين استشهادي"),
    ("explosives", "183", "مفخخه مفخخ مفخختين ناسفه ناسف عبوه قنبله قنابل متفجرات تفجير انفجار لغم"),
    ("aerial", "195", "غاره غارات جويه جوي طائره طائرات مسيره مسيرات مقاتلات مروحيات"),
    ("heavy-weapons", "194", "صاروخ صواريخ قذائف قذيفه هاون مدفعيه دبابه دبابات كاتيوشا"),
    ("firearms", "193", "النار الرصاص رصاص مسلح مسلحون مسلحين رشاش رشاشه اعيره"),
)
_AID_MODES = (
    ("military", "072", "اسلحه سلاح صواريخ ذخائر قذائف عسكريه عسكري"),
    ("humanitarian", "073", "انسانيه غذائيه طبيه اغاثه اغاثيه"),
    ("economic", "071", "ماليه اقتصاديه قروض قرض"),
)
_REFINE = {
    "ASSAULT": tuple((m, c, frozenset(w.split())) for m, c, w in _ASSAULT_MODES),
    "AID": tuple((m, c, frozenset(w.split())) for m, c, w in _AID_MODES),
}
_REFINABLE_MODES = frozenset({None, "kill", "firearms", "storm"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    hit: TriggerHit
    sense: TriggerEntry
    args: Arguments
    sentence: int
    clause: ClauseView


# A trigger word inside an organisation's or a person's name is part of the name, not an event: قوات الدعم السريع,
# حركة المقاومة, جبهة النصرة, منظمة العفو.
_NAME_LABELS = frozenset({"ORG", "PER", "FAC", "EVENT", "MISC"})


def _outside_names(hits: list[TriggerHit], tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[TriggerHit]:
    spans = [(m.start, m.end) for m in mentions if m.kind == "name" and m.label in _NAME_LABELS]
    if not spans:
        return hits
    kept = []
    for hit in hits:
        start = tokens[hit.first].stem_start
        if not any(a <= start < b for a, b in spans):
            kept.append(hit)
    return kept


def _clauses(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    a = start
    for k in range(start, end):
        tok = tokens[k]
        if (tok.kind == "punct" and tok.text in CLAUSE_PUNCT) or (k > a and tok.norm in CLAUSE_OPENERS):
            if k > a:
                out.append((a, k))
            a = k + 1 if tok.kind == "punct" else k
    if end > a:
        out.append((a, end))
    return out


_MASDAR_BEFORE = word_set("في على عن من إلى بعد قبل أجل لأجل عبر خلال")


def _is_masdar(sense: TriggerEntry, tokens: Sequence[Token], hit: TriggerHit, view: ClauseView) -> bool:
    """A perfect-verb spelling read as a verbal noun: after a preposition (نجح في قتل) or with بـ/لـ attached
    (قامت بخطف، لقتل) — a perfect verb never takes those."""
    if sense.pos != "verb" or sense.imperfect or hit.tail >= 0:
        return False
    head = tokens[hit.first]
    parts = head.prefix.split("+") if head.prefix else []
    if "ب" in parts or "ل" in parts or (head.norm[:1] in ("ب",) and head.stem != head.norm):
        return True
    return hit.first - 1 >= view.start and tokens[hit.first - 1].norm in _MASDAR_BEFORE


# Participant classes that are actors of a type by definition, wherever they stand in the sentence.
_CLASS_ACTORS = {"PROTEST": ("protester",), "ASSAULT": ("armed",)}


def _sentence_actor(sense: TriggerEntry, views: Sequence[ClauseView], args: Arguments) -> list[Participant]:
    """For a protest or an attack with no actor in its clause: the sentence's protesters / armed men."""
    classes = _CLASS_ACTORS.get(sense.type)
    if not classes:
        return []
    used = {p.first for p in args.recipients}
    for view in views:
        for p in view.parts:
            if p.klass in classes and p.first not in used and view.role(p) in (None, "agent", "from"):
                return [p]
    return []


def _relative_antecedent(
    views: Sequence[ClauseView], view: ClauseView, tokens: Sequence[Token]
) -> list[Participant]:
    """The head of a relative clause that an earlier clause opened (جونغ أون الذي غادر …، وصل …)."""
    for earlier in views:
        if earlier.start >= view.start:
            break
        for p in earlier.parts:
            nxt = p.last + 1
            if earlier.role(p) is None and nxt < len(tokens) and tokens[nxt].norm in RELATIVES:
                return [p]
    return []


def _needs_met(sense: TriggerEntry, args: Arguments) -> bool:
    if sense.needs == "protester":
        return any(p.klass == "protester" for p in args.actors)
    if sense.needs == "place":
        return args.location is not None
    if (
        sense.needs == "visitor"
    ):  # someone (not a plane or a convoy) arriving at a place: وصل الرئيس إلى القاهرة
        return args.location is not None and any(
            p.klass in ("name", "official", "people") for p in args.actors
        )
    if sense.needs == "actor":
        return bool(args.actors)
    return True


def _prep_b_follows(tokens: Sequence[Token], hit: TriggerHit, end: int) -> bool:
    """The sense needs a following بـ phrase (طالب بـ … "demanded"; not طالب "student")."""
    for k in range(hit.last + 1, min(end, hit.last + 5)):
        if "ب" in tokens[k].prefix.split("+") or tokens[k].norm.startswith("ب"):
            return True
    return False


def _instrument(tokens: Sequence[Token], i: int) -> bool:
    """A weapon named in a بـ phrase is what is supplied or used, not an attack (تزويد روسيا بصواريخ وقذائف)."""
    parts = tokens[i].prefix.split("+")
    if "ب" in parts:
        return True
    return parts[:1] == ["و"] and i > 0 and "ب" in tokens[i - 1].prefix.split("+")


def _refine_mode(
    sense: TriggerEntry, tokens: Sequence[Token], clause: ClauseView
) -> tuple[str | None, str | None]:
    rules = _REFINE.get(sense.type)
    if not rules or sense.mode not in _REFINABLE_MODES:
        return sense.mode, sense.cameo
    words = {t.stem for t in tokens[clause.start : clause.end]} | {
        t.norm for t in tokens[clause.start : clause.end]
    }
    for mode, cameo, keys in rules:
        if words & keys:
            return mode, cameo
    return sense.mode, sense.cameo


def _argument(p: Participant, text: str) -> Argument:
    return Argument(p.start, p.end, text[p.start : p.end], p.entity)


class EventExtractor:
    """Holds the compiled lexicon and matcher; `extract()` is pure per document."""

    def __init__(self, lexicon: Lexicon, matcher: TriggerMatcher) -> None:
        self.lexicon = lexicon
        self.matcher = matcher

    def extract(
        self,
        text: str,
        published: str | None,
        sentences: Sequence[Sentence],
        tokens: Sequence[Token],
        mentions: Sequence[Mention] = (),
        timexes: Sequence[Timex] = (),
        claims: Sequence[Claim] = (),
        ner: Sequence[NerSpan] = (),
    ) -> tuple[Event, ...]:
        if not tokens:
            return ()
        hits = _outside_names(self.matcher.find(tokens), tokens, mentions)
        index = TokenIndex(tokens)
        parts = build_participants(
            text,
            tokens,
            index,
            mentions,
            ner,
            self.lexicon,
            self.matcher.trigger_forms,
            self.matcher.noun_forms,
        )
        modality = ModalityIndex(tokens)
        part_firsts = [p.first for p in parts]
        hit_firsts = [h.first for h in hits]
        events: list[Event] = []
        for s_idx, sent in enumerate(sentences):
            span = index.span(sent.start, sent.end)
            if span is None:
                continue
            a, b = span[0], span[1] + 1
            sent_hits = hits[bisect_left(hit_firsts, a) : bisect_left(hit_firsts, b)]
            sent_parts = parts[bisect_left(part_firsts, a) : bisect_left(part_firsts, b)]
            if not sent_hits and not any(p.klass == "protester" for p in sent_parts):
                continue  # nothing can make an event here
            views = []
            trigger_tokens = frozenset(h.first for h in sent_hits)
            for ca, cb in _clauses(tokens, a, b):
                in_clause = parts[bisect_left(part_firsts, ca) : bisect_left(part_firsts, cb)]
                roles = {p.first: participant_role(p, tokens, ca) for p in in_clause}
                views.append(ClauseView(ca, cb, list(in_clause), roles, trigger_tokens))
            if not views:
                continue
            candidates: list[_Candidate] = []
            for h_idx, hit in enumerate(sent_hits):
                view = next((v for v in views if v.start <= hit.first < v.end), None)
                if view is None:
                    continue
                limit = sent_hits[h_idx + 1].first if h_idx + 1 < len(sent_hits) else None
                for sense in hit.senses:
                    if sense.needs == "prep_b" and not _prep_b_follows(tokens, hit, view.end):
                        continue
                    if sense.needs == "not_instrument" and _instrument(tokens, hit.first):
                        continue
                    if _is_masdar(sense, tokens, hit, view):
                        sense = replace(
                            sense, pos="noun", frame="patient" if sense.frame == "trans" else "noun"
                        )
                    args = extract_arguments(hit, sense, view, tokens, limit)
                    if not args.actors and sense.pos != "noun":
                        args.actors = _relative_antecedent(views, view, tokens)
                    if not args.actors:
                        args.actors = _sentence_actor(sense, views, args)
                    if _needs_met(sense, args):
                        candidates.append(_Candidate(hit, sense, args, s_idx, view))
                        break
            candidates = _merge_repeats(candidates)
            _protest_targets(candidates)
            governed = _complements(candidates)
            sent_events = [
                self._event(c, tokens, text, modality, published, timexes, claims, governed.get(c.hit.first))
                for c in candidates
            ]
            implicit = _implicit_protest(views, tokens, s_idx, candidates)
            if implicit is not None:
                sent_events.append(self._event(implicit, tokens, text, modality, published, timexes, claims))
            events.extend(sent_events)
        events.sort(key=lambda e: e.trigger.start)
        return tuple(replace(e, id=f"e{i}") for i, e in enumerate(events, 1))

    def _event(
        self,
        c: _Candidate,
        tokens: Sequence[Token],
        text: str,
        modality: ModalityIndex,
        published: str | None,
        timexes: Sequence[Timex],
        claims: Sequence[Claim],
        governed: str | None = None,
    ) -> Event:
        mode, cameo = _refine_mode(c.sense, tokens, c.clause)
        mod = modality.modality(c.hit.first, c.hit.last, c.clause.start, c.clause.end)
        if governed is not None and mod == "asserted":
            mod = governed
        event = Event(
            id="",
            type=c.sense.type,
            mode=mode,
            cameo=cameo,
            actors=tuple(_argument(p, text) for p in c.args.actors),
            recipients=tuple(_argument(p, text) for p in c.args.recipients),
            location=_argument(c.args.location, text) if c.args.location else None,
            date=None,
            modality=mod,
            trigger=Span(c.hit.start, c.hit.end, text[c.hit.start : c.hit.end]),
            sentence=c.sentence,
        )
        return self._dated(event, tokens, c.clause, published, timexes, claims)

    @staticmethod
    def _dated(
        event: Event,
        tokens: Sequence[Token],
        clause: ClauseView,
        published: str | None,
        timexes: Sequence[Timex],
        claims: Sequence[Claim],
    ) -> Event:
        c_start, c_end = tokens[clause.start].start, tokens[clause.end - 1].end
        date = _timex_date(event.trigger.start, c_start, c_end, timexes)
        if date is None and event.modality in ("asserted", "negated"):
            date = published
        claim = next(
            (cl.id for cl in claims if cl.content.start <= event.trigger.start < cl.content.end), None
        )
        return replace(event, date=date, claim=claim)


# An event named as what is demanded, threatened or refused did not (yet) happen: طالب بالإفراج، رفض الانسحاب.
_GOVERNING = {"REQUEST": "hypothetical", "THREATEN": "hypothetical", "REJECT": "negated"}
_COMPLEMENT_WINDOW = 4


def _complements(candidates: Sequence[_Candidate]) -> dict[int, str]:
    """Token index of each trigger that is the complement of a request/threat/refusal → its modality."""
    out: dict[int, str] = {}
    for c in candidates:
        mod = _GOVERNING.get(c.sense.type)
        if mod is None:
            continue
        for other in candidates:
            k = other.hit.first
            if other is not c and c.hit.last < k <= c.hit.last + _COMPLEMENT_WINDOW and k < c.clause.end:
                out.setdefault(k, mod)
    return out


def _timex_date(position: int, c_start: int, c_end: int, timexes: Sequence[Timex]) -> str | None:
    """Value of the nearest dated timex in the trigger's clause."""
    best: tuple[int, str] | None = None
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.value or not t.value[:1].isdigit():
            continue
        if not (c_start <= t.start < c_end):
            continue
        distance = abs(t.start - position)
        if best is None or distance < best[0]:
            best = (distance, t.value)
    return best[1] if best else None


def _overlaps(a: Sequence[Participant], b: Sequence[Participant]) -> bool:
    return any(p.start < q.end and q.start < p.end for p in a for q in b)


def _merge_repeats(candidates: list[_Candidate]) -> list[_Candidate]:
    """One event per happening and sentence: a noun that names the event a verb (or an earlier noun) already
    reported (وصل … في زيارة، الزيارة … اللقاء) is folded into it when their actors are compatible."""
    kept: list[_Candidate] = []
    for c in candidates:
        twin = None
        if c.sense.pos != "verb" and not (c.sense.pos == "phrase" and c.sense.frame != "noun"):
            for k in kept:
                same_clause = k.clause.start == c.clause.start
                if k.sense.type == c.sense.type and (
                    same_clause or not c.args.actors or _overlaps(c.args.actors, k.args.actors)
                ):
                    twin = k
                    break
        if twin is None:
            kept.append(c)
            continue
        args = twin.args
        if not args.recipients and c.args.recipients:
            args.recipients = c.args.recipients
        if args.location is None and c.args.location is not None:
            args.location = c.args.location
    return kept


_GRIEVANCE_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _protest_targets(candidates: Sequence[_Candidate]) -> None:
    """A protest with no target takes the target of what its protesters demand or denounce in the sentence
    (تظاهروا … مطالبين برحيل الحكومة، خرجوا للتنديد بزيارة …)."""
    grievances = [c for c in candidates if c.sense.type in _GRIEVANCE_TYPES and c.args.recipients]
    for c in candidates:
        if c.sense.type != "PROTEST" or c.args.recipients:
            continue
        after = [g for g in grievances if g.hit.first > c.hit.first]
        if after:
            actors = {p.first for p in c.args.actors}
            c.args.recipients = [p for p in after[0].args.recipients if p.first not in actors]


_DEMONSTRATOR_STEMS = ("متظاهر", "محتج", "معتصم", "مضرب")


def _demonstrator(token: Token) -> bool:
    """Nouns that name people taking part in a protest (متظاهرون، محتجين، معتصمون، المضربين)."""
    return token.stem.startswith(_DEMONSTRATOR_STEMS) or token.norm.lstrip("وف").startswith(
        tuple("ال" + s for s in _DEMONSTRATOR_STEMS) + _DEMONSTRATOR_STEMS
    )


def _implicit_protest(
    views: Sequence[ClauseView],
    tokens: Sequence[Token],
    s_idx: int,
    candidates: Sequence[_Candidate],
) -> _Candidate | None:
    if any(c.sense.type == "PROTEST" for c in candidates):
        return None
    used = {p.first for c in candidates for p in c.args.recipients}
    for view in views:
        for p in view.parts:
            if p.klass != "protester" or view.role(p) is not None or p.first in used:
                continue
            k = next((k for k in range(p.first, p.last + 1) if _demonstrator(tokens[k])), -1)
            if k < 0:
                continue  # activists or revolutionaries alone are no sign of a protest happening
            head = tokens[k]
            hit = TriggerHit(k, k, head.stem_start if k != p.first else p.start, head.end, ())
            sense = TriggerEntry("PROTEST", "demo", "141", "noun", frame="noun")
            args = Arguments(actors=[p])
            return _Candidate(hit, sense, args, s_idx, view)
    return None
