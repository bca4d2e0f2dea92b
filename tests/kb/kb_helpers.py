"""Helpers shared by the KB tests: the fixture KB folder, linking a text, picking mentions by their text.

The fixture KB is the shipped place/demonym/city tables plus a few people and organisations: those two tables
are authored elsewhere in parallel, so the tests carry the handful of rows they rely on and never depend on the
state of those files.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from rasad.kb.index import KnowledgeBase
from rasad.kb.linker import link_document
from rasad.model import Entity, Mention, NerSpan
from rasad.resources import RESOURCE_ROOT
from rasad.text.tokenize import Segmenter, tokenize

HEADER = "id\twikidata\tlabel\tname_en\tname_ar\taliases_ar\tcountry\tlat\tlon\tkind\tparent\tnote"
FIXTURE_ROWS = [
    "Q56226\tQ56226\tPER\tKim Jong Un\tكيم جونغ أون\tكيم جونغ اون\tKP\t\t\thead_of_state\tQ423\t",
    "Q7747\tQ7747\tPER\tVladimir Putin\tفلاديمير بوتين\tبوتين\tRU\t\t\thead_of_state\tQ159\t",
    "Q6279\tQ6279\tPER\tJoe Biden\tجو بايدن\t\tUS\t\t\thead_of_state\tQ30\t",
    "Q57336\tQ57336\tPER\tAli Khamenei\tعلي خامنئي\tالمرشد علي خامنئي\tIR\t\t\thead_of_state\tQ794\t",
    "kb:saif-al-adel\t\tPER\tSaif al-Adel\tسيف العدل\t\tEG\t\t\tmilitant_leader\t\t",
    "kb:fatah\t\tORG\tFatah\tحركة فتح\tفتح\tPS\t\t\tparty\t\t",
    "kb:king-x\t\tPER\tKing Faisal (fixture)\tفيصل بن عبد العزيز\tالملك فيصل\tSA\t\t\thead_of_state\t\t",
    "Q40464\tQ40464\tORG\tAgence France-Presse\tوكالة الأنباء الفرنسية\tفرانس برس\tFR\t\t\tnews_agency\t\t",
    "kb:ria-novosti\t\tORG\tRIA Novosti\tريا نوفوستي\tنوفوستي|وكالة نوفوستي\tRU\t\t\tnews_agency\t\t",
    "kb:interfax\t\tORG\tInterfax\tإنترفاكس\tانترفاكس\tRU\t\t\tnews_agency\t\t",
    "kb:eastern-economic-forum\t\tEVENT\tEastern Economic Forum\tالمنتدى الاقتصادي الشرقي\t\tRU\t\t\tforum\t\t",
    "kb:ministry-of-defence-ru\t\tORG\tMinistry of Defence (Russia)\tوزارة الدفاع الروسية\t\tRU\t\t\tministry\tQ159\t",
]


def make_kb_dir(target: Path, extra_rows: list[str] | None = None) -> Path:
    """Shipped places/demonyms/cities + the fixture people/organisations, in a fresh folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("places.tsv", "demonyms.tsv", "cities.tsv"):
        shutil.copy(RESOURCE_ROOT / "kb" / name, target / name)
    (target / "fixture.tsv").write_text(
        "\n".join([HEADER, *FIXTURE_ROWS, *(extra_rows or [])]) + "\n", encoding="utf-8"
    )
    return target


def link(
    kb: KnowledgeBase, segmenter: Segmenter, text: str, ner: Sequence[NerSpan] = ()
) -> tuple[list[Mention], list[Entity]]:
    mentions, entities = link_document(kb, text, tokenize(text, segmenter), ner)
    for m in mentions:
        assert m.text == text[m.start : m.end]
    return mentions, entities


def link_dated(
    kb: KnowledgeBase, segmenter: Segmenter, text: str, year: int | None, ner: Sequence[NerSpan] = ()
) -> tuple[list[Mention], list[Entity]]:
    """`link` for a document published in `year`."""
    return link_document(kb, text, tokenize(text, segmenter), ner, year)


def by_text(mentions: list[Mention], text: str) -> list[Mention]:
    return [m for m in mentions if m.text == text]


def ner_span(text: str, segmenter: Segmenter, surface: str, label: str) -> NerSpan:
    """An NER span over the tokens that make up the first occurrence of `surface`."""
    tokens = tokenize(text, segmenter)
    start = text.index(surface)
    end = start + len(surface)
    idx = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
    return NerSpan(tokens[idx[0]].start, tokens[idx[-1]].end, surface, label, idx[0], idx[-1])
