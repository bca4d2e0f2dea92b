"""Readers for Arabic–Latin name pair files (used by training and evaluation).

Two layouts are understood:
- `arabic<TAB>latin` (the Google ar2en files, and the evaluator's own format);
- `latin<TAB>spaced Arabic letters<TAB>count` (the Wikidata person-name files): the direction is reversed and the
  spaces between the Arabic letters are removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rasad.names.normalize import has_arabic


@dataclass(frozen=True, slots=True)
class NamePair:
    arabic: str
    latin: str
    count: int = 1


def parse_pair_line(line: str) -> NamePair | None:
    """One line of either layout, or None for blank/malformed lines."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) < 2:
        return None
    first, second = fields[0].strip(), fields[1].strip()
    if not first or not second:
        return None
    if has_arabic(first) and not has_arabic(second):
        return NamePair(first, second)
    if has_arabic(second) and not has_arabic(first):
        count = 1
        if len(fields) >= 3 and fields[2].strip().isdigit():
            count = int(fields[2].strip())
        # Wikidata layout: letters are space-separated; multi-word names do not occur there.
        return NamePair(second.replace(" ", ""), first, count)
    return None


def read_pairs(path: Path) -> Iterator[NamePair]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            pair = parse_pair_line(line)
            if pair is not None:
                yield pair
