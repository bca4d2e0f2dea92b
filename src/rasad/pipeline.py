"""The stage registry and the pipeline that turns a Document into an Analysis.

A stage is a small module that exposes `STAGE = Stage(name, requires, provides, run)`; `run(doc, layers,
resources)` reads earlier layers from the read-only mapping and returns a dict with exactly the layers it
provides. The pipeline checks at build time that every requirement is provided by an earlier stage (so a
mis-ordered or missing stage fails loudly, once) and, at run time, isolates failures: a stage that raises on one
document leaves its layers empty for that document, the error is recorded on the Analysis, and the batch goes on.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rasad.errors import PipelineError
from rasad.model import Analysis, Document
from rasad.resources import Resources, default_resources

StageRun = Callable[[Document, Mapping[str, Any], Resources], Mapping[str, Any]]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: StageRun
    warm: Callable[[Resources], None] | None = None  # loads the stage's resources ahead of the first document


# The default stages, in order. Stage modules that are not part of this installation are skipped.
STAGE_MODULES = (
    "rasad.stages.text",
    "rasad.stages.ner",
    "rasad.stages.link",
    "rasad.stages.claims",
    "rasad.stages.timex",
    "rasad.stages.events",
)

# Layers that end up in the Analysis; anything else (tokens, raw NER spans) is internal to the pipeline.
ANALYSIS_LAYERS = ("sentences", "mentions", "entities", "timexes", "events", "claims")


def available_stages() -> list[Stage]:
    stages = []
    for module_name in STAGE_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        stages.append(module.STAGE)
    return stages


@dataclass
class Pipeline:
    stages: list[Stage]
    resources: Resources = field(default_factory=default_resources)
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu_timings: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (cores may be shared)

    def __post_init__(self) -> None:
        provided: set[str] = set()
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in provided]
            if missing:
                raise PipelineError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage provides")
            provided.update(stage.provides)
        self.provided = frozenset(provided)

    def warm_up(self) -> None:
        """Load every stage's resources now (start-up cost paid once, before the first document)."""
        for stage in self.stages:
            if stage.warm is not None:
                stage.warm(self.resources)

    def run_layers(self, doc: Document) -> tuple[dict[str, Any], list[str]]:
        layers: dict[str, Any] = {}
        errors: list[str] = []
        view = MappingProxyType(layers)
        timings, cpu_timings = self.timings, self.cpu_timings
        for stage in self.stages:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                out = stage.run(doc, view, self.resources)
                unexpected = set(out) - set(stage.provides)
                if unexpected:
                    raise PipelineError(f"returned undeclared layers {sorted(unexpected)}")
            except Exception as exc:  # one document's failure must not stop a batch
                errors.append(f"{stage.name}: {type(exc).__name__}: {exc}")
                out = {}
            for name in stage.provides:
                layers[name] = tuple(out.get(name, ()))
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
            cpu_timings[stage.name] = cpu_timings.get(stage.name, 0.0) + time.process_time() - c0
        return layers, errors

    def analyze(self, doc: Document) -> Analysis:
        layers, errors = self.run_layers(doc)
        return Analysis(
            document=doc,
            **{name: tuple(layers.get(name, ())) for name in ANALYSIS_LAYERS},
            errors=tuple(errors),
        )

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            yield self.analyze(doc)


def build_pipeline(
    resources: Resources | None = None, stages: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> Pipeline:
    """The default pipeline (or only the named stages, in registry order)."""
    wanted = set(stages) if stages is not None else None
    skip = set(exclude)
    chosen = [s for s in available_stages() if (wanted is None or s.name in wanted) and s.name not in skip]
    return Pipeline(chosen, resources or default_resources())


_DEFAULT_PIPELINE: Pipeline | None = None


def analyze(doc: Document) -> Analysis:
    """Analyse one document with the default pipeline (built once per process)."""
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = build_pipeline()
    return _DEFAULT_PIPELINE.analyze(doc)
