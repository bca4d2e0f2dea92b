"""The link stage in the pipeline: output contract (offsets, order, ids) and the canonical example's entities."""

from __future__ import annotations

import importlib
import itertools
import re
import sys
from pathlib import Path

import pytest

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.model import Document, Entity, Mention
from rasad.pipeline import build_pipeline
from rasad.resources import RESOURCE_ROOT, Resources
from rasad.stages import link

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kb"))  # the KB tests' fixture helpers
kb_helpers = importlib.import_module("kb_helpers")


def _run(resources: Resources, text: str) -> tuple[list[Mention], list[Entity], list[str]]:
    pipeline = build_pipeline(resources, stages=["text", "ner", "link"])
    layers, errors = pipeline.run_layers(Document(id="t", text=text, published="2023-09-12"))
    return list(layers["mentions"]), list(layers["entities"]), errors


@pytest.fixture(scope="module")
def fixture_resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    kb = load_kb(kb_helpers.make_kb_dir(tmp_path_factory.mktemp("kb") / "kb"))
    return Resources(overrides={"kb": kb})


def test_stage_declares_its_layers() -> None:
    assert link.STAGE.requires == ("sentences", "tokens", "ner")
    assert link.STAGE.provides == ("mentions", "entities")


def test_stage_output_contract(fixture_resources: Resources) -> None:
    text = "وقال الرئيس فلاديمير بوتين في موسكو إن روسيا\u200f ترحب بالوفد الكوري الشمالي، وأكد بوتين ذلك للبيت الأبيض."
    mentions, entities, errors = _run(fixture_resources, text)
    assert not [e for e in errors if e.startswith("link")]
    assert mentions, "expected mentions"
    assert [m.id for m in mentions] == [f"m{i}" for i in range(1, len(mentions) + 1)]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert m.text == text[m.start : m.end]
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    ids = [e.id for e in entities]
    assert len(ids) == len(set(ids))
    assert {m.entity for m in mentions if m.entity} == set(ids)
    got = {(m.text, m.entity) for m in mentions}
    assert {("فلاديمير بوتين", "Q7747"), ("موسكو", "Q649"), ("روسيا", "Q159"), ("بوتين", "Q7747")} <= got
    assert ("الكوري الشمالي", "Q423") in got
    assert ("بيت الأبيض", "Q35525") in got


def test_stage_works_without_any_ner_span(fixture_resources: Resources) -> None:
    pipeline = build_pipeline(fixture_resources, stages=["text", "ner", "link"])
    doc = Document(id="t", text="زار وفد من الصين العاصمة الروسية موسكو.")
    layers, _ = pipeline.run_layers(doc)
    out = link.run(doc, {**layers, "ner": ()}, fixture_resources)
    assert [m.entity for m in out["mentions"]] == ["Q148", "Q159", "Q649"]


# (pattern of a surface form, the entity ids it may link to). Forms may carry clitics (وروسيا، لبيونغيانغ).
EXPECTED = [
    ("كيم جونغ أون", {"Q56226"}),
    ("جونغ أون", {"Q56226"}),
    ("كيم", {"Q56226"}),
    ("فلاديمير بوتين|بوتين", {"Q7747"}),
    ("روسيا", {"Q159"}),
    ("كوريا الشمالية", {"Q423"}),
    ("بيونغيانغ", {"Q18808", "Q423"}),
    ("أوكرانيا", {"Q212"}),
    ("الولايات المتحدة", {"Q30"}),
    ("واشنطن", {"Q61", "Q30"}),
    ("الصين", {"Q148"}),
    ("خسان", {"name_en:Khasan"}),
    ("فلاديفوستوك", {"Q959"}),
    ("المنتدى الاقتصادي الشرقي", {"name_en:Eastern Economic Forum"}),
    ("نوفوستي", {"name_en:RIA Novosti", "name_en:Novosti"}),
    ("إنترفاكس", {"name_en:Interfax"}),
    ("وكالة الأنباء الفرنسة", {"Q40464"}),
    ("ل?بيت الأبيض", {"Q35525"}),
    ("وزارة الخارجية الأميركية", {"Q789915"}),
    ("موسكو", {"Q649", "Q159"}),
]


def _acceptable(entity: Entity | None, allowed: set[str]) -> bool:
    if entity is None:
        return False
    return entity.id in allowed or any(
        a.startswith("name_en:") and a[8:] in (entity.name_en or "") for a in allowed
    )


def test_canonical_example_entities(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "kim_putin_visit_2023.txt"
    if not example.exists():
        pytest.skip("../shared data not available")
    text = example.read_text(encoding="utf-8")
    # The shipped tables, plus the fixture rows only for entities those tables do not name yet.
    real = load_kb(RESOURCE_ROOT / "kb")
    missing = [row for row in kb_helpers.FIXTURE_ROWS if not real.find_by_name(row.split("\t")[4])]
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    for path in (RESOURCE_ROOT / "kb").glob("*.tsv"):
        (kb_dir / path.name).write_bytes(path.read_bytes())
    (kb_dir / "zz_fixture.tsv").write_text("\n".join([kb_helpers.HEADER, *missing]) + "\n", encoding="utf-8")
    kb: KnowledgeBase = load_kb(kb_dir)
    mentions, entities, errors = _run(Resources(overrides={"kb": kb}), text)
    assert not [e for e in errors if e.startswith("link")]
    by_id = {e.id: e for e in entities}
    problems = []
    for pattern, allowed in EXPECTED:
        for occurrence in re.finditer(rf"(?<!\w)[وفبلك]{{0,2}}({pattern})(?!\w)", text):
            end = occurrence.end(1)
            covering = [m for m in mentions if m.start < end <= m.end]
            entity = by_id.get(covering[0].entity or "") if covering else None
            if not _acceptable(entity, allowed):
                problems.append((pattern, occurrence.start(1), covering[0] if covering else None))
    assert problems == []
