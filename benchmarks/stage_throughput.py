"""Throughput of ONE pipeline stage alone, with every upstream layer precomputed.

    python benchmarks/stage_throughput.py STAGE [--corpus PATH] [--limit N] [--passes 2] [--profile 25]

The stages before STAGE are run first (untimed) for every article, so the figures isolate STAGE's own cost.
Pass 1 is what a fresh `rasad analyze` process sees (per-word caches still cold); later passes show the
steady state of a long-running worker. Both wall time and CPU time (time.process_time) are printed, because the
machine's cores are shared and wall time alone is noisy. The process is pinned to one core.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, peak_rss_mb, pin_to_one_core


def precompute(stage_name: str, corpus: Path, limit: int | None) -> tuple[Any, Any, list[tuple[Any, dict[str, Any]]]]:
    """(pipeline, the named stage, [(document, upstream layers)]) for the first `limit` articles."""
    from rasad.ingest import read_sources
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    pipeline = build_pipeline()
    names = [s.name for s in pipeline.stages]
    if stage_name not in names:
        raise SystemExit(f"unknown stage {stage_name!r}; stages: {', '.join(names)}")
    index = names.index(stage_name)
    upstream = pipeline.stages[:index]
    docs = [d for d in read_sources([str(corpus)], dedup=False) if isinstance(d, Document)][:limit]
    prepared = []
    for doc in docs:
        layers: dict[str, Any] = {}
        for stage in upstream:
            out = stage.run(doc, MappingProxyType(layers), pipeline.resources)
            layers.update({name: tuple(out.get(name, ())) for name in stage.provides})
        prepared.append((doc, layers))
    return pipeline, pipeline.stages[index], prepared


def time_pass(stage: Any, resources: Any, prepared: list[tuple[Any, dict[str, Any]]]) -> dict[str, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    for doc, layers in prepared:
        stage.run(doc, MappingProxyType(layers), resources)
    wall, cpu = max(time.perf_counter() - w0, 1e-9), max(time.process_time() - c0, 1e-9)
    n = len(prepared)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "articles_per_s_wall": round(n / wall, 1),
        "articles_per_s_cpu": round(n / cpu, 1),
        "cpu_ms_per_article": round(cpu * 1000 / n, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", help="text, ner, link, claims, timex or events")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--passes", type=int, default=2, help="timed passes over the corpus (pass 1 = cold caches)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions (pass 1 then includes profiler overhead)")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    pin_to_one_core()
    pipeline, stage, prepared = precompute(args.stage, args.corpus, args.limit)
    if stage.warm is not None:
        stage.warm(pipeline.resources)
    profiler = cProfile.Profile() if args.profile else None
    passes = []
    for k in range(max(1, args.passes)):
        if profiler is not None and k == 0:
            profiler.enable()
        passes.append(time_pass(stage, pipeline.resources, prepared))
        if profiler is not None and k == 0:
            profiler.disable()
    result = {"stage": stage.name, "articles": len(prepared), "passes": passes, "peak_rss_mb": round(peak_rss_mb())}
    print(json.dumps(result, indent=2))
    if profiler is not None:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
