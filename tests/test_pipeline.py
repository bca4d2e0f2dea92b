from collections.abc import Mapping
from typing import Any

import pytest

from rasad.errors import PipelineError
from rasad.model import Document
from rasad.pipeline import Pipeline, Stage, available_stages, build_pipeline
from rasad.resources import Resources


def _stage(name: str, requires: tuple[str, ...], provides: tuple[str, ...], fn: Any = None) -> Stage:
    def run(doc: Document, layers: Mapping[str, Any], res: Resources) -> dict[str, Any]:
        return fn(doc, layers) if fn else {p: [] for p in provides}

    return Stage(name, requires, provides, run)


def test_missing_requirement_fails_at_build_time() -> None:
    with pytest.raises(PipelineError, match="requires tokens"):
        Pipeline([_stage("events", ("tokens",), ("events",))], Resources())


def test_a_failing_stage_is_isolated_per_document() -> None:
    def explode(doc: Document, layers: Mapping[str, Any]) -> dict[str, Any]:
        if "boom" in doc.text:
            raise ValueError("cannot handle this one")
        return {"claims": []}

    stages = [s for s in available_stages() if s.name == "text"] + [_stage("claims", ("tokens",), ("claims",), explode)]
    pipe = Pipeline(stages, Resources())
    bad, good = pipe.analyze(Document("a", "نص boom")), pipe.analyze(Document("b", "نص عادي."))
    assert bad.errors == ("claims: ValueError: cannot handle this one",)
    assert bad.sentences and bad.claims == ()
    assert good.errors == ()


def test_layers_are_read_only_for_stages() -> None:
    def mutate(doc: Document, layers: Mapping[str, Any]) -> dict[str, Any]:
        layers["sentences"] = ()  # type: ignore[index]
        return {}

    stages = [s for s in available_stages() if s.name == "text"] + [_stage("bad", ("tokens",), ("x",), mutate)]
    result = Pipeline(stages, Resources()).analyze(Document("a", "جملة أولى. جملة ثانية."))
    assert len(result.sentences) == 2
    assert result.errors and "TypeError" in result.errors[0]


def test_undeclared_layers_are_rejected() -> None:
    stages = [_stage("sneaky", (), ("a",), lambda doc, layers: {"a": [], "b": []})]
    result = Pipeline(stages, Resources()).analyze(Document("a", "نص"))
    assert "undeclared" in result.errors[0]


def test_default_pipeline_order_is_valid() -> None:
    names = [s.name for s in build_pipeline().stages]
    assert names[0] == "text"
    assert names == sorted(names, key=["text", "ner", "link", "claims", "timex", "events"].index)


def test_resources_pickle_without_loaded_models() -> None:
    import pickle

    res = Resources()
    res.get("vocab")
    clone = pickle.loads(pickle.dumps(res))
    assert not clone.is_loaded("vocab") and clone.get("vocab")["روسيا"] > 100
