"""Throughput and memory of the linking stage alone: `python -m rasad.kb.bench [bench.jsonl] [--no-ner]`.

The text (and, unless --no-ner, NER) layers are computed first and not timed; then the link stage runs over every
document and the rate is reported, with the process's peak RSS after the KB was loaded.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.stages import link

DEFAULT_BENCH = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "bench" / "saudinewsnet_1000.jsonl"
)


def main(argv: list[str]) -> None:
    path = Path(next((a for a in argv if not a.startswith("--")), DEFAULT_BENCH))
    use_ner = "--no-ner" not in argv
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    pipeline = build_pipeline(stages=["text", "ner"] if use_ner else ["text"])
    prepared = []
    for d in docs:
        doc = Document(id=str(d["id"]), text=d["text"], published=d.get("published"))
        layers, _ = pipeline.run_layers(doc)
        layers.setdefault("ner", ())
        prepared.append((doc, layers))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pipeline.resources.get("kb")
    load = time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    n_mentions = 0
    for doc, layers in prepared:
        out = link.run(doc, layers, pipeline.resources)
        n_mentions += len(out["mentions"])
    elapsed = time.perf_counter() - t0
    print(
        f"docs={len(prepared)} ner={use_ner} link_seconds={elapsed:.2f} rate={len(prepared) / elapsed:.0f}/s "
        f"mentions={n_mentions} kb_load_s={load:.2f} peak_rss_mb={rss_kb:.0f} (before kb: {rss_before:.0f})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
