"""Throughput of ``find_timexes`` on a JSONL corpus (fields: text, published).

    python -m rasad.time.bench ../shared/data/bench/saudinewsnet_1000.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from rasad.time.extract import find_timexes


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def benchmark(path: Path, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` wall time over the whole corpus, one core, after one warm-up document."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [(str(r.get("text") or ""), _date(r.get("published"))) for r in rows]
    if docs:
        find_timexes(*docs[0])
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(find_timexes(text, published)) for text, published in docs)
        best = min(best, time.perf_counter() - start)
    words = sum(len(text.split()) for text, _ in docs)
    return {
        "articles": len(docs),
        "mean_words": round(words / len(docs), 1) if docs else 0.0,
        "timexes": count,
        "seconds": round(best, 3),
        "articles_per_second": round(len(docs) / best, 1) if best > 0 else 0.0,
    }


if __name__ == "__main__":
    print(json.dumps(benchmark(Path(sys.argv[1])), indent=1))
