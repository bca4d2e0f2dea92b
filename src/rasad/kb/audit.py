"""Precision audit of the link stage: `python -m rasad.kb.audit [--sample N] [--seed S] [--judged FILE] [--out DIR]`.

Runs the text, NER and link stages over the SaudiNewsNet benchmark sample and the first 300 paragraphs of the
ArMPro dev set (both read at run time from ../shared; nothing from them is kept in the repository), then writes
to `--out` (default /tmp/rasad_kb_audit):

- `pairs.tsv`: the most frequent linked (mention text → entity) pairs, with counts — the place to spot
  systematic errors (an ordinary word linked to a person, a city that is a false friend);
- `sample.tsv`: a seeded random sample of linked mentions (entity in the KB) with ±40 characters of context and
  an empty `verdict` column for a human to fill with `ok` or `wrong`.

With `--judged FILE` (a filled-in sample.tsv from an earlier run) it also reports, for the judged mentions,
the precision then and how the current linker treats each of them now: the same entity, another entity, or
no link at all — so a fix can be checked against the judgments without judging everything again.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path

from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.stages import link

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
BENCH = SHARED / "bench" / "saudinewsnet_1000.jsonl"
ARMPRO = SHARED / "news" / "armpro_dev.jsonl"
ARMPRO_PARAGRAPHS = 300
CONTEXT = 40
SAMPLE_COLUMNS = ("doc", "start", "end", "mention", "entity", "name_en", "kind", "context", "verdict")


def load_documents() -> list[Document]:
    docs = []
    with BENCH.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append(Document(id=str(d["id"]), text=d["text"], published=d.get("published")))
    with ARMPRO.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= ARMPRO_PARAGRAPHS:
                break
            d = json.loads(line)
            docs.append(Document(id=str(d["paragraph_id"]), text=d["paragraph"], published=None))
    return docs


def linked_mentions(docs: list[Document]) -> list[dict[str, str]]:
    """Every mention linked to a KB entity, as a row of SAMPLE_COLUMNS (verdict empty)."""
    pipeline = build_pipeline(stages=["text", "ner"])
    rows = []
    for doc in docs:
        layers, _ = pipeline.run_layers(doc)
        layers.setdefault("ner", ())
        out = link.run(doc, layers, pipeline.resources)
        names = {e.id: (e.name_en or "", e.in_kb) for e in out["entities"]}
        for m in out["mentions"]:
            name_en, in_kb = names.get(m.entity or "", ("", False))
            if not in_kb:
                continue
            left = doc.text[max(0, m.start - CONTEXT) : m.start].replace("\n", " ").replace("\t", " ")
            right = doc.text[m.end : m.end + CONTEXT].replace("\n", " ").replace("\t", " ")
            rows.append(
                {
                    "doc": doc.id,
                    "start": str(m.start),
                    "end": str(m.end),
                    "mention": m.text,
                    "entity": m.entity or "",
                    "name_en": name_en,
                    "kind": m.kind,
                    "context": f"{left}[[{m.text}]]{right}",
                    "verdict": "",
                }
            )
    return rows


def write_tsv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writeheader()
        writer.writerows(rows)


def read_judged(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def compare(judged: list[dict[str, str]], rows: list[dict[str, str]]) -> dict[str, int]:
    """How the current output treats each judged mention (keyed by document and start offset)."""
    now = {(r["doc"], r["start"]): r["entity"] for r in rows}
    tally: Counter[str] = Counter()
    for j in judged:
        verdict = j["verdict"].strip().lower()
        if verdict not in ("ok", "wrong"):
            continue
        current = now.get((j["doc"], j["start"]))
        state = "same" if current == j["entity"] else "unlinked" if current is None else "changed"
        tally[f"{verdict}/{state}"] += 1
        tally[verdict] += 1
    return dict(tally)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--top", type=int, default=150)
    parser.add_argument("--judged", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/rasad_kb_audit"))
    args = parser.parse_args(argv)
    if not BENCH.exists() or not ARMPRO.exists():
        raise SystemExit(f"audit data not found under {SHARED}")
    rows = linked_mentions(load_documents())
    args.out.mkdir(parents=True, exist_ok=True)
    pairs = Counter((r["mention"], r["entity"], r["name_en"]) for r in rows)
    write_tsv(
        args.out / "pairs.tsv",
        [
            {"count": str(c), "mention": m, "entity": e, "name_en": n}
            for (m, e, n), c in pairs.most_common(args.top)
        ],
        ("count", "mention", "entity", "name_en"),
    )
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    write_tsv(args.out / "sample.tsv", sample, SAMPLE_COLUMNS)
    print(f"linked mentions={len(rows)} distinct pairs={len(pairs)} → {args.out}/pairs.tsv, sample.tsv")
    if args.judged:
        tally = compare(read_judged(args.judged), rows)
        ok, wrong = tally.get("ok", 0), tally.get("wrong", 0)
        if ok + wrong:
            kept_ok = tally.get("ok/same", 0)
            kept_wrong = tally.get("wrong/same", 0)
            print(f"judged: {ok + wrong}, precision then {ok / (ok + wrong):.1%}")
            print(f"now: {tally}")
            print(
                f"of the judged, still linked the same: {kept_ok} ok, {kept_wrong} wrong "
                f"(precision of the unchanged part {kept_ok / max(1, kept_ok + kept_wrong):.1%})"
            )


if __name__ == "__main__":
    main()
