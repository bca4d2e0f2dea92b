"""The head noun before a place name chooses the kind of organisation it names (rasad.kb.name_uses):
نادي/فريق a sports club, صحيفة/جريدة/قناة … a medium, a place alone in quotes only a medium; a club name followed
by الأدبي/الثقافي is another club. The fixture KB has a newspaper and a club both named after Riyadh, a club
named after Rome and one after Abha."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_helpers import by_text, link, make_kb_dir, ner_span

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.text.tokenize import Segmenter

ROWS = [
    "kb:t-riyadh-paper\t\tORG\tAl Riyadh (newspaper)\tصحيفة الرياض\t\tSA\t\t\tmedia\t\t",
    "kb:t-riyadh-club\t\tORG\tAl-Riyadh SC\tنادي الرياض\t\tSA\t\t\tsports_club\t\t",
    "kb:t-roma\t\tORG\tAS Roma\tنادي روما\t\tIT\t\t\tsports_club\t\t",
    "kb:t-abha\t\tORG\tAbha Club\tنادي أبها\t\tSA\t\t\tsports_club\t\t",
    "kb:t-quds-tv\t\tORG\tAl-Quds TV\tقناة القدس\t\tPS\t\t\tmedia\t\t",
    "kb:t-quds-paper\t\tORG\tAl-Quds (newspaper)\tصحيفة القدس\t\tPS\t\t\tmedia\t\t",
]


@pytest.fixture(scope="module")
def club_kb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    folder: Path = make_kb_dir(tmp_path_factory.mktemp("clubs") / "kb", ROWS)
    return load_kb(folder, vocab)


@pytest.fixture(scope="module")
def club_segmenter(club_kb: KnowledgeBase, vocab: dict[str, int]) -> Segmenter:
    return Segmenter(vocab, club_kb.name_words)


def entity_of(kb: KnowledgeBase, seg: Segmenter, text: str, surface: str) -> str | None:
    """The entity the mention written `surface` links to (None when there is no such mention)."""
    mentions, _ = link(kb, seg, text)
    found = by_text(mentions, surface)
    return found[0].entity if found else None


def test_quoted_place_is_the_newspaper_not_the_club(
    club_kb: KnowledgeBase, club_segmenter: Segmenter
) -> None:
    text = "وقال مسؤول لـ«الرياض» إن المشروع سيكتمل قريبا."
    assert entity_of(club_kb, club_segmenter, text, "الرياض") == "kb:t-riyadh-paper"


def test_another_newspaper_head_finds_the_newspaper(
    club_kb: KnowledgeBase, club_segmenter: Segmenter
) -> None:
    text = "ونشرت جريدة الرياض تقريرا مطولا عن الميزانية."
    assert entity_of(club_kb, club_segmenter, text, "جريدة الرياض") == "kb:t-riyadh-paper"


def test_team_head_finds_the_club(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    text = "وسجل لاعب فريق الرياض هدفين في المباراة."
    assert entity_of(club_kb, club_segmenter, text, "فريق الرياض") == "kb:t-riyadh-club"
    rome = "وفاز فريق روما على منافسه بثلاثة أهداف."
    assert entity_of(club_kb, club_segmenter, rome, "فريق روما") == "kb:t-roma"


def test_newspaper_head_never_finds_a_club(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    text = "وذكرت صحيفة روما المحلية أن الحريق أتى على مبنى قديم."
    mentions, _ = link(club_kb, club_segmenter, text)
    assert all(m.entity != "kb:t-roma" for m in mentions)


def test_quoted_place_is_never_a_club(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    text = "وصل الوفد إلى «روما» صباح اليوم."
    assert entity_of(club_kb, club_segmenter, text, "روما") == "Q220"


def test_literary_club_is_not_the_football_club(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    text = "وأقام نادي أبها الأدبي أمسية شعرية مساء الخميس."
    mentions, _ = link(club_kb, club_segmenter, text)
    assert all(m.entity != "kb:t-abha" for m in mentions)
    # the tagger's organisation span stays, as an organisation of its own
    tagged = [ner_span(text, club_segmenter, "نادي أبها الأدبي", "ORG")]
    mentions, _ = link(club_kb, club_segmenter, text, tagged)
    assert [(m.text, m.label) for m in mentions] == [("نادي أبها الأدبي", "ORG")]
    assert mentions[0].entity != "kb:t-abha"
    sports = "وتعادل نادي أبها مع ضيفه في الدوري."
    assert entity_of(club_kb, club_segmenter, sports, "نادي أبها") == "kb:t-abha"


def test_team_of_a_country_stays_the_place(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    text = "وخسر فريق مصر أمام منافسه في البطولة."
    mentions, _ = link(club_kb, club_segmenter, text)
    assert [m.text for m in mentions if m.entity is not None and m.text.endswith("مصر")] == ["مصر"]


def test_head_of_the_same_medium_decides(club_kb: KnowledgeBase, club_segmenter: Segmenter) -> None:
    paper = "ونقلت جريدة القدس عن مصادر محلية أن الطريق أغلق."
    assert entity_of(club_kb, club_segmenter, paper, "جريدة القدس") == "kb:t-quds-paper"
    channel = "وبثت فضائية القدس مقابلة مع الوزير."
    assert entity_of(club_kb, club_segmenter, channel, "فضائية القدس") == "kb:t-quds-tv"
    quoted = "وقال مسؤول لـ«القدس» إن الطريق أغلق."  # a newspaper or a channel: the KB cannot tell
    assert entity_of(club_kb, club_segmenter, quoted, "القدس") not in ("kb:t-quds-tv", "kb:t-quds-paper")
