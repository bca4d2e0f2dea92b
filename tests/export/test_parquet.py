from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from corpus_factory import build_corpus

from rasad.errors import UsageError
from rasad.store.export import EVENT_COLUMNS, export_corpus


def test_parquet_has_typed_columns_and_every_event(tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export_corpus([a.to_dict() for a in build_corpus()], "parquet", out) == 5
    table = pq.read_table(out)
    assert table.num_rows == 5 and tuple(table.column_names) == EVENT_COLUMNS
    assert table.schema.field("lat").type == pa.float64()
    assert table.column("actor_names_en").to_pylist()[0] == "Vladimir Putin"
    assert sorted(table.column("type").to_pylist()) == ["CONSULT"] * 4 + ["COOPERATE"]


def test_empty_corpus_gives_a_valid_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert export_corpus([], "parquet", out) == 0
    assert pq.read_table(out).num_rows == 0


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_corpus([], "xlsx", tmp_path / "x")
