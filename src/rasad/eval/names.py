"""Score the name renderer on a file of Arabic–Latin pairs.

Input lines are `arabic<TAB>latin` (the Wikidata `latin<TAB>spaced Arabic<TAB>count` layout is read too).
Comparison is case-insensitive and accent-insensitive (é = e, so Wikidata references with accents are fair to a
renderer that writes plain ASCII). CER = total edit distance / total reference characters (a micro average, so
long names weigh more); `exact` = share of pairs rendered exactly.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasad.names.normalize import fold_for_comparison
from rasad.names.pairs import read_pairs

if TYPE_CHECKING:
    from rasad.names.render import NameRenderer


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (unit costs) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def evaluate(path: Path, renderer: NameRenderer | None = None) -> dict[str, Any]:
    """Render every Arabic name in `path` and compare with its reference: {"cer", "exact", "n", ...}."""
    if renderer is None:
        from rasad.names.render import NameRenderer

        renderer = NameRenderer.load()
    errors = reference_chars = exact = n = 0
    started = time.perf_counter()
    for pair in read_pairs(path):
        hypothesis = fold_for_comparison(renderer.render(pair.arabic))
        reference = fold_for_comparison(pair.latin)
        errors += edit_distance(hypothesis, reference)
        reference_chars += len(reference)
        exact += hypothesis == reference
        n += 1
    seconds = time.perf_counter() - started
    return {
        "cer": errors / reference_chars if reference_chars else 0.0,
        "exact": exact / n if n else 0.0,
        "n": n,
        "edits": errors,
        "reference_chars": reference_chars,
        "names_per_second": n / seconds if seconds > 0 else 0.0,
        "path": str(path),
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"names evaluated: {result['n']}",
        f"CER:             {result['cer']:.4f}",
        f"exact match:     {result['exact']:.4f}",
    ]
    if "edits" in result:
        lines.append(f"edits / chars:   {result['edits']} / {result['reference_chars']}")
    if result.get("names_per_second"):
        lines.append(f"speed:           {result['names_per_second']:.0f} names/s (uncached)")
    return "\n".join(lines)
