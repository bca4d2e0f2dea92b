"""Ingest throughput: one process vs a local Dask cluster, on the same corpus, into fresh SQLite files.

    nice -n 10 python benchmarks/ingest.py [CORPUS.jsonl] [--workers 2] [--limit N]

The default corpus is ../shared/data/bench/saudinewsnet_1000.jsonl (not part of the repository). Prints one
JSON object: documents, seconds and docs/s per configuration, the speed-up, and whether both databases hold the
same analyses (they must).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from rasad.store import ingest

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "bench" / "saudinewsnet_1000.jsonl"


def stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, analysis FROM documents"))


def run(corpus: Path, workers: int | None, tmp: Path) -> tuple[dict[str, float | int | None], dict[str, str]]:
    db = tmp / f"bench-{workers or 1}.db"
    t0 = time.perf_counter()
    report = ingest([str(corpus)], str(db), workers=workers, progress=False)
    seconds = time.perf_counter() - t0
    return (
        {"workers": workers or 1, "documents": report.added, "failed": report.failed, "seconds": round(seconds, 2),
         "docs_per_second": round(report.added / seconds, 2)},
        stored(db),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"benchmark corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmpdir:
        tmp = Path(tmpdir)
        corpus = args.corpus
        if args.limit:
            corpus = tmp / "corpus.jsonl"
            with args.corpus.open(encoding="utf-8") as src:
                corpus.write_text("".join(islice(src, args.limit)), encoding="utf-8")
        single, single_docs = run(corpus, None, tmp)
        multi, multi_docs = run(corpus, args.workers, tmp)
    print(
        json.dumps(
            {"corpus": str(args.corpus), "single": single, "dask": multi,
             "speedup": round(float(single["seconds"] or 0) / float(multi["seconds"] or 1), 2),
             "identical": single_docs == multi_docs},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
