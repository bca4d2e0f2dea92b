"""Format and consistency checks for the hand-authored knowledge-base tables (people, organisations).

The tables are data written by hand, so these tests are the only thing standing between a typo and a
wrong entity link: they check the column layout, identifier hygiene, country codes, Arabic spelling
hygiene (no diacritics, no stray Latin, no clitic-prefixed duplicates) and a few well-known facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel import Locale

import rasad
from rasad.text.normalize import normalize_key

KB_DIR = Path(rasad.__file__).parent / "resources" / "kb"
HEADER = [
    "id",
    "wikidata",
    "label",
    "name_en",
    "name_ar",
    "aliases_ar",
    "country",
    "lat",
    "lon",
    "kind",
    "parent",
    "note",
]
PERSON_KINDS = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defense_minister",
    "org_leader",
    "royal",
    "politician",
    "militant_leader",
    # people outside politics, ranked below every political kind for a lone surname (rasad.kb.index.KIND_RANK)
    "athlete",
    "coach",
    "artist",  # singers, actors, musicians, film-makers
    "writer",  # writers, poets, journalists, intellectuals, scholars
    "cleric",
    "businessperson",
}
ORG_KINDS = {
    "intl_org",
    "regional_org",
    "news_agency",
    "media",
    "ministry",
    "gov_body",
    "armed_forces",
    "armed_group",
    "party",
    "company",
    "university",
    "sports_club",
    "sports_body",  # federations, confederations, Olympic committees, leagues (FIFA, CAF, national FAs)
    "trade_union",  # labour federations and professional syndicates (UGTT, Histadrut, bar associations)
}
QID = re.compile(r"^Q[1-9][0-9]*$")
KB_SLUG = re.compile(r"^kb:[a-z0-9]+(?:-[a-z0-9]+)*$")
# Arabic letters U+0621..U+064A plus Persian-free extras we allow: digits, space, hyphen, plus sign.
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A0-9+\- ]+$")
DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
CLITICS = "وبلفك"
ISO2 = {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}


def _read(name: str) -> list[dict[str, str]]:
    lines = (KB_DIR / name).read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", f"{name} must end with a newline"
    assert lines[0].split("\t") == HEADER, f"{name}: bad header"
    rows = []
    for number, line in enumerate(lines[1:-1], start=2):
        cells = line.split("\t")
        assert len(cells) == 12, f"{name}:{number}: {len(cells)} columns"
        assert all(cell == cell.strip() for cell in cells), f"{name}:{number}: stray whitespace"
        assert '"' not in line, f"{name}:{number}: quoting is not allowed"
        rows.append(dict(zip(HEADER, cells, strict=True)))
    return rows


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return _read("people.tsv")


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, str]]:
    return _read("organizations.tsv")


@pytest.fixture(scope="module")
def all_rows(people: list[dict[str, str]], orgs: list[dict[str, str]]) -> list[dict[str, str]]:
    return people + orgs


def _arabic_names(row: dict[str, str]) -> list[str]:
    return [row["name_ar"]] + ([a for a in row["aliases_ar"].split("|")] if row["aliases_ar"] else [])


def test_tables_are_large_enough(people: list[dict[str, str]], orgs: list[dict[str, str]]) -> None:
    assert len(people) >= 600
    assert len(orgs) >= 300


def test_ids_unique_and_well_formed(all_rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in all_rows]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    for row in all_rows:
        assert QID.match(row["id"]) or KB_SLUG.match(row["id"]), row["id"]
        if row["wikidata"]:
            assert QID.match(row["wikidata"]), row
            assert row["wikidata"] == row["id"], row
        if QID.match(row["id"]):
            assert row["wikidata"] == row["id"], row


def test_ids_do_not_collide_with_places(all_rows: list[dict[str, str]]) -> None:
    """places.tsv is authored separately; one id must never name both a place and a person/organisation."""
    places = KB_DIR / "places.tsv"
    if not places.exists():
        pytest.skip("places.tsv not written yet")
    place_ids = {line.split("\t", 1)[0] for line in places.read_text(encoding="utf-8").splitlines()[1:]}
    assert not place_ids & {row["id"] for row in all_rows}


def test_labels_and_kinds(people: list[dict[str, str]], orgs: list[dict[str, str]]) -> None:
    for row in people:
        assert row["label"] == "PER" and row["kind"] in PERSON_KINDS, row
        assert row["lat"] == row["lon"] == "", row
    for row in orgs:
        assert row["label"] == "ORG" and row["kind"] in ORG_KINDS, row
        if row["lat"] or row["lon"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_countries_and_parents_resolve(all_rows: list[dict[str, str]]) -> None:
    ids = {row["id"] for row in all_rows}
    assert "RU" in ISO2 and "PS" in ISO2 and "XX" not in ISO2
    for row in all_rows:
        assert row["country"] == "" or row["country"] in ISO2, row
        assert row["parent"] == "" or row["parent"] in ISO2 or row["parent"] in ids, row
        assert row["parent"] != row["id"], row


def test_every_row_has_english_and_arabic_names(all_rows: list[dict[str, str]]) -> None:
    for row in all_rows:
        assert row["name_en"] and not re.search(r"[\u0600-\u06FF]", row["name_en"]), row
        assert row["name_ar"], row


def test_arabic_names_are_clean(all_rows: list[dict[str, str]]) -> None:
    for row in all_rows:
        names = _arabic_names(row)
        assert all(names), f"empty alias in {row['id']}"
        assert len(set(names)) == len(names), f"repeated Arabic name in {row['id']}"
        for name in names:
            assert not DIACRITICS.search(name), f"diacritic or tatweel in {name!r} ({row['id']})"
            assert ARABIC_NAME.match(name), f"non-Arabic character in {name!r} ({row['id']})"
            assert "  " not in name and name == name.strip(), name


def test_no_clitic_prefixed_duplicates(all_rows: list[dict[str, str]]) -> None:
    """A name that is another listed name with و/ب/ل/ف/ك glued on is a clitic form the matcher strips."""
    every_name = {name for row in all_rows for name in _arabic_names(row)}
    for name in every_name:
        if name[0] in CLITICS and len(name) > 3:
            assert name[1:] not in every_name, f"{name!r} is a clitic form of {name[1:]!r}"
        if name.startswith("لل"):
            assert "ال" + name[2:] not in every_name, f"{name!r} is a clitic form"


def test_shared_arabic_names_are_explained(all_rows: list[dict[str, str]]) -> None:
    """Two entities of the same label may share an Arabic name only if both notes say so."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    notes = {row["id"]: row["note"] for row in all_rows}
    for row in all_rows:
        for name in _arabic_names(row):
            owners[(row["label"], name)].add(row["id"])
    for (_label, name), ids in owners.items():
        if len(ids) > 1:
            for entity in ids:
                assert "shares the Arabic name" in notes[entity], f"{name!r} is shared by {sorted(ids)}"


# Kinds whose notes describe a career rather than a term of office: years help the date-aware choice of a lone
# surname's bearer (rasad.kb.active_years) but cannot always be given.
CAREER_KINDS = {"athlete", "coach", "artist", "writer", "cleric", "businessperson"}


def test_people_notes_carry_years(people: list[dict[str, str]]) -> None:
    for row in people:
        assert re.search(r"(19|20)[0-9]{2}", row["note"]) or row["kind"] in {
            "militant_leader",
            "politician",
            "royal",
            *CAREER_KINDS,
        }, row


def _by_id(rows: list[dict[str, str]], entity: str) -> dict[str, str]:
    matches = [row for row in rows if row["id"] == entity]
    assert len(matches) == 1, entity
    return matches[0]


def test_spot_checks_people(people: list[dict[str, str]]) -> None:
    putin = _by_id(people, "Q7747")
    assert (putin["label"], putin["country"], putin["name_ar"]) == ("PER", "RU", "فلاديمير بوتين")
    kim = _by_id(people, "Q56226")
    assert kim["country"] == "KP" and kim["name_ar"] == "كيم جونغ أون"
    guterres = _by_id(people, "Q311440")
    assert guterres["name_ar"] == "أنطونيو غوتيريش" and guterres["parent"] == "Q1065"
    macron = _by_id(people, "Q3052772")
    assert macron["name_ar"] == "إيمانويل ماكرون" and macron["kind"] == "head_of_state"
    lavrov = [row for row in people if row["name_en"] == "Sergey Lavrov"]
    assert lavrov and lavrov[0]["kind"] == "foreign_minister" and lavrov[0]["country"] == "RU"


def test_spot_checks_organisations(orgs: list[dict[str, str]]) -> None:
    afp = _by_id(orgs, "Q40464")
    assert (afp["label"], afp["country"], afp["kind"]) == ("ORG", "FR", "news_agency")
    white_house = _by_id(orgs, "Q35525")
    assert white_house["country"] == "US" and white_house["name_ar"] == "البيت الأبيض"
    state_department = _by_id(orgs, "Q789915")
    assert "الخارجية الأميركية" in _arabic_names(state_department)
    un = _by_id(orgs, "Q1065")
    assert un["name_ar"] == "الأمم المتحدة" and un["kind"] == "intl_org"


# Bare given names that stand for thousands of people: never a person's whole Arabic name or alias.
COMMON_GIVEN_NAMES = {"محمد", "أحمد", "عبد الله", "عبدالله", "علي", "حسن", "حسين", "محمود", "خالد", "عمر"}


def test_no_person_is_named_by_a_bare_common_given_name(people: list[dict[str, str]]) -> None:
    for row in people:
        assert not COMMON_GIVEN_NAMES & set(_arabic_names(row)), row["id"]


def test_spot_checks_people_1995_2013(people: list[dict[str, str]]) -> None:
    chirac = _by_id(people, "kb:jacques-chirac")
    assert (chirac["country"], chirac["kind"], chirac["name_ar"]) == ("FR", "head_of_state", "جاك شيراك")
    rice = _by_id(people, "kb:condoleezza-rice")
    assert {"كوندوليزا رايس", "كونداليزا رايس"} <= set(_arabic_names(rice))
    assert rice["kind"] == "foreign_minister"
    elbaradei = _by_id(people, "kb:mohamed-elbaradei")
    assert elbaradei["parent"] == "kb:iaea" and "البرادعي" in _arabic_names(elbaradei)
    salah = _by_id(people, "kb:mohamed-salah")
    assert salah["country"] == "EG" and salah["name_ar"] == "محمد صلاح"


MONTH_NAMES = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "كانون",
]


def test_organisation_names_are_not_month_names(orgs: list[dict[str, str]]) -> None:
    """نيسان is Nissan and April: a bare month name would turn every date into a company mention."""
    months = {normalize_key(m) for m in MONTH_NAMES}
    for row in orgs:
        for name in _arabic_names(row):
            assert normalize_key(name) not in months, f"{name!r} ({row['id']}) is a month name"


def test_clubs_do_not_carry_bare_place_names(orgs: list[dict[str, str]]) -> None:
    """A club named after a city is listed as نادي/فريق + city or with a nisba, never as the bare city
    (برشلونة the city must not become FC Barcelona)."""
    places = KB_DIR / "places.tsv"
    if not places.exists():
        pytest.skip("places.tsv not written yet")
    place_names = set()
    for line in places.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) == 12:
            place_names |= {normalize_key(n) for n in [cells[4], *cells[5].split("|")] if n}
    for row in orgs:
        if row["kind"] in ("sports_club", "sports_body"):
            for name in _arabic_names(row):
                assert normalize_key(name) not in place_names, f"{name!r} ({row['id']}) is a place name"


def test_spot_checks_extended_organisations(orgs: list[dict[str, str]]) -> None:
    nissan = _arabic_names(_by_id(orgs, "kb:nissan"))
    assert "نيسان موتورز" in nissan and "نيسان" not in nissan
    barca = _arabic_names(_by_id(orgs, "Q7156"))
    assert "البارسا" in barca and "برشلونة" not in barca
    assert _by_id(orgs, "Q253414")["kind"] == "sports_body"
    assert _by_id(orgs, "kb:ugtt")["kind"] == "trade_union" and _by_id(orgs, "kb:ugtt")["country"] == "TN"
    vw = _by_id(orgs, "kb:volkswagen")
    assert vw["country"] == "DE" and "فولكس واغن" in _arabic_names(vw)
    hilal_sudan = _by_id(orgs, "kb:al-hilal-omdurman")
    assert hilal_sudan["country"] == "SD" and "الهلال" not in _arabic_names(hilal_sudan)


def test_people_outside_politics_have_their_own_kind(people: list[dict[str, str]]) -> None:
    """A footballer filed as a politician would outrank no one but would be counted among office holders."""
    expected = {
        "kb:mohamed-salah": "athlete",
        "kb:pep-guardiola": "coach",
        "kb:fairuz": "artist",
        "kb:naguib-mahfouz": "writer",
        "kb:ali-al-sistani": "cleric",
        "kb:naguib-sawiris": "businessperson",
        "kb:jerome-powell": "politician",  # a central banker holds public office
        "kb:tarak-dhiab": "politician",  # a footballer who became a minister
    }
    for person_id, kind in expected.items():
        assert _by_id(people, person_id)["kind"] == kind, person_id


def test_every_ranked_kind_is_a_person_kind() -> None:
    from rasad.kb.index import KIND_RANK

    assert set(KIND_RANK) <= PERSON_KINDS
