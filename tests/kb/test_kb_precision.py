"""Precision rules found by the link audit (rasad.kb.audit): lone surnames, name parts, places that name a
newspaper, ى-final false nisbas, the authored MISC/EVENT table, and when unknown names are rendered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kb_helpers import link, make_kb_dir, ner_span

from rasad.kb import local_names
from rasad.kb.index import KnowledgeBase, is_distinctive_surname, load_kb
from rasad.model import NerSpan
from rasad.resources import RESOURCE_ROOT
from rasad.text.tokenize import Segmenter, tokenize

EXTRA_ROWS = [
    "kb:mojtaba-khamenei\t\tPER\tMojtaba Khamenei\tمجتبى خامنئي\t\tIR\t\t\tpolitician\tIR\tSon of Ali Khamenei",
    "kb:imad-khamis\t\tPER\tImad Khamis\tعماد خميس\t\tSY\t\t\thead_of_government\tSY\tPM 2016–2020",
    "kb:buhari\t\tPER\tMuhammadu Buhari\tمحمد بخاري\t\tNG\t\t\thead_of_state\tNG\tPresident 2015–2023",
    "kb:di-maio\t\tPER\tLuigi Di Maio\tلويجي دي مايو\t\tIT\t\t\tforeign_minister\tIT\tFM 2019–2022",
    "kb:mbs\t\tPER\tMohammed bin Salman\tمحمد بن سلمان\t\tSA\t\t\thead_of_government\tSA\tPM 2022–",
    "kb:abdullah-ii\t\tPER\tAbdullah II\tعبدالله الثاني\t\tJO\t\t\thead_of_state\tJO\tKing 1999–",
    "kb:masum\t\tPER\tFuad Masum\tفؤاد معصوم\t\tIQ\t\t\thead_of_state\tIQ\tPresident 2014–2018",
    "kb:saleh\t\tPER\tAli Abdullah Saleh\tعلي عبدالله صالح\t\tYE\t\t\thead_of_state\tYE\tPresident 1990–2012",
    "kb:maliki\t\tPER\tNouri al-Maliki\tنوري كامل المالكي\t\tIQ\t\t\thead_of_government\tIQ\tPM 2006–2014",
    "kb:lula\t\tPER\tLula da Silva\tلويس إيناسيو لولا دا سيلفا\t\tBR\t\t\thead_of_state\tBR\tPresident 2023–",
    "kb:houthis\t\tORG\tHouthis\tجماعة الحوثي\tالحوثيين|الحوثيون\tYE\t\t\tarmed_group\tYE\t",
    "kb:abdul-malik\t\tPER\tAbdul-Malik al-Houthi\tعبد الملك الحوثي\t\tYE\t\t\tmilitant_leader\tkb:houthis\t",
    "kb:hajj-officer\t\tPER\tAli al-Hajj\tعلي الحاج\t\tLB\t\t\tpolitician\tLB\tSecurity chief 2004–2005",
    "kb:hamas\t\tORG\tHamas\tحركة حماس\tحماس\tPS\t\t\tarmed_group\tPS\t",
    "kb:asharq\t\tORG\tAsharq Al-Awsat\tصحيفة الشرق الأوسط\t\tGB\t\t\tmedia\t\t",
    "kb:al-riyadh-paper\t\tORG\tAl Riyadh (newspaper)\tصحيفة الرياض\tجريدة الرياض\tSA\t\t\tmedia\t\t",
]


@pytest.fixture(scope="module")
def pkb(tmp_path_factory: pytest.TempPathFactory, vocab: dict[str, int]) -> KnowledgeBase:
    folder = make_kb_dir(tmp_path_factory.mktemp("kb") / "kb", EXTRA_ROWS)
    shutil.copy(RESOURCE_ROOT / "kb" / "misc.tsv", Path(folder) / "misc.tsv")
    return load_kb(folder, vocab)


def _people(kb: KnowledgeBase, segmenter: Segmenter, text: str) -> list[tuple[str, str | None]]:
    mentions, _ = link(kb, segmenter, text)
    return [(m.text, m.entity) for m in mentions if m.label == "PER"]


def test_only_distinctive_surnames_stand_alone(pkb: KnowledgeBase, vocab: dict[str, int]) -> None:
    parts = pkb.person_parts
    # a weekday, a month, a father's name, an ordinal, a word common in news
    for word in ("خميس", "مايو", "سلمان", "الثاني", "صالح"):
        assert word not in parts, word
    assert parts["بخاري"] == ("kb:buhari",)
    assert parts["خامنئي"][0] == "Q57336"  # the Supreme Leader before his son
    assert is_distinctive_surname("بايدن", vocab)
    assert not is_distinctive_surname("العدل", vocab)


def test_lone_surname_needs_support_and_prefers_prominence(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    assert _people(pkb, segmenter, "وقال المرشد خامنئي إن إيران لن تتراجع.") == [("خامنئي", "Q57336")]
    assert _people(pkb, segmenter, "وقال الرئيس بخاري إن الانتخابات ستجري.") == [("بخاري", "kb:buhari")]
    assert _people(pkb, segmenter, "وقال بخاري إن الانتخابات ستجري.") == []
    text = "وقال السيد المعصوم إن الاجتماع يعقد يوم الخميس في مايو بحضور وزير العدل."
    assert _people(pkb, segmenter, text) == []


def test_ner_person_vouches_for_a_lone_surname(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "وصل بخاري إلى أبوجا أمس."
    mentions, _ = link(pkb, segmenter, text, [ner_span(text, segmenter, "بخاري", "PERS")])
    assert [(m.text, m.entity, m.kind) for m in mentions if m.label == "PER"] == [
        ("بخاري", "kb:buhari", "partial")
    ]


def test_surname_after_a_nobiliary_particle_is_someone_elses(
    pkb: KnowledgeBase, segmenter: Segmenter
) -> None:
    text = "وسجل نيمار دا سيلفا هدفا، وقال الرئيس سيلفا إن البرازيل فخورة."
    mentions, _ = link(pkb, segmenter, text, [ner_span(text, segmenter, "سيلفا", "PERS")])
    assert [(m.text, m.entity) for m in mentions if m.entity == "kb:lula"] == [("سيلفا", "kb:lula")]
    assert [m.start for m in mentions if m.entity == "kb:lula"] == [text.rindex("سيلفا")]


def test_name_parts_skip_fathers_middle_names_and_need_an_antecedent(
    pkb: KnowledgeBase, segmenter: Segmenter
) -> None:
    text = "استقبل محمد بن سلمان الوفد. وقال سلمان العودة إن الزيارة مهمة."
    assert _people(pkb, segmenter, text) == [("محمد بن سلمان", "kb:mbs")]
    text = "قال نوري كامل المالكي إن كامل الحكومة مستقيلة، وأكد المالكي ذلك."
    assert _people(pkb, segmenter, text) == [("نوري كامل المالكي", "kb:maliki"), ("المالكي", "kb:maliki")]
    # صالح is frequent in news: alone it is Saleh only after the full name
    text = "وقال صالح إن الوضع هادئ. وأعلن علي عبدالله صالح الحرب، وهدد صالح خصومه."
    assert _people(pkb, segmenter, text) == [("علي عبدالله صالح", "kb:saleh"), ("صالح", "kb:saleh")]


def test_leader_name_after_a_group_noun_is_the_group(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "وقال عبد الملك الحوثي إن الحرب مستمرة. وهاجمت ميليشيات الحوثي المدينة، وأكد الحوثي ذلك."
    mentions, _ = link(pkb, segmenter, text)
    assert [(m.text, m.entity) for m in mentions if m.text.endswith("الحوثي")] == [
        ("عبد الملك الحوثي", "kb:abdul-malik"),
        ("الحوثي", "kb:houthis"),
        ("الحوثي", "kb:abdul-malik"),
    ]


def test_a_person_after_an_institution_noun_names_the_institution(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    """مؤسسة محمد بن سلمان الخيرية is a foundation; مقدم البرنامج + a name is the presenter (definite head)."""
    assert _people(pkb, segmenter, "وأقامت مؤسسة محمد بن سلمان الخيرية حفلا في الرياض.") == []
    assert _people(pkb, segmenter, "ونقل المصاب إلى مستشفى الملك عبدالله الثاني في عمان.") == []
    assert _people(pkb, segmenter, "واستقبل الملك عبدالله الثاني الوفد.") == [("عبدالله الثاني", "kb:abdullah-ii")]
    assert _people(pkb, segmenter, "وأكد مدير المشروع محمد بن سلمان أن العمل بدأ.") == [("محمد بن سلمان", "kb:mbs")]


def test_honorific_titles_are_no_surnames(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    """الحاج (a pilgrim, or the title of one) is the last word of علي الحاج but never that person alone."""
    assert "الحاج" not in pkb.person_parts
    assert _people(pkb, segmenter, "وتتعامل الوزارة مع الحاج صحيا عبر توعية الحاج.") == []


def test_organisation_name_read_as_a_common_noun(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "شدني حماس الطالبات، وشارك اللاعبون بحماس كبير. وقالت حماس إن الهدنة انتهت، وهددت حماس بالرد."
    mentions, _ = link(pkb, segmenter, text)
    assert "حماس" in pkb.noun_like_names
    assert [m.start for m in mentions if m.entity == "kb:hamas"] == [
        i for i in range(len(text)) if text.startswith("حماس", i) and text[i + 5 : i + 7] in ("إن", "با")
    ]


def test_place_names_that_name_a_newspaper_or_club(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "وقال مصدر لـ«الشرق الأوسط» إن الأزمة في الشرق الأوسط تتفاقم، بحسب جريدة الرياض، وفي نادي باريس."
    mentions, _ = link(pkb, segmenter, text)
    got = [(m.text, m.entity) for m in mentions]
    assert ("الشرق الأوسط", "kb:asharq") in got
    assert ("جريدة الرياض", "kb:al-riyadh-paper") in got
    assert [m.entity for m in mentions if m.text == "الشرق الأوسط"][1] != "kb:asharq"
    assert not [m for m in mentions if m.text == "باريس"]


def test_nisba_written_with_final_alef_maqsura(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    mentions, _ = link(pkb, segmenter, "رفع يده اليمنى أمام الوفد اليمني.")
    assert [(m.text, m.entity) for m in mentions if m.label == "NORP"] == [("اليمني", "Q805")]
    # Egyptian house style writes every final ي as ى: there المصرى is the nisba
    mentions, _ = link(pkb, segmenter, "وقال الوزير المصرى فى مؤتمر صحفى إن الاتفاق قريب.")
    assert ("المصرى", "Q79") in [(m.text, m.entity) for m in mentions]


def test_misc_table_overrides_a_wrong_ner_label(pkb: KnowledgeBase, segmenter: Segmenter) -> None:
    text = "تراجعت إصابات كوفيد-19 بعد الحرب العالمية الثانية على كأس العالم في رمضان."
    ner = [ner_span(text, segmenter, "كوفيد-19", "PERS"), ner_span(text, segmenter, "كأس العالم", "LOC")]
    mentions, _ = link(pkb, segmenter, text, ner)
    got = {(m.text, m.entity, m.label) for m in mentions}
    assert {
        ("كوفيد-19", "Q84263196", "MISC"),
        ("الحرب العالمية الثانية", "Q362", "EVENT"),
        ("كأس العالم", "Q19317", "EVENT"),
        ("رمضان", "kb:ramadan", "MISC"),
    } <= got


def test_unknown_names_are_rendered_once_and_only_when_output(
    pkb: KnowledgeBase, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def fake_render(arabic: str) -> str:
        calls.append(arabic)
        return "X" + str(len(calls))

    monkeypatch.setattr(local_names, "_render", fake_render)
    name = "زبيرقان الهمذاني"
    text = f"وقال {name} إن القرار نهائي، وأكد {name} ذلك."
    tokens = tokenize(text, segmenter)
    spans = []
    for start in (text.index(name), text.rindex(name)):
        idx = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= start + len(name)]
        spans.append(NerSpan(tokens[idx[0]].start, tokens[idx[-1]].end, name, "PERS", idx[0], idx[-1]))
    _, entities = link(pkb, segmenter, text, spans)
    local = [e for e in entities if not e.in_kb]
    assert len(local) == 1 and local[0].name_en == "X1"
    assert calls == [name]
