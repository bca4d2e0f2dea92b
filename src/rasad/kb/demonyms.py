"""Nisba adjectives (الروسي، الكورية الشمالية، الأميركيين …) generated from one authored form per country.

demonyms.tsv holds, per country, the masculine singular nisba without the article (`|` between spellings), its
broken plurals and a note; "definite" in the note keeps only article forms (تركي is also a given name). Every
word ending in ي is inflected in step: feminine ـية, sound plurals ـيون/ـيين, feminine plural ـيات, and the
article is added to each word of a definite form (الكوري الشمالي).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rasad.kb.tables import LoadReport


@dataclass(frozen=True, slots=True)
class Demonym:
    form: str  # an Arabic surface form (not normalised)
    countries: tuple[str, ...]  # ISO alpha-2 codes; several when the nisba is shared (كوري)
    definite: bool
    feminine_singular: bool  # the form that agrees with وزارة (وزارة الخارجية الروسية)


_ENDINGS = (("", False), ("ة", True), ("ون", False), ("ين", False), ("ات", False))


def _inflect(words: list[str], ending: str) -> list[str]:
    return [w + ending if w.endswith("ي") else w for w in words]


def forms_of(nisba: str, plurals: list[str], definite_only: bool) -> list[tuple[str, bool, bool]]:
    """(form, definite, feminine singular) for one nisba spelling and its broken plurals."""
    words = nisba.split()
    all_nisba = all(w.endswith("ي") for w in words)
    out: list[tuple[str, bool, bool]] = []
    for ending, feminine in _ENDINGS:
        inflected = _inflect(words, ending)
        if not definite_only:
            out.append((" ".join(inflected), False, feminine))
        if all_nisba:
            out.append((" ".join("ال" + w for w in inflected), True, feminine))
    for plural in plurals:
        if not definite_only:
            out.append((plural, False, False))
        if " " not in plural:
            out.append(("ال" + plural, True, False))
    return out


def read_demonyms(path: Path, report: LoadReport) -> list[Demonym]:
    if not path.exists():
        report.missing.append(path.name)
        return []
    result: list[Demonym] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for line_no, cells in enumerate(reader, start=2):
            if not cells or cells[0].startswith("#"):
                continue
            if len(cells) < 2 or not cells[1].strip():
                report.skip(f"{path.name}:{line_no}", "no nisba")
                continue
            countries = tuple(c.upper() for c in cells[0].split())
            plurals = [p.strip() for p in (cells[2] if len(cells) > 2 else "").split("|") if p.strip()]
            definite_only = len(cells) > 3 and "definite" in cells[3]
            for nisba in (n.strip() for n in cells[1].split("|") if n.strip()):
                for form, definite, fem in forms_of(nisba, plurals, definite_only):
                    result.append(Demonym(form, countries, definite, fem))
    report.rows[path.name] = len(result)
    return list({(d.form, d.countries): d for d in result}.values())


# Government bodies that news names by their seat or a fixed phrase; the country's own table may add more.
# (Arabic names, English name, id, wikidata, country)
SEAT_BODIES = (
    (("البيت الأبيض",), "White House", "Q35525", "Q35525", "US"),
    (("الكرملين",), "Kremlin", "kb:kremlin", None, "RU"),
    (
        ("البنتاغون", "البنتاجون", "وزارة الدفاع الأمريكية", "وزارة الدفاع الأميركية"),
        "Pentagon",
        "kb:pentagon",
        None,
        "US",
    ),
    (("الإليزيه", "قصر الإليزيه"), "Élysée Palace", "kb:elysee", None, "FR"),
    (("داونينغ ستريت",), "Downing Street", "kb:downing-street", None, "GB"),
    (("الكنيست",), "Knesset", "kb:knesset", None, "IL"),
    (
        ("الكونغرس", "الكونغرس الأمريكي", "الكونغرس الأميركي", "الكونجرس"),
        "United States Congress",
        "kb:us-congress",
        None,
        "US",
    ),
    (
        ("وزارة الخارجية الأمريكية", "وزارة الخارجية الأميركية"),
        "United States Department of State",
        "Q789915",
        "Q789915",
        "US",
    ),
)

# Ministry words (with article) → English name of the portfolio; combined with a following nisba or country.
MINISTRIES = {
    "الخارجية": "Ministry of Foreign Affairs",
    "الدفاع": "Ministry of Defence",
    "الداخلية": "Ministry of the Interior",
    "العدل": "Ministry of Justice",
    "المالية": "Ministry of Finance",
    "الخزانة": "Treasury",
    "الصحة": "Ministry of Health",
    "التعليم": "Ministry of Education",
    "التربية": "Ministry of Education",
    "الاقتصاد": "Ministry of Economy",
    "الطاقة": "Ministry of Energy",
    "النفط": "Ministry of Oil",
    "الإعلام": "Ministry of Information",
    "الزراعة": "Ministry of Agriculture",
    "التجارة": "Ministry of Commerce",
    "العمل": "Ministry of Labour",
    "النقل": "Ministry of Transport",
    "الثقافة": "Ministry of Culture",
}


def ministry_slug(english: str) -> str:
    return "-".join(english.lower().replace("ministry of ", "").split())
