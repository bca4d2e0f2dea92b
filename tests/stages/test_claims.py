"""The claims stage inside the pipeline: declared layers, resources, and the canonical example (when present)."""

from __future__ import annotations

from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.stages import claims as claims_stage
from rasad_test_paths import shared_path


def _layers(text: str):  # type: ignore[no-untyped-def]
    base = build_pipeline(stages=["text"])
    layers, errors = base.run_layers(Document(id="t", text=text))
    assert not errors
    return {**layers, "mentions": (), "entities": ()}, base.resources


def test_stage_declaration() -> None:
    stage = claims_stage.STAGE
    assert stage.name == "claims"
    assert stage.provides == ("claims",)
    assert set(stage.requires) == {"sentences", "tokens", "mentions", "entities"}


def test_stage_runs_without_mentions() -> None:
    text = "وأعلنت وزارة الداخلية أن الطريق سيفتح غدا. وبحسب شهود عيان، تجمع المئات أمام المبنى."
    layers, resources = _layers(text)
    out = claims_stage.run(Document(id="t", text=text), layers, resources)
    assert set(out) == {"claims"}
    claims = out["claims"]
    assert [c.id for c in claims] == ["c1", "c2"]
    assert [c.source.text for c in claims] == ["وزارة الداخلية", "شهود عيان"]
    assert [c.kind for c in claims] == ["indirect", "according_to"]


# The nine attributions of the canonical example: (words of the source, words the content must hold).
EXPECTED = [
    ("نوفوستي", "غادر بيونغيانغ"),
    ("إنترفاكس", "محطة خسان"),
    ("وسائل إعلام محلية", "بالتاريخية"),
    ("وسائل إعلام كورية", "كبار المسؤولين"),
    ("وكالة الأنباء الفرنسة", "بإنتاج الأسلحة"),
    ("مسؤولون روس", "العلاقات الثنائية"),
    ("دولًا غربية", "بصواريخ"),
    ("الأبيض", "ستدفع الثمن"),
    ("وزارة الخارجية الأميركية", "استجداء"),
]


def test_canonical_example_attributions() -> None:
    text = shared_path("examples", "kim_putin_visit_2023.txt").read_text(encoding="utf-8")
    pipeline = build_pipeline(exclude=("timex", "events"))
    if "claims" not in {s.name for s in pipeline.stages}:
        layers, resources = _layers(text)
        claims = claims_stage.run(Document(id="k", text=text), layers, resources)["claims"]
    else:
        claims = pipeline.analyze(Document(id="k", text=text, published="2023-09-12")).claims
    found = 0
    for source_words, content_words in EXPECTED:
        if any(source_words in c.source.text and content_words in c.content.text for c in claims):
            found += 1
    assert found >= 8, [(c.source.text, c.content.text) for c in claims]
    # nothing in the article is attributed to the people it is about
    assert not any("بوتين" in c.source.text or "كيم" in c.source.text for c in claims)
