"""Claim scoring: precision and recall on source + content overlap, and a readable report.

Gold format ("rasad/claims-gold@1", see docs/claims.md): `{"documents": [{"id", "text" | "ref", "claims": [
{"source": [s, e], "cue": [s, e], "content": [s, e], "kind", "anonymous"?}]}]}`. A `ref` entry names a paragraph of a
shared JSONL file (`{"file", "paragraph_id", "sha256"}`) instead of carrying its text, so annotations of third-party
text can ship without the text; the file is read from the shared data directory at evaluation time and a changed
paragraph (sha256 mismatch) is reported, not scored.

A predicted claim is correct when its source span overlaps a gold claim's source and its content span overlaps
that same gold claim's content; a gold claim is found when some prediction is correct for it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rasad.model import Claim, Document

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SHARED = REPO_ROOT / ".." / "shared"
DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "resources" / "gold" / "claims_dev.json"

Analyzer = Callable[[Document], Iterable[Claim]]


class GoldError(ValueError):
    """The gold file is malformed or refers to shared data that is missing."""


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_gold(
    path: Path, shared: Path | None = None, split: str | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Documents with their text resolved, and the problems met (missing or changed paragraphs).
    `split` keeps only the documents of that split ("dev", "check"); documents without one belong to every split."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    shared_root = Path(shared) if shared is not None else DEFAULT_SHARED
    cache: dict[str, dict[str, str]] = {}
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    for doc in data.get("documents", []):
        if split is not None and doc.get("split", split) != split:
            continue
        text = doc.get("text")
        if text is None:
            ref = doc.get("ref")
            if not ref:
                raise GoldError(f"document {doc.get('id')!r} has neither text nor ref")
            paragraphs = cache.get(ref["file"])
            if paragraphs is None:
                paragraphs = _read_paragraphs(shared_root / ref["file"])
                cache[ref["file"]] = paragraphs
            text = paragraphs.get(ref["paragraph_id"])
            if text is None:
                problems.append(f"{doc.get('id')}: paragraph {ref['paragraph_id']} not found")
                continue
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != ref.get("sha256"):
                problems.append(f"{doc.get('id')}: text changed since annotation (sha256 mismatch)")
                continue
        docs.append({"id": str(doc.get("id", len(docs))), "text": text, "claims": doc.get("claims", [])})
    return docs, problems


def _read_paragraphs(path: Path) -> dict[str, str]:
    if not path.exists():
        raise GoldError(f"shared data file not found: {path}")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[str(row.get("paragraph_id", row.get("id")))] = row.get("paragraph", row.get("text", ""))
    return out


def default_analyzer() -> Analyzer:
    """The claims stage on top of whatever earlier stages are installed (linking may be absent)."""
    from rasad.errors import PipelineError
    from rasad.pipeline import build_pipeline

    try:
        pipeline = build_pipeline(exclude=("timex", "events"))
        if any(s.name == "claims" for s in pipeline.stages):
            return lambda doc: pipeline.analyze(doc).claims
    except PipelineError:
        pass
    from rasad.stages import claims as claims_stage

    base = build_pipeline(exclude=("claims", "timex", "events"))

    def analyze(doc: Document) -> Iterable[Claim]:
        layers, _ = base.run_layers(doc)
        layers = {"mentions": (), "entities": (), **layers}
        return claims_stage.run(doc, layers, base.resources)["claims"]

    return analyze


def score(
    gold: list[dict[str, Any]], predicted: list[list[Claim]], texts: list[str] | None = None
) -> dict[str, Any]:
    n_pred = n_gold = correct = found = 0
    per_kind: dict[str, dict[str, int]] = {}
    false_positives: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for d, (doc, claims) in enumerate(zip(gold, predicted, strict=True)):
        gold_claims = doc["claims"]
        matched_gold: set[int] = set()
        for claim in claims:
            n_pred += 1
            kind = per_kind.setdefault(claim.kind, {"predicted": 0, "correct": 0, "gold": 0, "found": 0})
            kind["predicted"] += 1
            src = (claim.source.start, claim.source.end)
            con = (claim.content.start, claim.content.end)
            hits = [
                g
                for g, gc in enumerate(gold_claims)
                if _overlaps(src, tuple(gc["source"])) and _overlaps(con, tuple(gc["content"]))
            ]
            if hits:
                correct += 1
                kind["correct"] += 1
                matched_gold.update(hits)
            else:
                false_positives.append(
                    {
                        "doc": doc["id"],
                        "source": claim.source.text,
                        "cue": claim.cue.text,
                        "content": claim.content.text,
                    }
                )
        for g, gc in enumerate(gold_claims):
            n_gold += 1
            kind = per_kind.setdefault(
                gc.get("kind", "?"), {"predicted": 0, "correct": 0, "gold": 0, "found": 0}
            )
            kind["gold"] += 1
            if g in matched_gold:
                found += 1
                kind["found"] += 1
            else:
                text = texts[d] if texts else doc.get("text", "")
                misses.append(
                    {
                        "doc": doc["id"],
                        "source": text[gc["source"][0] : gc["source"][1]],
                        "cue": text[gc["cue"][0] : gc["cue"][1]],
                    }
                )
    precision = correct / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(gold),
        "gold": n_gold,
        "predicted": n_pred,
        "correct": correct,
        "found": found,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "per_kind": per_kind,
        "false_positives": false_positives,
        "misses": misses,
    }


def evaluate(
    path: Path, analyzer: Analyzer | None = None, shared: Path | None = None, split: str | None = None
) -> dict[str, Any]:
    """Run the claims stage over the gold documents of `path` and score it (see the module docstring)."""
    docs, problems = load_gold(path, shared, split)
    analyze = analyzer or default_analyzer()
    predicted = [list(analyze(Document(id=d["id"], text=d["text"]))) for d in docs]
    result = score(docs, predicted, [d["text"] for d in docs])
    result["problems"] = problems
    return result


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"claims: {result['documents']} documents, {result['gold']} gold, {result['predicted']} predicted",
        f"precision {result['precision']:.3f} ({result['correct']}/{result['predicted']})  "
        f"recall {result['recall']:.3f} ({result['found']}/{result['gold']})  f1 {result['f1']:.3f}",
    ]
    for kind, k in sorted(result["per_kind"].items()):
        lines.append(
            f"  {kind:<13} predicted {k['predicted']:>3} correct {k['correct']:>3}   gold {k['gold']:>3} found {k['found']:>3}"
        )
    for problem in result.get("problems", []):
        lines.append(f"  ! {problem}")
    return "\n".join(lines)
