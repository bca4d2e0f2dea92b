"""The assembled knowledge base: entries by id, a name automaton, and the small indexes the linker uses.

Sources, merged by id in this order (a later source's non-empty fields win, aliases are united):
CLDR countries (babel) → compiled geonames cities (cities.tsv, see rasad.kb.build) → every authored `*.tsv` in
resources/kb (places, people, organizations …) → government seats and the demonym table.

Names are indexed by their matching key: `normalize_key` then one space between tokens (the same tokenisation the
document view uses), so "بيونغ يانغ" and a hyphenated name match however the text spaces them. A key whose first
word carries the article also gets an elided variant (البيت الأبيض → لبيت الأبيض) that matches only after the
preposition ل (للبيت الأبيض), where Arabic writes لل and drops the article's alef; the mention then starts at
the stem (بيت الأبيض, see rasad.kb.matcher).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from rasad.kb.context import PERSON_TITLES
from rasad.kb.countries import country_entries
from rasad.kb.demonyms import MINISTRIES, SEAT_BODIES, Demonym, read_demonyms
from rasad.kb.entries import KbEntry
from rasad.kb.tables import LoadReport, read_cities, read_table
from rasad.text.normalize import normalize_key, word_set
from rasad.text.tokenize import iter_raw_tokens

log = logging.getLogger(__name__)

GENERATED_FILES = ("cities.tsv",)
NAME_PARTICLES = word_set("بن بنت ابن أبو أبي آل عبد الله الدين")  # words rendered only in context
# A name word after one of these is a father's, family's or kunya name (بن سلمان، آل سعود، أبو مازن): it names a
# relative or a whole family, never the person alone.
PATRONYMIC_MARKERS = word_set("بن بنت ابن أبو أبي أبا آل عبد")
# Nobiliary particles of Western names: a word after one is part of a compound surname that many people share
# (نيمار دا سيلفا is not Lula da Silva), so it is no lone surname in the text.
SURNAME_PARTICLES = word_set("دا دي دو دوس دل ديل فان فون")
# Name words that are ordinary words in news: ordinals of regnal names (عبدالله الثاني), months (Di Maio → مايو),
# weekdays (Khamis → الخميس), so a lone one is never a surname.
NOT_SURNAMES = word_set(
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر عشر الحادي الأكبر الأصغر "
    "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة خميس جمعة"
)
COMMON_WORD_COUNT = 5_000  # in the 8.8M-word news vocabulary
VERB_FORM_COUNT = 3  # a word's form + ت seen this often makes it a verb (أوفدت), see verb_like_words
# A lone surname is "distinctive" below this corpus count (بايدن، فابيوس), or below DISTINCTIVE_MAX when the
# word shows none of the forms of an ordinary word (article, feminine, plural: أوباما، كيري، الأسد).
DISTINCTIVE_COUNT = 300
DISTINCTIVE_MAX = 2_500
ORDINARY_SHARE = 0.05
# Which of several people sharing a surname a lone surname means: the highest office first, then the most recent.
# Other political kinds (politician, org_leader, royal, militant_leader) rank 1; people outside politics rank 0,
# so a lone surname shared by a minister and a footballer is the minister's unless the context says otherwise
# (a country the document names, its publication date: rasad.kb.name_uses.surname_bearer).
CAREER_KINDS = ("athlete", "coach", "artist", "writer", "cleric", "businessperson")
KIND_RANK = {
    "head_of_state": 5,
    "head_of_government": 4,
    "foreign_minister": 3,
    "defense_minister": 2,
    **dict.fromkeys(CAREER_KINDS, 0),
}
_YEAR = re.compile(r"(?:19|20)\d\d")
_OPEN_RANGE = re.compile(r"(?:19|20)\d\d\s*[–-]\s*(?:$|[;,)])")
WEAK_POPULATION = 200_000  # geonames towns smaller than this need context support (see rasad.kb.linker)
DEMONYM_FILE = "demonyms.tsv"


def match_key(name: str) -> str:
    """The matching key of a name: normalised, tokens joined by single spaces."""
    norm = normalize_key(name)
    return " ".join(norm[s:e] for s, e, _ in iter_raw_tokens(norm))


@dataclass(frozen=True, slots=True)
class NisbaInfo:
    countries: tuple[str, ...]  # ISO codes
    feminine_singular: bool


class KnowledgeBase:
    """Entries, name keys and the automaton over them; picklable (the automaton is rebuilt on load)."""

    def __init__(
        self,
        entries: dict[str, KbEntry],
        demonyms: list[Demonym],
        report: LoadReport,
        vocab: Mapping[str, int] | None = None,
    ) -> None:
        self.entries = entries
        self.report = report
        self.by_country = {e.country: e.id for e in entries.values() if e.kind == "country" and e.country}
        self.names: dict[str, tuple[str, ...]] = {}
        names: dict[str, list[str]] = defaultdict(list)
        for entry in entries.values():
            for name in entry.names():
                key = match_key(name)
                if key and entry.id not in names[key]:
                    names[key].append(entry.id)
        self.names = {k: tuple(v) for k, v in names.items()}
        self.nisbas: dict[str, NisbaInfo] = {}
        for d in demonyms:
            key = match_key(d.form)
            countries = tuple(c for c in d.countries if c in self.by_country)
            if key and countries and key not in self.nisbas:
                self.nisbas[key] = NisbaInfo(countries, d.feminine_singular)
        # First words of names, for the tokenizer's clitic decisions; small geonames towns are left out so that a
        # rare place name cannot make it split an ordinary word.
        strong = [k for k, ids in self.names.items() if any(not self._is_weak(entries[i]) for i in ids)]
        self.name_words = frozenset(k.split(" ")[0] for k in [*strong, *self.nisbas] if len(k) > 2)
        vocab = vocab or {}
        # Words too frequent in news to stand alone for one person (علي — also على —, محمد).
        self.common_words = frozenset(w for w, c in vocab.items() if c > COMMON_WORD_COUNT)
        # Name words frequent enough to be someone else's name or an ordinary word: as a part of a full name they
        # refer to that person only after the full name (see rasad.kb.coref).
        self.frequent_words = frozenset(w for w, c in vocab.items() if c >= DISTINCTIVE_COUNT)
        self.weak_keys = self._word_like_names(vocab)
        # Words with a past-tense feminine form in the news (أوفد beside أوفدت): verbs, which a tagger's person span
        # may swallow before a name (rasad.kb.name_uses.person_name_start); given names have no such form.
        self.verb_like_words = frozenset(
            w[:-1] for w, c in vocab.items() if c >= VERB_FORM_COUNT and w.endswith("ت") and w[:-1] in vocab
        )
        self._build_person_parts(vocab)
        self.english_words = self._english_words()
        self.ministries = self._ministries()
        # One-word organisation names that are also common nouns (حماس "enthusiasm" beside الحماس): the noun
        # reading is recognised from the words after it (rasad.kb.name_uses.common_noun_use).
        self.noun_like_names = frozenset(
            k
            for k, ids in self.names.items()
            if " " not in k
            and not k.startswith("ال")
            and all(entries[i].label == "ORG" for i in ids)
            and vocab.get("ال" + k, 0) >= max(20, 0.2 * vocab.get(k, 0))
        )
        self._build_fuzzy_index()
        self._automaton: Any = None

    def _word_like_names(self, vocab: Mapping[str, int]) -> frozenset[str]:
        """One-word names that news mostly writes as an ordinary word, linked only with support (an NER span, a
        place cue) like small geonames towns:
        - adjectives: a nisba-shaped name whose feminine forms are at least as frequent (مالي beside
          مالية/المالية "financial");
        - verbs: a name that conjugates in the vocabulary (أفاد → أفادت، فتح → فتحت/يفتح) at least half as often
          as it occurs. Countries and capitals are exempt (their names are what the news is about).
        """
        weak = set()
        for key, ids in self.names.items():
            if " " in key:
                continue
            count = vocab.get(key, 0)
            if key.endswith("ي"):
                feminine = vocab.get(key + "ه", 0) + vocab.get("ال" + key + "ه", 0)
                if feminine >= max(50, count):
                    weak.add(key)
                    continue
            if not key.startswith("ال") and not any(
                self.entries[i].kind in ("country", "capital") for i in ids
            ):
                verb = sum(vocab.get(f, 0) for f in (key + "ت", key + "وا", "ي" + key, "ت" + key))
                if verb >= max(50, count / 2):
                    weak.add(key)
        return frozenset(weak)

    @staticmethod
    def _is_weak(entry: KbEntry) -> bool:
        return entry.source == "geonames" and entry.population < WEAK_POPULATION

    # -- pickling: keep the data, rebuild the automaton lazily in the new process
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_automaton"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def automaton(self) -> Any:
        if self._automaton is None:
            self._automaton = self._build_automaton()
        return self._automaton

    def _build_automaton(self) -> Any:
        automaton = ahocorasick.Automaton()
        for key in [*self.names, *self.nisbas]:
            automaton.add_word(key, (key, False))
            if key.startswith("ال") and len(key) > 3:
                elided = "ل" + key[2:]
                if elided not in self.names and elided not in self.nisbas:
                    automaton.add_word(elided, (key, True))
        automaton.make_automaton()
        return automaton

    def _build_person_parts(self, vocab: Mapping[str, int]) -> None:
        """Surnames (last words) of KB person names, for a lone surname backed by a title or an NER person span in
        a document that never gives the full name (الرئيس بايدن). Only distinctive surnames are kept: not a
        father's or family name (بن سلمان، آل سعود), not an ordinal, month or weekday, not a word people are
        commonly given as a first name (حسن، محمود، طارق — first words and patronyms of KB names), and rare as an
        ordinary word (see `is_distinctive_surname`). Each maps to its bearers, most prominent first."""
        given = self._given_names()
        # Every word of a KB person's names: a word that is none of them (nor a title) before a lone surname in a
        # tagger's person span was swallowed by the span (أوفد دقلو; rasad.kb.name_uses.person_name_start).
        self.person_words = frozenset(
            w
            for e in self.entries.values()
            if e.label == "PER"
            for n in e.names()
            for w in match_key(n).split(" ")
        )
        parts: dict[str, set[str]] = defaultdict(set)
        portfolios = {normalize_key(w) for w in MINISTRIES}  # وزير العدل is a minister, not Saif al-Adel
        for entry in self.entries.values():
            if entry.label != "PER":
                continue
            for name in entry.names():
                words = match_key(name).split(" ")
                if len(words) < 2 or words[-2] in PATRONYMIC_MARKERS:
                    continue
                w = words[-1]
                if (
                    len(w) > 2
                    and w not in PERSON_TITLES
                    and w not in portfolios
                    and w not in NAME_PARTICLES
                    and w not in NOT_SURNAMES
                    and w not in given
                    and w not in self.nisbas
                    and is_distinctive_surname(w, vocab)
                ):
                    parts[w].add(entry.id)
        self.person_parts = {
            # ids sorted first: equal ranks keep one order whatever the string hash seed
            w: tuple(sorted(sorted(ids), key=lambda i: person_rank(self.entries[i]), reverse=True))
            for w, ids in parts.items()
        }
        # The same surnames without their article: a token's stem, for a quick first test per token.
        self.surname_stems = frozenset(w[2:] if w.startswith("ال") else w for w in self.person_parts)
        # Their spellings as written in the KB (hamzas kept): باول is Powell where بأول is "with the first".
        self.surname_spellings = frozenset(
            raw
            for entry in self.entries.values()
            if entry.label == "PER"
            for name in entry.names()
            for raw in [name[s:e] for s, e, _ in iter_raw_tokens(name)][-1:]
            if normalize_key(raw) in self.person_parts
        )

    def _given_names(self) -> frozenset[str]:
        """Words KB persons carry as a first name or a father's name (حسن روحاني، محمد بن سلمان): many other
        people carry them too, so they are no one's surname alone."""
        given: set[str] = set()
        for entry in self.entries.values():
            if entry.label != "PER":
                continue
            for name in entry.names():
                words = match_key(name).split(" ")
                if len(words) > 1:
                    given.add(words[0])
                given.update(w for prev, w in itertools.pairwise(words) if prev in PATRONYMIC_MARKERS)
        return frozenset(given - {""})

    def _english_words(self) -> dict[str, str]:
        """Arabic word → English spelling, from KB person names whose Arabic and English forms align word by word
        (فلاديمير بوتين ↔ Vladimir Putin). Unknown names reuse these canonical spellings before the renderer."""
        votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for entry in self.entries.values():
            if entry.label != "PER" or not entry.name_en:
                continue
            arabic, english = entry.name_ar.split(), entry.name_en.split()
            if len(arabic) != len(english):
                continue
            for ar, en in zip(arabic, english, strict=True):
                key = normalize_key(ar)
                if (
                    key in NAME_PARTICLES
                    or key.startswith("ال")
                    or not en.replace("-", "").replace("'", "").isalpha()
                ):
                    continue
                votes[key][en] += 1
        return {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}

    def _ministries(self) -> dict[tuple[str, str], str]:
        """(country, portfolio word) → id of the authored ministry (an ORG named وزارة … with that word)."""
        portfolios = {normalize_key(w) for w in MINISTRIES}
        wizara = normalize_key("وزارة")
        found: dict[tuple[str, str], str] = {}
        for entry in self.entries.values():
            if entry.label != "ORG" or entry.kind not in ("ministry", "gov_body") or not entry.country:
                continue
            for name in entry.names():
                words = match_key(name).split(" ")
                if wizara in words:
                    for w in portfolios.intersection(words):
                        found.setdefault((entry.country, w), entry.id)
        return found

    def _build_fuzzy_index(self) -> None:
        """Multi-word organisation names for the one-edit misspelling pass, keyed by their first word and one
        of the next two words at its offset: with one typo allowed in a 3+-word name, one of them is exact."""
        index: dict[tuple[str, int, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for key, ids in self.names.items():
            words = tuple(key.split(" "))
            orgs = [i for i in ids if self.entries[i].label in ("ORG", "EVENT", "FAC")]
            if len(words) >= 3 and len(orgs) == 1 and any(len(w) >= 5 for w in words[1:]):
                for offset in (1, 2):
                    index[(words[0], offset, words[offset])].append((words, orgs[0]))
        self.fuzzy_index = dict(index)
        self.fuzzy_heads = frozenset(k[0] for k in index)

    def candidates(self, key: str) -> list[KbEntry]:
        return [self.entries[i] for i in self.names.get(key, ())]

    def country_entry(self, code: str | None) -> KbEntry | None:
        entry_id = self.by_country.get(code or "")
        return self.entries.get(entry_id) if entry_id else None

    def find_by_name(self, name: str) -> list[KbEntry]:
        return self.candidates(match_key(name))


def is_distinctive_surname(word: str, vocab: Mapping[str, int]) -> bool:
    """Is a lone `word` rare enough as an ordinary word to stand for a person? Below DISTINCTIVE_COUNT corpus
    occurrences always; up to DISTINCTIVE_MAX when its article, feminine and plural forms together are under
    ORDINARY_SHARE of it (أوباما، كيري have none; صالح/الصالح/صالحة, العدل/عدل are words)."""
    count = vocab.get(word, 0)
    base = word[2:] if word.startswith("ال") else word
    feminine = vocab.get(base + "ه", 0) + vocab.get("ال" + base + "ه", 0)
    if not word.endswith("ه") and feminine >= max(30, count / 2):
        return False  # an adjective (إسلامي beside إسلامية، الحكيم beside الحكيمة)
    if count < DISTINCTIVE_COUNT:
        return True
    if count >= DISTINCTIVE_MAX:
        return False
    forms = (base + "ه", "ال" + base + "ه", base + "ات", "ال" + base + "ات", base + "ون", base + "ين")
    toggled = base if word.startswith("ال") else "ال" + base
    ordinary = vocab.get(toggled, 0) + sum(vocab.get(f, 0) for f in forms)
    return ordinary < ORDINARY_SHARE * count


def person_rank(entry: KbEntry) -> tuple[int, int]:
    """(office rank, most recent year of office) — higher is more likely the person a lone surname means.
    An open range in the note (`1989–`) counts as the present."""
    note = entry.note or ""
    years = [int(y) for y in _YEAR.findall(note)]
    recent = 9999 if _OPEN_RANGE.search(note) else max(years, default=0)
    return KIND_RANK.get(entry.kind or "", 1), recent


def _add(entries: dict[str, KbEntry], entry: KbEntry) -> None:
    existing = entries.get(entry.id)
    if existing is None:
        entries[entry.id] = entry
    else:
        existing.merge(entry)


def _seat_entries(entries: dict[str, KbEntry]) -> list[KbEntry]:
    """Government seats (البيت الأبيض، الكرملين …), unless an authored table already names them."""
    claimed = {
        match_key(n)
        for e in entries.values()
        if e.source == "authored" and e.label in ("ORG", "FAC")
        for n in e.names()
    }
    seats = []
    for names, english, entry_id, qid, country in SEAT_BODIES:
        free = [n for n in names if match_key(n) not in claimed]
        if free and (entry_id not in entries or entries[entry_id].source != "authored"):
            seats.append(
                KbEntry(
                    entry_id,
                    "ORG",
                    free[0],
                    english,
                    qid,
                    free[1:],
                    country,
                    kind="gov_body",
                    source="generated",
                )
            )
    return seats


def load_kb(kb_dir: Path, vocab: Mapping[str, int] | None = None) -> KnowledgeBase:
    """Assemble the KB from the folder's tables (missing or partial tables are reported, not fatal).

    `vocab` (normalised word → corpus count) tells which names are also ordinary words; without it every name
    is taken at face value.
    """
    report = LoadReport()
    entries: dict[str, KbEntry] = {}
    for entry in country_entries():
        _add(entries, entry)
    cities, same_as = read_cities(kb_dir / "cities.tsv", report)
    for city in cities:
        _add(entries, city)
    authored = sorted(p for p in kb_dir.glob("*.tsv") if p.name not in (*GENERATED_FILES, DEMONYM_FILE))
    for path in authored:
        for entry in read_table(path, report):
            if (
                entry.id in entries
                and entries[entry.id].label != entry.label
                and entries[entry.id].source == "authored"
            ):
                report.skip(f"{path.name}:{entry.id}", "same id with a different label elsewhere")
                continue
            _add(entries, entry)
    for entry_id, city in same_as.items():
        target = entries.get(entry_id)
        if target is not None:
            target.geonames_id = city.geonames_id
            target.population = max(target.population, city.population)
    for seat in _seat_entries(entries):
        _add(entries, seat)
    _fill_country_geo(entries)
    demonyms = read_demonyms(kb_dir / DEMONYM_FILE, report)
    kb = KnowledgeBase(entries, demonyms, report, vocab)
    log.info(
        "kb: %d entries, %d name keys, %d skipped rows", len(entries), len(kb.names), len(report.skipped)
    )
    return kb


def _fill_country_geo(entries: dict[str, KbEntry]) -> None:
    """Countries without authored coordinates take their capital's (a point that is inside the country)."""
    capitals = {e.country: e for e in entries.values() if e.kind == "capital" and e.lat is not None}
    for entry in entries.values():
        if entry.kind == "country" and entry.lat is None and entry.country in capitals:
            cap = capitals[entry.country]
            entry.lat, entry.lon = cap.lat, cap.lon
