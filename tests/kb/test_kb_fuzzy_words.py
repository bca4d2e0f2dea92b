"""The one-edit fuzzy pass (rasad.kb.matcher.find_fuzzy) tells a typo from another real word: a nisba or country
name of another country (الصربي/العربي، الكوري/السوري) or a word frequent in news (العمل/العدل) is no typo, a
nisba of the name's own country (الصيني for الصينية) and a rare misspelling are."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_helpers import link, make_kb_dir

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.kb.matcher import find_fuzzy, is_other_word
from rasad.text.tokenize import Segmenter, tokenize

ROWS = [
    "kb:t-uafa\t\tORG\tUnion of Arab Football Associations\tالاتحاد العربي لكرة القدم\t\t\t\t\tsports_body\t\t",
    "kb:t-syria-fa\t\tORG\tSyrian Football Association\tالاتحاد السوري لكرة القدم\t\tSY\t\t\tsports_body\t\t",
    "kb:t-us-doj\t\tORG\tUnited States Department of Justice\tوزارة العدل الأمريكية\t\tUS\t\t\tministry\t\t",
    "kb:t-cctv\t\tORG\tChina Central Television\tتلفزيون الصين المركزي\t\tCN\t\t\tmedia\t\t",
]


@pytest.fixture(scope="module")
def fuzzy_kb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    folder: Path = make_kb_dir(tmp_path_factory.mktemp("fuzzy") / "kb", ROWS)
    return load_kb(folder, vocab)


@pytest.fixture(scope="module")
def fuzzy_segmenter(fuzzy_kb: KnowledgeBase, vocab: dict[str, int]) -> Segmenter:
    return Segmenter(vocab, fuzzy_kb.name_words)


def fuzzy_ids(kb: KnowledgeBase, seg: Segmenter, text: str) -> list[str]:
    return [i for m in find_fuzzy(kb, tokenize(text, seg), []) for i in m.entity_ids]


def test_nisba_of_another_country_is_no_typo(fuzzy_kb: KnowledgeBase, fuzzy_segmenter: Segmenter) -> None:
    serbian = "وأعلن الاتحاد الصربي لكرة القدم إقالة المدرب."
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, serbian) == []
    korean = "وقرر الاتحاد الكوري لكرة القدم تأجيل المباراة."
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, korean) == []
    mentions, _ = link(fuzzy_kb, fuzzy_segmenter, serbian)
    assert all(m.entity not in ("kb:t-uafa", "kb:t-syria-fa") for m in mentions)


def test_frequent_word_is_no_typo(fuzzy_kb: KnowledgeBase, fuzzy_segmenter: Segmenter) -> None:
    text = "وأصدرت وزارة العمل الأمريكية بيانا عن البطالة."
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, text) == []


def test_rare_misspelling_is_still_a_typo(fuzzy_kb: KnowledgeBase, fuzzy_segmenter: Segmenter) -> None:
    text = "وأعلن الاتحاد العربى لكرة القدمم موعد البطولة."  # القدمم: a typo of القدم, absent from the news
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, text) == ["kb:t-uafa"]
    agency = "وقالت وكالة الأنباء الفرنسة إن الاجتماع انتهى."
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, agency) == ["Q40464"]


def test_nisba_of_the_same_country_is_a_slip(fuzzy_kb: KnowledgeBase, fuzzy_segmenter: Segmenter) -> None:
    text = "وبث تلفزيون الصيني المركزي صورا للحادث."
    assert fuzzy_ids(fuzzy_kb, fuzzy_segmenter, text) == ["kb:t-cctv"]


def test_other_word_decisions(fuzzy_kb: KnowledgeBase) -> None:
    assert is_other_word(fuzzy_kb, "العربي", "الصربي")
    assert is_other_word(fuzzy_kb, "السوري", "الكوري")
    assert is_other_word(fuzzy_kb, "العدل", "العمل")
    assert not is_other_word(fuzzy_kb, "الصين", "الصيني")
    assert not is_other_word(fuzzy_kb, "الفرنسيه", "الفرنسه")
    assert not is_other_word(fuzzy_kb, "الدولي", "الدوليه")  # frequent, but the same adjective
    assert not is_other_word(fuzzy_kb, "الشعب", "الشعبي")  # frequent, but the same word's nisba
