"""CSV export of event rows (one row per event; multi-valued cells joined with " | ")."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rasad.store.export import EVENT_COLUMNS


def write_csv(rows: Iterable[dict[str, Any]], path: Path, columns: Sequence[str] = EVENT_COLUMNS) -> int:
    """Write `rows` as UTF-8 CSV with a header (BOM-less; Arabic text stays as is); returns the row count."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
            n += 1
    return n
