"""The authored given-name lexicon (resources/lexicons/given_names.tsv): format, coverage and exclusions."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from rasad.resources import RESOURCE_ROOT

LEXICON = RESOURCE_ROOT / "lexicons" / "given_names.tsv"
HEADER = "name_ar\torigin\tgender"
ORIGINS = {"arabic", "persian_turkish", "western", "african", "asian", "other"}
GENDERS = {"m", "f", "u"}
# Arabic base letters only (hamza forms, alef variants, ta marbuta, alef maqsura); no harakat (U+064B-U+0652),
# no tatweel (U+0640), no Latin. One word, or a fixed two-word compound such as عبد الله.
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+( [\u0621-\u063A\u0641-\u064A]+)?$")


def _lines() -> list[str]:
    return LEXICON.read_text(encoding="utf-8").splitlines()


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in _lines()[1:] if line and not line.startswith("#")]


def test_header_is_the_first_line() -> None:
    assert _lines()[0] == HEADER


def test_has_at_least_2500_rows_with_three_columns() -> None:
    rows = _rows()
    assert len(rows) >= 2500
    assert all(len(row) == 3 for row in rows), [row for row in rows if len(row) != 3][:5]


def test_names_are_plain_arabic_letters() -> None:
    bad = [name for name, _, _ in _rows() if not ARABIC_NAME.match(name)]
    assert bad == []
    assert all(
        "\u0640" not in name and not re.search(r"[\u064B-\u0652A-Za-z]", name) for name, _, _ in _rows()
    )


def test_origin_and_gender_values_are_valid() -> None:
    rows = _rows()
    assert {origin for _, origin, _ in rows} <= ORIGINS
    assert {gender for _, _, gender in rows} <= GENDERS
    # every origin group is actually populated
    assert set(Counter(origin for _, origin, _ in rows)) == ORIGINS


def test_no_duplicate_names() -> None:
    counts = Counter(name for name, _, _ in _rows())
    assert [name for name, n in counts.items() if n > 1] == []


def test_rows_are_sorted_by_origin_then_name() -> None:
    order = ["arabic", "persian_turkish", "western", "african", "asian", "other"]
    keys = [(order.index(origin), name) for name, origin, _ in _rows()]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("name", "origin", "gender"),
    [
        ("محمد", "arabic", "m"),
        ("فاطمة", "arabic", "f"),
        ("عبد الله", "arabic", "m"),
        ("عبدالله", "arabic", "m"),
        ("جون", "western", "m"),
        ("فلاديمير", "western", "m"),
        ("أنجيلا", "western", "f"),
        ("ناريندرا", "asian", "m"),
    ],
)
def test_known_names_are_present(name: str, origin: str, gender: str) -> None:
    assert (name, origin, gender) in {tuple(row) for row in _rows()}


@pytest.mark.parametrize("word", ["قال", "الذي", "في", "أن", "بن", "أمير", "سلام", "أركان", "إردوغان", "كيم"])
def test_common_words_and_surnames_are_absent(word: str) -> None:
    assert word not in {name for name, _, _ in _rows()}


def test_ambiguous_names_carry_a_comment() -> None:
    lines = _lines()
    for name in ("أمل", "نور", "عمر"):
        index = next(i for i, line in enumerate(lines) if line.split("\t")[0] == name)
        assert lines[index - 1].startswith(f"# {name}:"), name
