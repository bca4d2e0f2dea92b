"""Clubs and channels named after a place, authored in organizations.tsv with their head noun (نادي الكويت،
تلفزيون دبي) and never as the bare place name: they link with the head noun, the place alone stays the place
(docs/kb.md step 8, docs/kb_sources.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kb_helpers import by_text, link, make_kb_dir, ner_span

from rasad.kb.entries import PLACE_LABELS
from rasad.kb.index import KnowledgeBase, load_kb, match_key
from rasad.resources import RESOURCE_ROOT
from rasad.text.tokenize import Segmenter

CLUBS = {
    "نادي الكويت": "kb:kuwait-sc",
    "نادي قطر": "kb:qatar-sc",
    "نادي عجمان": "kb:ajman-club",
    "نادي الشارقة": "kb:sharjah-fc",
    "نادي روما": "kb:as-roma",
    "نادي نابولي": "kb:ssc-napoli",
    "نادي الرياض": "kb:al-riyadh-sc",
    "نادي أبها": "kb:abha-club",
    "نادي جدة": "kb:jeddah-club",
    "نادي دبي": "kb:dubai-csc",
}
MEDIA = {
    "تلفزيون دبي": "kb:dubai-tv",
    "تلفزيون أبوظبي": "kb:abu-dhabi-tv",
    "تلفزيون لبنان": "kb:tele-liban",
    "التلفزيون السوري": "kb:syrian-tv",
    "تلفزيون عمان": "kb:oman-tv",
    "تلفزيون قطر": "kb:qatar-tv",
    "تلفزيون الكويت": "kb:kuwait-tv",
    "صحيفة عمان": "kb:oman-newspaper",
    "جريدة عمان": "kb:oman-newspaper",
}


@pytest.fixture(scope="module")
def okb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    folder = make_kb_dir(tmp_path_factory.mktemp("orgs") / "kb")
    shutil.copy(RESOURCE_ROOT / "kb" / "organizations.tsv", Path(folder) / "organizations.tsv")
    return load_kb(folder, vocab)


@pytest.fixture(scope="module")
def oseg(okb: KnowledgeBase, vocab: dict[str, int]) -> Segmenter:
    return Segmenter(vocab, okb.name_words)


def _entity(kb: KnowledgeBase, seg: Segmenter, text: str, surface: str, ner_label: str = "") -> str | None:
    ner = [ner_span(text, seg, surface, ner_label)] if ner_label else []
    found = by_text(link(kb, seg, text, ner)[0], surface)
    return found[0].entity if found else None


@pytest.mark.parametrize(("name", "entity"), sorted(CLUBS.items()))
def test_club_named_after_a_place(okb: KnowledgeBase, oseg: Segmenter, name: str, entity: str) -> None:
    text = f"وفاز {name} في المباراة أمس."
    assert _entity(okb, oseg, text, name) == entity
    # the tagger's organisation span over the whole name does not hide the KB club (it did for نادي عجمان)
    assert _entity(okb, oseg, text, name, "ORG") == entity
    assert okb.entries[entity].kind == "sports_club"


@pytest.mark.parametrize(("name", "entity"), sorted(MEDIA.items()))
def test_medium_named_after_a_place(okb: KnowledgeBase, oseg: Segmenter, name: str, entity: str) -> None:
    text = f"وذكر {name} أن الوفد وصل."
    assert _entity(okb, oseg, text, name) == entity
    assert okb.entries[entity].kind == "media"


def test_new_rows_carry_no_bare_place_name(okb: KnowledgeBase) -> None:
    for entity in {*CLUBS.values(), *MEDIA.values()}:
        for name in okb.entries[entity].names():
            same_name = okb.names.get(match_key(name), ())
            assert not any(okb.entries[i].label in PLACE_LABELS for i in same_name), (entity, name)


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("وقال أمير الكويت إن الكويت ترحب بالاتفاق.", "الكويت", "Q817"),  # the country itself
        ("وفاز فريق قطر على منتخب العراق.", "قطر", "Q846"),  # فريق + a country is the national team
        ("مثلها مثل «الكويت» المسالمة.", "الكويت", "Q817"),  # quoted, a country is no state television
    ],
)
def test_place_alone_stays_the_place(
    okb: KnowledgeBase, oseg: Segmenter, text: str, surface: str, expected: str
) -> None:
    assert _entity(okb, oseg, text, surface) == expected


def test_a_press_club_is_not_the_football_club(okb: KnowledgeBase, oseg: Segmenter) -> None:
    text = "وكرم نادي دبي للصحافة الفائزين."
    entities = {m.entity for m in link(okb, oseg, text)[0]}
    assert "kb:dubai-csc" not in entities
