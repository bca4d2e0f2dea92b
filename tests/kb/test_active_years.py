"""Date-aware choice of a lone surname's bearer: the years of activity read from KB notes
(rasad.kb.active_years) and their use by the linker when the document's publication date is known."""

from __future__ import annotations

import pytest
from kb_helpers import link_dated, make_kb_dir, ner_span

from rasad.kb.active_years import active_spans, date_fit, publication_year, year_distance
from rasad.kb.entries import KbEntry
from rasad.kb.index import KnowledgeBase, load_kb
from rasad.model import Document
from rasad.resources import Resources
from rasad.stages import link as link_stage
from rasad.text.tokenize import Segmenter, tokenize

EXTRA_ROWS = [
    "kb:jerome-powell\t\tPER\tJerome Powell\tجيروم باول\t\tUS\t\t\tpolitician\t\tChair of the Federal Reserve 2018–",
    "kb:colin-powell\t\tPER\tColin Powell\tكولن باول\tكولين باول\tUS\t\t\tforeign_minister\t\t"
    "US Secretary of State 2001–2005; Chairman of the Joint Chiefs of Staff 1989–1993",
    "kb:fed\t\tORG\tFederal Reserve\tمجلس الاحتياطي الفيدرالي\tالاحتياطي الفيدرالي\tUS\t\t\tgov_body\t\t",
    "kb:rached-ghannouchi\t\tPER\tRached Ghannouchi\tراشد الغنوشي\t\tTN\t\t\tpolitician\t\t"
    "Leader of the Ennahda movement; Speaker of Parliament 2019–2021",
    "kb:mohamed-ghannouchi\t\tPER\tMohamed Ghannouchi\tمحمد الغنوشي\t\tTN\t\t\thead_of_government\t\t"
    "Prime Minister of Tunisia 1999–2011",
    # two invented bearers of one invented surname: a minister and a footballer
    "kb:minister-zanqalawi\t\tPER\tTariq Zanqalawi\tطارق زنقلاوي\t\tMA\t\t\tpolitician\t\tMinister 2019–",
    "kb:striker-zanqalawi\t\tPER\tYoussef Zanqalawi\tيوسف زنقلاوي\t\tMA\t\t\tathlete\t\tMoroccan striker 2003–2010",
]

FED_2023 = "أبقى مجلس الاحتياطي الفيدرالي أسعار الفائدة دون تغيير، وقال الرئيس باول إن التضخم ما زال مرتفعا."
IRAQ_2003 = "عرض الوزير باول أمام مجلس الأمن الدولي أدلة قال إنها تثبت أن العراق يخفي أسلحة محظورة."


@pytest.fixture(scope="module")
def dkb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    return load_kb(make_kb_dir(tmp_path_factory.mktemp("kb") / "kb", EXTRA_ROWS), vocab)


def _person(kb: KnowledgeBase, segmenter: Segmenter, text: str, surface: str, year: int | None) -> str | None:
    mentions, _ = link_dated(kb, segmenter, text, year)
    found = [m.entity for m in mentions if m.text == surface and m.label == "PER"]
    assert found, f"{surface!r} not linked"
    return found[0]


def test_spans_read_from_notes() -> None:
    assert active_spans("US Secretary of State 2001–2005; Chairman 1989–1993") == [(2001, 2005), (1989, 1993)]
    assert active_spans("Chair of the Federal Reserve 2018–") == [(2018, 9999)]
    assert active_spans("King 2015–; Prime Minister 2015–2022") == [(2015, 9999), (2015, 2022)]
    assert active_spans("Lebanese singer, active since 1950") == [(1950, 9999)]
    assert active_spans("Prime Minister 1991, 1996 and 1997–1999") == [
        (1991, 1991),
        (1996, 1996),
        (1997, 1999),
    ]
    assert active_spans("Egyptian comedian, active 1960s–2020s") == [(1960, 2020)]
    assert active_spans("Grand Ayatollah in Najaf") == []
    assert year_distance("Chair of the Federal Reserve 2018–", 2003) == -15
    assert year_distance("Prime Minister of Tunisia 1999–2011", 2021) == 10
    assert year_distance("Chair of the Federal Reserve 2018–", 2030) == 0
    assert year_distance("no years here", 2003) is None


def test_date_fit_is_neutral_without_a_date_or_years() -> None:
    powell = KbEntry("kb:p", "PER", "جيروم باول", note="Chair of the Federal Reserve 2018–")
    sistani = KbEntry("kb:s", "PER", "علي السيستاني", note="Grand Ayatollah in Najaf")
    assert date_fit(powell, None) == date_fit(sistani, 2003) == date_fit(powell, 2010)  # 8 years: near
    assert date_fit(powell, 2019) > date_fit(powell, 2010) > date_fit(powell, 1990)


def test_publication_year() -> None:
    assert publication_year("2023-09-12") == 2023
    assert publication_year("2015-07-27T08:00:00Z") == 2015
    assert publication_year(None) is None
    assert publication_year("unknown") is None


def test_lone_surname_follows_the_publication_date(dkb: KnowledgeBase, segmenter: Segmenter) -> None:
    assert "باول" in dkb.person_parts
    assert _person(dkb, segmenter, FED_2023, "باول", 2023) == "kb:jerome-powell"
    assert _person(dkb, segmenter, IRAQ_2003, "باول", 2003) == "kb:colin-powell"
    # without a date the office ranking decides, as before: the Secretary of State
    assert _person(dkb, segmenter, FED_2023, "باول", None) == "kb:colin-powell"


def test_date_overrides_office_rank_when_the_higher_office_is_long_past(
    dkb: KnowledgeBase, segmenter: Segmenter
) -> None:
    text = "وقال الشيخ الغنوشي إن الحركة ستشارك في الحوار الوطني."
    assert _person(dkb, segmenter, text, "الغنوشي", None) == "kb:mohamed-ghannouchi"
    assert _person(dkb, segmenter, text, "الغنوشي", 2005) == "kb:mohamed-ghannouchi"
    assert _person(dkb, segmenter, text, "الغنوشي", 2021) == "kb:rached-ghannouchi"


def test_minister_beats_footballer_unless_only_the_footballer_fits_the_date(
    dkb: KnowledgeBase, segmenter: Segmenter
) -> None:
    text = "وقال زنقلاوي للصحفيين إن الأمر محسوم."
    span = ner_span(text, segmenter, "زنقلاوي", "PERS")
    for year, expected in (
        (None, "kb:minister-zanqalawi"),
        (2021, "kb:minister-zanqalawi"),
        (2006, "kb:striker-zanqalawi"),
    ):
        mentions, _ = link_dated(dkb, segmenter, text, year, [span])
        assert [m.entity for m in mentions if m.text == "زنقلاوي"] == [expected], year


def test_link_stage_passes_the_publication_date(dkb: KnowledgeBase, segmenter: Segmenter) -> None:
    resources = Resources(overrides={"kb": dkb, "segmenter": segmenter})
    for published, expected in (("2023-06-14", "kb:jerome-powell"), ("2003-02-05", "kb:colin-powell")):
        doc = Document(id="d", text=FED_2023, published=published)
        out = link_stage.run(doc, {"tokens": tokenize(FED_2023, segmenter), "ner": ()}, resources)
        assert [m.entity for m in out["mentions"] if m.text == "باول"] == [expected], published


def test_surname_the_segmenter_splits_is_read_whole_only_as_spelled(
    dkb: KnowledgeBase, segmenter: Segmenter
) -> None:
    """باول looks like ب + أول ("with the first"): as spelled in the KB it is Powell, with the hamza it is not."""
    assert _person(dkb, segmenter, "وقال الرئيس باول إن البنك سيتريث.", "باول", 2023) == "kb:jerome-powell"
    text = "وأكد الوزير وباول في مؤتمر صحفي أن العقوبات باقية."
    assert _person(dkb, segmenter, text, "باول", 2003) == "kb:colin-powell"
    mentions, _ = link_dated(dkb, segmenter, "التقى الرئيس بأول وفد يزور البلاد.", 2023)
    assert not [m for m in mentions if m.label == "PER"]
