"""Linking misses fixed on 2026-11-24 (docs/kb.md): a clitic before a two-word place name (وأم درمان), a tagger's
person span that swallowed the word before a KB person (أوفد دقلو، الجنرال موسوي), and the COVID-era readings of
فيروس كورونا / كورونا (SARS-CoV-2 / COVID-19 from 2020, the generic coronavirus entry in earlier news)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kb_helpers import by_text, link, link_dated, make_kb_dir, ner_span

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.resources import RESOURCE_ROOT
from rasad.text.tokenize import Segmenter

ROWS = [
    "kb:t-hemedti\t\tPER\tMohamed Hamdan Dagalo\tمحمد حمدان دقلو\tحميدتي\tSD\t\t\tmilitant_leader\t\t"
    "Commander of the Rapid Support Forces 2013–",
    "kb:t-mir-mousavi\t\tPER\tMir-Hossein Mousavi\tمير حسين موسوي\t\tIR\t\t\thead_of_government\t\t"
    "Prime Minister of Iran 1981–1989",
    "kb:t-a-mousavi\t\tPER\tAbdolrahim Mousavi\tعبد الرحيم موسوي\t\tIR\t\t\tpolitician\t\t"
    "Commander of the Iranian Army 2017–2025; Chief of Staff 2025–",
    # وام (WAM) makes the tokenizer keep وأم whole, as the shipped KB does
    "kb:t-wam\t\tORG\tEmirates News Agency\tوكالة أنباء الإمارات\tوام\tAE\t\t\tnews_agency\t\t",
    "kb:t-david-levy\t\tPER\tDavid Levy\tديفيد ليفي\t\tIL\t\t\tforeign_minister\t\tForeign Minister 1990–1992",
]


@pytest.fixture(scope="module")
def mkb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    folder = make_kb_dir(tmp_path_factory.mktemp("misses") / "kb", ROWS)
    shutil.copy(RESOURCE_ROOT / "kb" / "misc.tsv", Path(folder) / "misc.tsv")
    return load_kb(folder, vocab)


@pytest.fixture(scope="module")
def mseg(mkb: KnowledgeBase, vocab: dict[str, int]) -> Segmenter:
    return Segmenter(vocab, mkb.name_words)


def _en(kb: KnowledgeBase, entity: str | None) -> str | None:
    return kb.entries[entity].name_en if entity in kb.entries else None


@pytest.mark.parametrize(
    ("text", "name", "english"),
    [
        ("وصل الوفد إلى الخرطوم وأم درمان أمس.", "أم درمان", "Omdurman"),
        ("زار الوفد رام الله وبيت لحم.", "بيت لحم", "Bethlehem"),
        ("سافر إلى نيويورك ولوس أنجلوس.", "لوس أنجلوس", "Los Angeles"),
        ("وصل إلى دبي وأبو ظبي.", "أبو ظبي", "Abu Dhabi"),
    ],
)
def test_conjunction_before_a_two_word_place(
    mkb: KnowledgeBase, mseg: Segmenter, text: str, name: str, english: str
) -> None:
    mentions, _ = link(mkb, mseg, text)
    found = by_text(mentions, name)
    assert found, [m.text for m in mentions]
    assert found[0].start == text.index(name)  # after the و, exact code-point offsets
    assert _en(mkb, found[0].entity) == english


def test_person_span_that_swallowed_a_verb(mkb: KnowledgeBase, mseg: Segmenter) -> None:
    text = "وفي الخرطوم أوفد دقلو وفدا إلى جدة."
    mentions, _ = link(mkb, mseg, text, [ner_span(text, mseg, "أوفد دقلو", "PER")])
    people = [(m.text, m.start, m.entity) for m in mentions if m.label == "PER"]
    assert people == [("دقلو", text.index("دقلو"), "kb:t-hemedti")]


def test_person_span_that_swallowed_a_title(mkb: KnowledgeBase, mseg: Segmenter) -> None:
    text = "وقال الجنرال موسوي إن القوات جاهزة."
    ner = [ner_span(text, mseg, "الجنرال موسوي", "PER")]
    mentions, _ = link_dated(mkb, mseg, text, 2025, ner)
    people = [(m.text, m.start, m.entity) for m in mentions if m.label == "PER"]
    assert people == [("موسوي", text.index("موسوي"), "kb:t-a-mousavi")]


def test_unknown_first_name_is_not_swallowed(mkb: KnowledgeBase, mseg: Segmenter) -> None:
    # جواكيم is a first name the KB does not know, not a verb: the span is another person, not David Levy
    text = "وأعلن وزير المالية جواكيم ليفي خفضا للإنفاق."
    mentions, _ = link(mkb, mseg, text, [ner_span(text, mseg, "جواكيم ليفي", "PER")])
    people = [(m.text, m.entity) for m in mentions if m.label == "PER"]
    assert len(people) == 1 and people[0][0] == "جواكيم ليفي"
    assert people[0][1] is not None and people[0][1].startswith("local:")


@pytest.mark.parametrize(
    ("name", "year", "english"),
    [
        ("فيروس كورونا", 2021, "SARS-CoV-2"),
        ("فيروس كورونا", None, "SARS-CoV-2"),
        ("فيروس كورونا", 2014, "coronavirus"),
        ("كورونا", 2022, "COVID-19"),
        ("كورونا", None, "COVID-19"),
        ("كورونا", 2015, "coronavirus"),
        ("كوفيد-19", None, "COVID-19"),
        ("كوفيد 19", 2020, "COVID-19"),
        ("جائحة كورونا", None, "COVID-19"),
        ("فيروس كورونا المستجد", None, "SARS-CoV-2"),
    ],
)
def test_coronavirus_names_follow_the_publication_year(
    mkb: KnowledgeBase, mseg: Segmenter, name: str, year: int | None, english: str
) -> None:
    text = f"وأعلنت الوزارة تسجيل إصابات جديدة بسبب {name} في المدينة."
    mentions, _ = link_dated(mkb, mseg, text, year)
    found = by_text(mentions, name)
    assert found, [m.text for m in mentions]
    assert _en(mkb, found[0].entity) == english


def test_covid_ids_are_the_wikidata_ones(mkb: KnowledgeBase) -> None:
    assert mkb.entries["Q84263196"].name_en == "COVID-19"
    assert mkb.entries["Q82069695"].name_en == "SARS-CoV-2"
    assert "Q84263" not in mkb.entries
