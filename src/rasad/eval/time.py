"""Evaluate ``rasad.time.find_timexes`` on TimeML files with inline TIMEX3 tags.

Each ``.tml`` file is turned back into its plain text (tags removed, entities unescaped) with the gold
TIMEX3 offsets.  The reference date is taken from the file when it has one (a TIMEX3 with
functionInDocument="CREATION_TIME", a <DCT> element, or a <DATE>/<PUBLISHED> element holding an ISO
date) or from ``default_published``.  Scores (TempEval-3 style):

* extent precision/recall/F1, strict (same offsets) and relaxed (any overlap);
* type accuracy over relaxed matches;
* value accuracy over relaxed matches in documents with a reference date (exact string match), and
  for documents without one the share of system values compatible with the gold value when each
  X of an underspecified value ("XXXX-09-11", "XXXX-WXX-2") may stand for any digit.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.time.extract import TimexSpan, find_timexes

_TAG_RE = re.compile(r"<(/?)([A-Za-z_][\w.-]*)([^>]*?)(/?)>|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S)
_ATTR_RE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_ISO_DATE_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_WEEKDAY_VALUE_RE = re.compile(r"XXXX-WXX-(\d)(T.*)?")
_DATE_VALUE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(T.*)?")
_DATE_ELEMENTS = frozenset(("DCT", "DATE", "PUBLISHED", "DATE_TIME", "PUBDATE"))


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class TimeMLDoc:
    name: str
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)
    published: dt.date | None = None
    # (start, end) of the creation-time TIMEX3: not a gold timex, so detections there are not scored
    ignored: list[tuple[int, int]] = field(default_factory=list)


def _parse_iso(s: str) -> dt.date | None:
    m = _ISO_DATE_RE.search(s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Plain text of the <TimeML> body with gold TIMEX3 offsets in that text."""
    body_start = raw.find("<TimeML")
    if body_start != -1:
        body_start = raw.find(">", body_start) + 1
        body_end = raw.rfind("</TimeML>")
        raw = raw[body_start: body_end if body_end != -1 else len(raw)]
    parts: list[str] = []
    length = 0
    open_tags: list[tuple[str, int, dict[str, str]]] = []
    doc = TimeMLDoc(name=name, text="")
    date_texts: list[str] = []
    pos = 0
    for m in _TAG_RE.finditer(raw):
        chunk = html.unescape(raw[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if not m.group(2):
            continue
        closing, tag, attr_text, self_closing = m.group(1), m.group(2), m.group(3), m.group(4)
        attrs = dict(_ATTR_RE.findall(attr_text))
        if tag == "TIMEX3" and attrs.get("functionInDocument") == "CREATION_TIME":
            doc.published = doc.published or _parse_iso(attrs.get("value", ""))
        if self_closing:
            continue
        if not closing:
            open_tags.append((tag, length, attrs))
            continue
        while open_tags:
            otag, ostart, oattrs = open_tags.pop()
            if otag != tag:
                continue
            text = "".join(parts)[ostart:length] if tag in _DATE_ELEMENTS or tag == "TIMEX3" else ""
            if tag == "TIMEX3" and oattrs.get("functionInDocument") == "CREATION_TIME":
                doc.ignored.append((ostart, length))
            elif tag == "TIMEX3":
                doc.timexes.append(GoldTimex(ostart, length, text, oattrs.get("type", ""), oattrs.get("value")))
            elif tag in _DATE_ELEMENTS:
                date_texts.append(text)
            break
    tail = html.unescape(raw[pos:])
    parts.append(tail)
    doc.text = "".join(parts)
    if doc.published is None:
        for t in date_texts:
            doc.published = _parse_iso(t)
            if doc.published:
                break
    return doc


def _overlap(a: GoldTimex | TimexSpan, b: GoldTimex | TimexSpan) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _best_overlap(system: list[TimexSpan], g: GoldTimex) -> TimexSpan | None:
    best: TimexSpan | None = None
    best_overlap = 0
    for s in system:
        ov = _overlap(s, g)
        if ov > best_overlap:
            best, best_overlap = s, ov
    return best


def value_compatible(system: str | None, gold: str | None) -> bool:
    """Equal, or equal once each X in the system value may stand for any character; a weekday
    value ("XXXX-WXX-2") is compatible with any date falling on that weekday."""
    if system is None or gold is None:
        return system == gold
    if system == gold:
        return True
    weekday = _WEEKDAY_VALUE_RE.fullmatch(system)
    date = _DATE_VALUE_RE.fullmatch(gold)
    if weekday and date:
        try:
            day = dt.date.fromisoformat(date.group(1))
        except ValueError:
            return False
        return day.isoweekday() == int(weekday.group(1)) and weekday.group(2) == date.group(2)
    return len(system) == len(gold) and all(s == g or s == "X" for s, g in zip(system, gold, strict=True))


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(directory: Path, default_published: dt.date | None = None, max_errors: int = 50) -> dict[str, Any]:
    """Score ``find_timexes`` on every ``*.tml`` under ``directory``."""
    files = sorted(Path(directory).rglob("*.tml"))
    n_gold = n_sys = strict_tp = relaxed_tp_sys = relaxed_tp_gold = 0
    type_ok = pairs = 0
    value_ok = value_n = compat_ok = compat_n = unresolved = 0
    with_date = 0
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    wrong_value: list[dict[str, Any]] = []
    for path in files:
        doc = parse_timeml(path.read_text(encoding="utf-8"), path.name)
        published = doc.published or default_published
        with_date += published is not None
        system = [s for s in find_timexes(doc.text, published)
                  if not any(s.start < end and start < s.end for start, end in doc.ignored)]
        gold = doc.timexes
        n_gold += len(gold)
        n_sys += len(system)
        strict_tp += len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system})
        relaxed_tp_sys += sum(any(_overlap(s, g) for g in gold) for s in system)
        for g in gold:
            best = _best_overlap(system, g)
            if best is None:
                if len(missed) < max_errors:
                    missed.append({"doc": doc.name, "text": g.text, "type": g.type, "value": g.value})
                continue
            relaxed_tp_gold += 1
            pairs += 1
            type_ok += best.type == g.type
            if published is not None:
                value_n += 1
                value_ok += best.value == g.value
                if best.value != g.value and len(wrong_value) < max_errors:
                    wrong_value.append({"doc": doc.name, "gold": g.text, "gold_value": g.value,
                                        "system": best.text, "system_value": best.value})
            elif best.value is None:
                unresolved += 1
            else:
                compat_n += 1
                compat_ok += value_compatible(best.value, g.value)
                if not value_compatible(best.value, g.value) and len(wrong_value) < max_errors:
                    wrong_value.append({"doc": doc.name, "gold": g.text, "gold_value": g.value,
                                        "system": best.text, "system_value": best.value})
        for s in system:
            if not any(_overlap(s, g) for g in gold) and len(spurious) < max_errors:
                spurious.append({"doc": doc.name, "text": s.text, "type": s.type, "value": s.value})
    return {
        "documents": len(files),
        "documents_with_reference_date": with_date,
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict_tp, n_sys, strict_tp, n_gold),
        "relaxed": _prf(relaxed_tp_sys, n_sys, relaxed_tp_gold, n_gold),
        "type_accuracy": round(type_ok / pairs, 4) if pairs else None,
        "value_accuracy": round(value_ok / value_n, 4) if value_n else None,
        "value_pairs": value_n,
        "value_compatible_accuracy": round(compat_ok / compat_n, 4) if compat_n else None,
        "value_compatible_pairs": compat_n,
        "value_unresolved_without_date": unresolved,
        "missed": missed,
        "spurious": spurious,
        "wrong_value": wrong_value,
    }


def format_report(result: dict[str, Any]) -> str:
    """Human-readable summary of ``evaluate``'s result."""

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{100 * x:.1f}%"

    lines = [
        f"documents: {result['documents']} ({result['documents_with_reference_date']} with a reference date)",
        f"gold timexes: {result['gold']}   system timexes: {result['system']}",
        "extent          precision  recall     F1",
    ]
    for kind in ("strict", "relaxed"):
        r = result[kind]
        lines.append(f"  {kind:<13} {pct(r['precision']):>9}  {pct(r['recall']):>7}  {pct(r['f1']):>6}")
    lines.append(f"type accuracy (relaxed matches): {pct(result['type_accuracy'])}")
    lines.append(f"value accuracy (documents with a date, {result['value_pairs']} pairs): {pct(result['value_accuracy'])}")
    lines.append(
        f"value compatible (documents without a date, {result['value_compatible_pairs']} pairs): "
        f"{pct(result['value_compatible_accuracy'])}; unresolved without a date: "
        f"{result['value_unresolved_without_date']}"
    )
    return "\n".join(lines)
