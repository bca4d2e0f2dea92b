"""Evaluate the events layer against OEDA PLOVER validation XML (gold Arabic event sentences).

Each `<Sentence category=.. date=YYYYMMDD>` holds `<EventText eventtext sourcetext targettext/>`,
`<EventCoding plover=../>` and `<Text>`. The full pipeline runs on each sentence text, published on the
sentence date, and we report per PLOVER category:
- type recall: the sentence has an event of the gold type;
- actor overlap: among sentences whose gold source text is non-empty and where the type was found, one of our
  events of that type has an actor sharing a word with the gold source text (the gold source/target texts are
  bags of words, often reordered, so the comparison is on normalised, clitic-stripped words);
- target overlap: the same with our recipients and the gold target text.
The files may be truncated (no closing root tag), so sentences are read block by block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.model import Document, Event
from rasad.text.normalize import normalize_key, word_set

_SENTENCE_RE = re.compile(r"<Sentence\s.*?</Sentence>", re.S)
_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_IGNORED = word_set("من في على عن إلى الى مع و ال")


@dataclass(frozen=True)
class GoldSentence:
    id: str
    category: str
    date: str | None
    text: str
    types: frozenset[str]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def _iso_date(raw: str | None) -> str | None:
    if raw and len(raw) == 8 and raw.isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return None


def read_gold(path: Path) -> list[GoldSentence]:
    raw = path.read_text(encoding="utf-8")
    out: list[GoldSentence] = []
    for m in _SENTENCE_RE.finditer(raw):
        node = ET.fromstring(m.group())
        text_node = node.find("Text")
        text = (text_node.text or "").strip() if text_node is not None else ""
        if not text:
            continue
        category = node.get("category", "")
        types = {c.get("plover", "") for c in node.findall("EventCoding")} | {category}
        out.append(
            GoldSentence(
                id=node.get("id", str(len(out))),
                category=category,
                date=_iso_date(node.get("date")),
                text=text,
                types=frozenset(t for t in types if t),
                sources=tuple(e.get("sourcetext", "").strip() for e in node.findall("EventText")),
                targets=tuple(e.get("targettext", "").strip() for e in node.findall("EventText")),
            )
        )
    return out


def words(text: str) -> set[str]:
    """Normalised content words of `text` with proclitics removed (bags of words compare across word order)."""
    out: set[str] = set()
    for w in re.findall(r"\w+", normalize_key(text)):
        for c in _CLITICS:
            if w.startswith(c) and len(w) - len(c) >= 3:
                w = w[len(c) :]
                break
        if w not in _IGNORED and len(w) > 1:
            out.add(w)
    return out


def _overlap(spans: Iterable[str], gold: str) -> bool:
    gold_words = words(gold)
    return any(words(s) & gold_words for s in spans)


def score_sentence(gold: GoldSentence, events: Sequence[Event]) -> dict[str, Any]:
    typed = [e for e in events if e.type == gold.category]
    source = next((s for s in gold.sources if s), "")
    target = next((t for t in gold.targets if t), "")
    row: dict[str, Any] = {"id": gold.id, "category": gold.category, "found": bool(typed)}
    if typed and source:
        row["actor"] = _overlap((a.text for e in typed for a in e.actors), source)
    if typed and target:
        row["target"] = _overlap((r.text for e in typed for r in e.recipients), target)
    return row


def _ratio(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    found = sum(r["found"] for r in rows)
    actor = [r["actor"] for r in rows if "actor" in r]
    target = [r["target"] for r in rows if "target" in r]
    return {
        "sentences": n,
        "type_found": found,
        "type_recall": _ratio(found, n),
        "actor_scored": len(actor),
        "actor_overlap": sum(actor),
        "actor_accuracy": _ratio(sum(actor), len(actor)),
        "target_scored": len(target),
        "target_overlap": sum(target),
        "target_accuracy": _ratio(sum(target), len(target)),
    }


def evaluate(paths: list[Path], pipeline: Any = None) -> dict[str, Any]:
    """Run the full pipeline over the gold sentences of `paths`; per-category and overall scores."""
    if pipeline is None:
        from rasad.pipeline import build_pipeline

        pipeline = build_pipeline()
    rows: list[dict[str, Any]] = []
    for path in paths:
        for gold in read_gold(Path(path)):
            analysis = pipeline.analyze(Document(id=gold.id, text=gold.text, published=gold.date))
            rows.append(score_sentence(gold, analysis.events))
    categories = sorted({r["category"] for r in rows})
    return {
        "files": [str(p) for p in paths],
        "overall": summarise(rows),
        "per_category": {c: summarise([r for r in rows if r["category"] == c]) for c in categories},
        "sentences": rows,
    }


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}%"


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"{'category':<12} {'sent':>5} {'type recall':>12} {'actor overlap':>18} {'target overlap':>18}",
    ]
    rows = [*result["per_category"].items(), ("ALL", result["overall"])]
    for name, s in rows:
        lines.append(
            f"{name:<12} {s['sentences']:>5} {_pct(s['type_recall']):>12} "
            f"{_pct(s['actor_accuracy']):>8} ({s['actor_overlap']}/{s['actor_scored']}){'':>2} "
            f"{_pct(s['target_accuracy']):>8} ({s['target_overlap']}/{s['target_scored']})"
        )
    return "\n".join(lines)
