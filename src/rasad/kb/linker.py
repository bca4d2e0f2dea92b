"""Linking one document: KB matches + NER spans → mentions and entities.

Order of work (each step documented in docs/kb.md):
1. exact KB matches (rasad.kb.matcher) and the one-edit pass over long organisation names;
2. ministries: وزارة + portfolio + nisba (وزارة الدفاع الروسية) become one ORG mention;
3. NER spans: a span overlapping a KB match is absorbed by it (its label steers disambiguation); a longer span
   whose label fits none of the KB matches inside it replaces them; the rest become candidates for local entities;
4. disambiguation of homonyms: NER label, a person title before the name, countries already seen in the
   document, then prominence (source trust, population, country/capital);
5. weak names (small geonames towns) need support — an NER place span or a place cue before them;
6. metonymy: a capital shown to act as its state links to the country (rasad.kb.context);
7. person coreference: parts of a person's full name (جونغ أون، كيم) link to that person; NER person spans that
   are part of a longer known name join it; KB surnames alone link when a title or NER supports them;
8. everything left from NER becomes a local entity with a stable id and a rendered English name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rasad.kb import context, coref, name_uses
from rasad.kb.active_years import dated_sense
from rasad.kb.demonyms import MINISTRIES, ministry_slug
from rasad.kb.entries import KbEntry
from rasad.kb.index import WEAK_POPULATION, KnowledgeBase, match_key
from rasad.kb.local_names import local_id, with_english_names
from rasad.kb.matcher import RawMatch, TokenView, find_fuzzy, find_matches, select_longest
from rasad.model import Entity, Geo, Mention, NerSpan, Token
from rasad.text.normalize import REMOVED, normalize_key

NER_LABELS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "GPE": "GPE"}
COMPATIBLE = {
    "PER": frozenset({"PER"}),
    "LOC": frozenset({"GPE", "LOC", "FAC"}),
    "GPE": frozenset({"GPE", "LOC", "FAC"}),
    "ORG": frozenset({"ORG", "EVENT", "FAC"}),
    "MISC": frozenset({"NORP", "EVENT", "MISC"}),
}
_MINISTRY_KEYS = {normalize_key(k): v for k, v in MINISTRIES.items()}
_WIZARA = normalize_key("وزارة")


@dataclass
class Resolved:
    """A mention in the making: span, label, entity id and kind."""

    start: int
    end: int
    first: int
    last: int
    label: str
    entity: str | None
    kind: str = "name"
    confidence: float = 1.0


@dataclass
class DocState:
    kb: KnowledgeBase
    tokens: Sequence[Token]
    text: str
    entities: dict[str, Entity] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    year: int | None = None  # of publication: which bearer of a shared lone surname fits (name_uses)


def _compatible(ner_label: str | None, entry_label: str) -> bool:
    return ner_label is None or entry_label in COMPATIBLE.get(ner_label, frozenset({entry_label}))


def _entity_from_entry(entry: KbEntry) -> Entity:
    geo = (
        Geo(entry.lat, entry.lon, entry.country, entry.geonames_id)
        if entry.lat is not None and entry.lon is not None
        else None
    )
    return Entity(
        entry.id, entry.label, entry.name_ar, entry.name_en, entry.wikidata, geo, entry.country, True
    )


def _use(state: DocState, entry: KbEntry) -> str:
    if entry.id not in state.entities:
        state.entities[entry.id] = _entity_from_entry(entry)
    return entry.id


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


class DocumentLinker:
    """Links one document; create one per document (it holds per-document state)."""

    def __init__(
        self, kb: KnowledgeBase, text: str, tokens: Sequence[Token], ner: Sequence[NerSpan], year: int | None
    ) -> None:
        self.state = DocState(kb, tokens, text, year=year)
        self.kb = kb
        self.tokens = tokens
        self.text = text
        self.ner = [s for s in ner if s.label in NER_LABELS]
        self._ya_as_maqsura: bool | None = None

    # ------------------------------------------------------------------ steps 1–3
    def _kb_matches(self) -> list[RawMatch]:
        view = TokenView(self.tokens)
        # نادي أبها الأدبي is a literary club: neither the football club nor the town, and the tagger's span stays
        exact = [
            m
            for m in find_matches(self.kb, self.tokens, view)
            if not name_uses.other_club(self.kb, self.tokens, m)
        ]
        fuzzy = find_fuzzy(self.kb, self.tokens, [(m.start, m.end) for m in exact if m.kind != "nisba"])
        return select_longest(exact + fuzzy) if fuzzy else exact

    def _ner_for(self, m: RawMatch) -> NerSpan | None:
        for span in self.ner:
            if _overlaps(span.start, span.end, m.start, m.end):
                return span
        return None

    def _absorb_ner(self, matches: list[RawMatch]) -> tuple[list[RawMatch], list[NerSpan]]:
        """Drop NER spans that a KB match explains; let a longer incompatible NER span replace KB matches."""
        leftover: list[NerSpan] = []
        dropped: set[int] = set()
        for span in self.ner:
            label = NER_LABELS[span.label]
            inside = [i for i, m in enumerate(matches) if _overlaps(span.start, span.end, m.start, m.end)]
            if not inside:
                leftover.append(span)
                continue
            fits = any(self._fits(matches[i], label) for i in inside)
            longer = span.last_token - span.first_token > max(
                matches[i].last - matches[i].first for i in inside
            )
            contains = all(span.start <= matches[i].start and matches[i].end <= span.end for i in inside)
            weak = all(self._weak_match(matches[i]) for i in inside)
            if not fits and contains and ((longer and label in ("PER", "ORG")) or weak):
                # The tagger saw a longer name, or a person/organisation where the KB only has a small town or
                # an adjective-like name (براندون the town vs a person Brandon): the tagger is more specific.
                dropped.update(inside)
                leftover.append(span)
        return [m for i, m in enumerate(matches) if i not in dropped], leftover

    def _weak_match(self, m: RawMatch) -> bool:
        """A match resting only on small geonames towns or on an adjective-like name."""
        if m.kind != "name":
            return False
        if m.key in self.kb.weak_keys:
            return True
        return " " not in m.key and all(
            self.kb.entries[i].source == "geonames" and self.kb.entries[i].population < WEAK_POPULATION
            for i in m.entity_ids
        )

    def _short_name_mismatch(self, m: RawMatch) -> bool:
        """Names of three letters or fewer must be written as listed (واس، وام): normalisation would otherwise
        let وأم ("and a mother") or a hamza-less form stand for them."""
        if len(m.key) > 3:
            return False
        surface = "".join(c for c in self.text[m.start : m.end] if c not in REMOVED)
        return not any(surface in self.kb.entries[i].names() for i in m.entity_ids)

    def _fits(self, m: RawMatch, label: str) -> bool:
        if m.kind == "nisba":
            return label in ("MISC", "LOC", "ORG")
        return any(_compatible(label, self.kb.entries[i].label) for i in m.entity_ids)

    # ------------------------------------------------------------------ step 4–6
    def _choose(self, m: RawMatch, ner_label: str | None) -> KbEntry | None:
        cands = [self.kb.entries[i] for i in m.entity_ids]
        if ner_label is not None and any(_compatible(ner_label, c.label) for c in cands):
            cands = [c for c in cands if _compatible(ner_label, c.label)]
        cands = [c for c in cands if not self._weak_unsupported(c, m, ner_label)]
        cands = dated_sense(cands, self.state.year)  # فيروس كورونا: MERS-era news vs SARS-CoV-2
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        titled = context.has_title_before(self.tokens, m.first)

        def score(c: KbEntry) -> float:
            s = c.prominence
            if titled and c.label == "PER":
                s += 2.0
            if c.country and c.country in self.state.countries:
                s += 1.5
            return s

        return max(cands, key=score)

    def _weak_unsupported(self, c: KbEntry, m: RawMatch, ner_label: str | None) -> bool:
        """Small geonames towns and adjective-like names (مالي) need an NER span or a place cue to count."""
        weak_town = c.source == "geonames" and c.population < WEAK_POPULATION and " " not in m.key
        if not weak_town and m.key not in self.kb.weak_keys:
            return False
        if ner_label is not None:
            return False
        return not context.is_place_use(self.tokens, m.first)

    def _country_of_nisba(self, key: str) -> KbEntry | None:
        info = self.kb.nisbas.get(key)
        if info is None:
            return None
        codes = [c for c in info.countries if c in self.state.countries] or list(info.countries)
        return self.kb.country_entry(codes[0])

    def _resolve_matches(self, matches: list[RawMatch]) -> list[Resolved]:
        # Countries from unambiguous matches first: they steer every later choice.
        for m in matches:
            if len(m.entity_ids) == 1:
                only = self.kb.entries[m.entity_ids[0]]
                if only.country:
                    self.state.countries.add(only.country)
        out: list[Resolved] = []
        for m in matches:
            span = self._ner_for(m)
            ner_label = NER_LABELS[span.label] if span is not None else None
            if m.kind == "nisba":
                if self._maqsura_nisba(m):
                    continue
                nisba_country = self._country_of_nisba(m.key)
                if nisba_country is not None:
                    out.append(
                        Resolved(
                            m.start, m.end, m.first, m.last, "NORP", _use(self.state, nisba_country), "nisba"
                        )
                    )
                continue
            media = name_uses.place_named_org(self.kb, self.tokens, m)
            if media is not None:
                if media:
                    out.append(self._media_mention(m, media))
                continue
            if name_uses.common_noun_use(self.kb, self.tokens, m) or name_uses.person_namesake(self.kb, self.tokens, m):
                continue
            entry = None if self._short_name_mismatch(m) else self._choose(m, ner_label)
            if entry is None:
                continue
            if entry.country:
                self.state.countries.add(entry.country)
            kind = "name"  # a misspelt name is still a name; its lower confidence tells it apart
            conf = 0.8 if m.kind == "fuzzy" else 1.0
            if entry.kind == "capital" and (
                context.is_state_actor(self.tokens, m.first) or self._coordinated_with_state(m, out)
            ):
                country = self.kb.country_entry(entry.country)
                if country is not None:
                    out.append(
                        Resolved(
                            m.start, m.end, m.first, m.last, "GPE", _use(self.state, country), "metonym", 0.9
                        )
                    )
                    continue
            out.append(
                Resolved(m.start, m.end, m.first, m.last, entry.label, _use(self.state, entry), kind, conf)
            )
        return out

    def _media_mention(self, m: RawMatch, org_id: str) -> Resolved:
        """The organisation named after a place; the mention takes in its head noun when it is there."""
        entry = self.kb.entries[org_id]
        j = name_uses.head_noun_before(self.tokens, m)
        if j is not None:
            start = name_uses.name_start(self.tokens[j])
            return Resolved(start, m.end, j, m.last, "ORG", _use(self.state, entry), "name", 0.9)
        return Resolved(m.start, m.end, m.first, m.last, "ORG", _use(self.state, entry), "name", 0.9)

    def _maqsura_nisba(self, m: RawMatch) -> bool:
        """A nisba written with final ى is another word (اليمنى "right-hand") outside Egyptian house style."""
        if not name_uses.ends_in_maqsura(self.text[m.start : m.end]):
            return False
        if self._ya_as_maqsura is None:
            self._ya_as_maqsura = name_uses.writes_ya_as_maqsura(self.tokens)
        return not self._ya_as_maqsura

    def _coordinated_with_state(self, m: RawMatch, done: list[Resolved]) -> bool:
        """وطهران right after a capital acting as its state (بين باريس وطهران) acts like it too."""
        tok = self.tokens[m.first]
        if not tok.prefix.startswith("و") or not done or context.is_place_use(self.tokens, m.first):
            return False
        prev = done[-1]
        j = context.previous_word(self.tokens, m.first)
        if j is None or prev.last != j:
            return False
        return prev.kind == "metonym"

    def _ministries(self, resolved: list[Resolved]) -> list[Resolved]:
        """وزارة الخارجية الروسية → one ORG mention (the authored ministry when the KB has it)."""
        out: list[Resolved] = []
        for r in resolved:
            j = context.previous_word(self.tokens, r.first)
            portfolio = _MINISTRY_KEYS.get(self.tokens[j].norm) if j is not None else None
            if (
                r.kind not in ("nisba", "name")
                or r.label not in ("NORP", "GPE")
                or portfolio is None
                or j is None
            ):
                out.append(r)
                continue
            k = context.previous_word(self.tokens, j)
            if k is not None and self.tokens[k].stem == _WIZARA:
                start_tok = k
            elif k is None or context.after_saying_verb(self.tokens, j):
                start_tok = j
            else:
                out.append(r)
                continue
            country = self.kb.entries.get(r.entity or "")
            if country is None or not country.country:
                out.append(r)
                continue
            start = self.tokens[start_tok].stem_start if start_tok == k else self.tokens[start_tok].start
            ministry = self._ministry_entity(self.tokens[j], portfolio, country)
            out.append(Resolved(start, r.end, start_tok, r.last, "ORG", ministry, "name", 0.9))
        return out

    def _ministry_entity(self, portfolio_token: Token, portfolio: str, country: KbEntry) -> str:
        authored = self.kb.ministries.get((country.country or "", portfolio_token.norm))
        if authored is not None:
            return _use(self.state, self.kb.entries[authored])
        entity_id = f"kb:{ministry_slug(portfolio)}-{(country.country or '').lower()}"
        if entity_id not in self.state.entities:
            name_ar = f"وزارة {portfolio_token.text} ({country.name_ar})"
            self.state.entities[entity_id] = Entity(
                entity_id,
                "ORG",
                name_ar,
                f"{portfolio} ({country.name_en or country.country})",
                None,
                None,
                country.country,
                True,
            )
        return entity_id

    # ------------------------------------------------------------------ steps 7–8
    def _span_start(self, tok: Token) -> int:
        whole = name_uses.whole_surname(tok, self.kb)  # باول is Powell, not ب + أول
        return whole[1] if whole is not None else name_uses.name_start(tok)

    def _person_index(
        self, resolved: list[Resolved], ner_people: list[tuple[Resolved, str]]
    ) -> coref.PartIndex:
        index = coref.PartIndex(self.kb.common_words, self.kb.frequent_words)
        for r in resolved:
            if r.label == "PER" and r.entity in self.kb.entries:
                for name in self.kb.entries[r.entity].names():
                    index.add(r.entity, match_key(name).split(" "))
        for r, key in ner_people:
            if r.entity is not None:
                index.add(r.entity, key.split(" "))
        return index

    def _ner_entities(self, leftover: list[NerSpan], resolved: list[Resolved]) -> list[Resolved]:
        """Local entities for NER spans the KB does not explain; person spans that are parts of a name join it."""
        out: list[Resolved] = []
        people: list[tuple[Resolved, str]] = []
        # Longer person spans first, so that a later short span can be recognised as part of them.
        for span in sorted(leftover, key=lambda s: -(s.last_token - s.first_token)):
            label = NER_LABELS[span.label]
            first = name_uses.person_name_start(self.kb, self.tokens, span, label)
            start = self._span_start(self.tokens[first])
            name = self.text[start : span.end]
            key = match_key(name)
            if not key:
                continue
            r = Resolved(start, span.end, first, span.last_token, label, None, "name", 0.7)
            if label == "PER":
                index = self._person_index(resolved, people)
                target = index.full.get(tuple(key.split(" "))) or index.lookup(
                    tuple(key.split(" ")), start, self._positions(resolved + out)
                )
                if target is not None:
                    r.entity, r.kind = target, "partial"
                    out.append(r)
                    continue
                surname = name_uses.surname_bearer(
                    self.kb, self.tokens, key, r.first, self.state.countries, self.state.year
                )
                if surname is not None:  # the tagger vouches for a lone distinctive KB surname (بخاري)
                    r.entity, r.kind, r.confidence = _use(self.state, surname), "partial", 0.8
                    out.append(r)
                    continue
            entity_id = local_id(name, label)
            if entity_id not in self.state.entities:
                # The English name is rendered in _output, only if a mention of it survives there.
                self.state.entities[entity_id] = Entity(entity_id, label, name, None, None, None, None, False)
            r.entity = entity_id
            out.append(r)
            if label == "PER":
                people.append((r, key))
        self._people = people
        return out

    @staticmethod
    def _positions(resolved: list[Resolved]) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for r in resolved:
            if r.entity is not None:
                positions.setdefault(r.entity, []).append(r.start)
        return positions

    def _kb_surnames(self, covered: list[bool]) -> list[Resolved]:
        """A distinctive surname of a KB person alone (بايدن، الرئيس بخاري) when a title before it or an NER
        person span over exactly it vouches for it. The word must be written as listed: a surname without the
        article never matches after one (السيد المعصوم is not Masum), and the word after بن/آل/أبو/عبد is a
        relative's name. A surname several people share goes to the one whose country the document already
        names, then to the most prominent (`person_parts` order: highest office, most recent)."""
        out: list[Resolved] = []
        ner_single = {
            s.first_token for s in self.ner if s.first_token == s.last_token and NER_LABELS[s.label] == "PER"
        }
        for i, tok in enumerate(self.tokens):
            if covered[i] or tok.kind != "word" or name_uses.ends_in_maqsura(tok.text):
                continue
            found = name_uses.lone_surname(tok, self.kb)
            if found is None:
                continue
            key, start = found
            if i in ner_single or context.has_title_before(self.tokens, i):
                entry = name_uses.surname_bearer(
                    self.kb, self.tokens, key, i, self.state.countries, self.state.year
                )
                if entry is None:
                    continue
                out.append(Resolved(start, tok.end, i, i, "PER", _use(self.state, entry), "partial", 0.8))
                covered[i] = True
        return out

    def link(self) -> tuple[list[Mention], list[Entity]]:
        matches, leftover = self._absorb_ner(self._kb_matches())
        resolved = self._ministries(self._resolve_matches(matches))
        resolved += self._ner_entities(leftover, resolved)
        covered = [False] * len(self.tokens)
        for r in resolved:
            for k in range(r.first, r.last + 1):
                covered[k] = True
        index = self._person_index(resolved, getattr(self, "_people", []))
        positions = self._positions(resolved)
        for start, end, first, last, entity_id in coref.find_parts(self.tokens, index, covered, positions):
            resolved.append(Resolved(start, end, first, last, "PER", entity_id, "partial", 0.9))
            for k in range(first, last + 1):
                covered[k] = True
        resolved += self._kb_surnames(covered)
        return self._output([self._group_named_after_leader(r) for r in resolved])

    def _group_named_after_leader(self, r: Resolved) -> Resolved:
        """ميليشيات الحوثي: the leader's organisation (rasad.kb.name_uses.leader_group)."""
        if r.kind != "partial" or r.label != "PER" or r.entity is None:
            return r
        group = name_uses.leader_group(self.kb, self.tokens, r.first, r.entity)
        if group is None:
            return r
        return Resolved(r.start, r.end, r.first, r.last, "ORG", _use(self.state, group), "metonym", 0.8)

    def _output(self, resolved: list[Resolved]) -> tuple[list[Mention], list[Entity]]:
        mentions: list[Mention] = []
        used: dict[str, None] = {}
        last_end = -1
        for r in sorted(resolved, key=lambda r: (r.start, -r.end)):
            if r.start < last_end or r.end <= r.start:
                continue  # overlaps an earlier mention (steps never should; keep the output clean)
            last_end = r.end
            mentions.append(
                Mention(
                    f"m{len(mentions) + 1}",
                    r.start,
                    r.end,
                    self.text[r.start : r.end],
                    r.label,
                    r.entity,
                    r.kind,
                    r.confidence,
                )
            )
            if r.entity is not None:
                used[r.entity] = None
        # Local entities get their English names here, once per document and only when they are output.
        entities = [self.state.entities[e] for e in used if e in self.state.entities]
        return mentions, with_english_names(entities, self.kb.english_words)


def link_document(
    kb: KnowledgeBase,
    text: str,
    tokens: Sequence[Token],
    ner: Sequence[NerSpan] = (),
    year: int | None = None,
) -> tuple[list[Mention], list[Entity]]:
    """Mentions (sorted, ids m1…) and the distinct entities they refer to, for one document of `year`."""
    return DocumentLinker(kb, text, tokens, ner, year).link()
