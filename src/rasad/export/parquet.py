"""Parquet export of event rows (typed columns: strings, and float64 coordinates), written in row groups."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasad.store.export import EVENT_COLUMNS, FLOAT_COLUMNS

ROW_GROUP = 10_000

SCHEMA = pa.schema([(c, pa.float64() if c in FLOAT_COLUMNS else pa.string()) for c in EVENT_COLUMNS])


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Stream `rows` into a Parquet file (an empty corpus gives a valid file with the schema and no rows)."""
    it = iter(rows)
    n = 0
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        while True:
            chunk = list(islice(it, ROW_GROUP))
            if not chunk and n:
                break
            table = pa.Table.from_pylist([{c: r.get(c) for c in EVENT_COLUMNS} for r in chunk], schema=SCHEMA)
            writer.write_table(table)
            n += len(chunk)
            if not chunk:
                break
    return n
