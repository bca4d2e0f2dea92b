"""Throughput and memory of the NER tagger on a JSONL corpus (one article per line with a `text` field).

Command: `python -m rasad.ner.bench ../shared/data/bench/saudinewsnet_1000.jsonl [--model-dir DIR]`
Articles are tokenised with `rasad.ner.arabic.tokenize` and split into sentences at . ! ? ؟ and newlines
outside the timed region, so the figure is the tagger's own speed (features + CRF decoding), starting from a
cold word cache.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

from rasad.ner.arabic import tokenize
from rasad.ner.tagger import NerTagger

_SENTENCE_END = frozenset(".!?؟")


def article_sentences(text: str) -> list[list[str]]:
    sentences: list[list[str]] = []
    for line in text.split("\n"):
        current: list[str] = []
        for tok in tokenize(line):
            current.append(tok)
            if tok in _SENTENCE_END:
                sentences.append(current)
                current = []
        if current:
            sentences.append(current)
    return sentences


def measure_throughput(jsonl_path: Path, tagger: NerTagger) -> dict[str, Any]:
    """Stream the articles (so peak RSS is the tagger's, not the corpus's) and time only `tagger.tag`."""
    load_start = time.perf_counter()
    tagger.tag([["تحميل"]])  # forces the lazy model load, timed separately
    load_seconds = time.perf_counter() - load_start
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n_articles = n_tokens = n_entities = 0
    seconds = 0.0
    with jsonl_path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            sentences = article_sentences(json.loads(line)["text"])
            start = time.perf_counter()
            tagged = tagger.tag(sentences)
            seconds += time.perf_counter() - start
            n_articles += 1
            n_tokens += sum(len(s) for s in sentences)
            n_entities += sum(tag.startswith("B-") for tags in tagged for tag in tags)
    return {
        "articles": n_articles,
        "tokens": n_tokens,
        "entities": n_entities,
        "load_seconds": round(load_seconds, 2),
        "tag_seconds": round(seconds, 2),
        "tokens_per_second": round(n_tokens / seconds),
        "articles_per_second": round(n_articles / seconds, 1),
        "rss_mb_after_load": round(rss_after_load, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="NER tagger throughput")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--model-dir", type=Path, default=None)
    args = parser.parse_args()
    print(json.dumps(measure_throughput(args.jsonl, NerTagger.load(args.model_dir)), indent=2))


if __name__ == "__main__":
    main()
