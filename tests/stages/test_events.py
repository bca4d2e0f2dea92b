"""The events stage inside the pipeline: declaration, a run on our own text, and the canonical example."""

from __future__ import annotations

from rasad.model import Analysis, Document
from rasad.pipeline import build_pipeline
from rasad.stages import events as events_stage
from rasad_test_paths import shared_path


def test_stage_declaration() -> None:
    stage = events_stage.STAGE
    assert stage.name == "events"
    assert stage.provides == ("events",)
    assert set(stage.requires) == {"sentences", "tokens", "mentions", "entities", "timexes", "claims"}


def test_stage_runs_on_text_layers_only() -> None:
    text = "وتظاهر آلاف الطلاب أمس أمام مقر الحكومة. واعتقلت الشرطة عشرات المحتجين."
    base = build_pipeline(stages=["text"])
    layers, errors = base.run_layers(Document(id="t", text=text, published="2024-01-02"))
    assert not errors
    layers = {**layers, "mentions": (), "entities": (), "timexes": (), "claims": ()}
    out = events_stage.run(Document(id="t", text=text, published="2024-01-02"), layers, base.resources)
    assert set(out) == {"events"}
    types = [(e.type, e.sentence) for e in out["events"]]
    assert ("PROTEST", 0) in types and ("COERCE", 1) in types
    arrest = next(e for e in out["events"] if e.type == "COERCE")
    assert arrest.mode == "arrest" and arrest.cameo == "173"
    assert [a.text for a in arrest.actors] == ["الشرطة"] and arrest.date == "2024-01-02"


def _names(analysis: Analysis, args) -> set[str]:  # type: ignore[no-untyped-def]
    names = {e.id: (e.name_en or "") for e in analysis.entities}
    return {names.get(a.entity or "", "") or a.text for a in args}


def test_kim_putin_example_events(example_text: str) -> None:
    shared_path("examples", "kim_putin_visit_2023.txt")
    analysis = build_pipeline().analyze(Document(id="kim", text=example_text, published="2023-09-12"))
    assert not analysis.errors
    consult = [e for e in analysis.events if e.type == "CONSULT"]

    def has(names: set[str], *needles: str) -> bool:
        return any(n in name for name in names for n in needles)

    visit = [
        e
        for e in consult
        if e.modality == "asserted"
        and has(_names(analysis, e.actors), "Kim", "North Korea")
        and has(_names(analysis, (*e.recipients, *([e.location] if e.location else []))), "Russia")
    ]
    assert visit, "an asserted CONSULT of Kim Jong Un in Russia"
    meeting = [
        e
        for e in consult
        if e.modality != "asserted"
        and has(_names(analysis, e.actors), "Kim")
        and has(_names(analysis, (*e.actors, *e.recipients)), "Putin")
    ]
    assert meeting and meeting[0].modality == "expected"
    threat = [
        e
        for e in analysis.events
        if e.type == "THREATEN"
        and has(_names(analysis, e.actors), "White House", "United States")
        and has(_names(analysis, e.recipients), "North Korea")
    ]
    assert threat and threat[0].modality == "asserted"
    supply = [
        e
        for e in analysis.events
        if e.type == "AID"
        and e.modality == "asserted"
        and has(_names(analysis, e.actors), "North Korea", "Pyongyang", "Kim")
    ]
    assert not supply


def test_trigger_words_inside_organisation_names_are_not_events() -> None:
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    text = "قصفت طائرات حربية مواقع للدعم السريع في الخرطوم، فيما هاجمت قوات الدعم السريع مواقع الجيش."
    analysis = build_pipeline().analyze(Document("rsf", text, published="2023-05-21"))
    assert [e.type for e in analysis.events] == ["ASSAULT", "ASSAULT"]
    assert all(e.trigger.text != "دعم" for e in analysis.events)
