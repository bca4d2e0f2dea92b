"""Throughput of the rasad pipeline on one CPU core.

    python benchmarks/throughput.py [--corpus ../shared/data/bench/saudinewsnet_1000.jsonl] [--stages text,ner,...]
                                    [--limit N] [--cli]

Pins the process to one core, loads the corpus, then reports: start-up (resources loaded + first analysis out),
articles/s and tokens/s over the whole corpus, peak RSS, and the time spent in each stage. Wall time and CPU time
(time.process_time / the child's rusage) are both reported: the machine's cores are shared, so wall time alone
overstates the cost when other jobs run. With --cli the whole
`rasad analyze CORPUS --format json` command is timed as a user would run it (output to /dev/null), which is what
the performance acceptance measures. The BERT-base reference (≈1.3 articles/s on one core of this machine for the
same corpus, per the performance issue) is printed for scale.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BERT_BASE_ARTICLES_PER_S = 1.3
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bench" / "saudinewsnet_1000.jsonl"


def pin_to_one_core() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_in_process(corpus: Path, stages: list[str] | None, limit: int | None) -> dict[str, object]:
    from rasad.ingest import read_sources
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    docs = [d for d in read_sources([str(corpus)], dedup=False) if isinstance(d, Document)][:limit]
    t0, c0 = time.perf_counter(), time.process_time()
    pipeline = build_pipeline(stages=stages)
    first = pipeline.analyze(docs[0])
    json.dumps(first.to_dict(), ensure_ascii=False)
    startup, startup_cpu = time.perf_counter() - t0, time.process_time() - c0
    pipeline.timings.clear()
    pipeline.cpu_timings.clear()
    tokens = 0
    errors = 0
    serialise_cpu = 0.0
    t1, c1 = time.perf_counter(), time.process_time()
    for doc in docs:
        analysis = pipeline.analyze(doc)
        s0 = time.process_time()
        json.dumps(analysis.to_dict(), ensure_ascii=False)
        serialise_cpu += time.process_time() - s0
        errors += bool(analysis.errors)
        tokens += len(doc.text.split())
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    n = len(docs)
    return {
        "articles": n,
        "stages": [s.name for s in pipeline.stages],
        "startup_s": round(startup, 3),
        "startup_cpu_s": round(startup_cpu, 3),
        "articles_per_s": round(n / elapsed, 1),
        "articles_per_s_cpu": round(n / cpu, 1),
        "tokens_per_s": round(tokens / elapsed),
        "x_bert_base": round(n / elapsed / BERT_BASE_ARTICLES_PER_S, 1),
        "peak_rss_mb": round(peak_rss_mb()),
        "documents_with_stage_errors": errors,
        "stage_ms_per_article": {k: round(v * 1000 / n, 3) for k, v in pipeline.timings.items()},
        "stage_cpu_ms_per_article": {
            **{k: round(v * 1000 / n, 3) for k, v in pipeline.cpu_timings.items()},
            "to_dict+json": round(serialise_cpu * 1000 / n, 3),
        },
    }


def bench_cli(corpus: Path) -> dict[str, object]:
    """Time the whole `rasad analyze` process (start-up included) as the acceptance check runs it."""
    n = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.run([sys.executable, "-m", "rasad", "analyze", str(corpus), "--format", "json"],
                              stdout=sink, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        raise SystemExit(proc.stderr.decode()[-2000:])
    return {
        "articles": n,
        "wall_s": round(elapsed, 2),
        "cpu_s": round(cpu, 2),
        "articles_per_s": round(n / elapsed, 1),
        "articles_per_s_cpu": round(n / cpu, 1),
        "x_bert_base": round(n / elapsed / BERT_BASE_ARTICLES_PER_S, 1),
        "peak_rss_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--stages", help="comma-separated stage names (default: all)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cli", action="store_true", help="time the whole `rasad analyze` command instead")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    pin_to_one_core()
    result = bench_cli(args.corpus) if args.cli else bench_in_process(
        args.corpus, args.stages.split(",") if args.stages else None, args.limit
    )
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
