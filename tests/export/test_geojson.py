from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from corpus_factory import build_corpus

from rasad.store.export import export_corpus


def test_geojson_points_are_lon_lat_for_located_events_only(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    n = export_corpus([a.to_dict() for a in build_corpus()], "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and n == len(data["features"]) == 3
    vladivostok = data["features"][0]
    assert vladivostok["geometry"] == {"type": "Point", "coordinates": [131.8855, 43.1155]}
    assert vladivostok["properties"]["type"] == "CONSULT" and "lat" not in vladivostok["properties"]
    assert len({f["id"] for f in data["features"]}) == 3


def test_empty_corpus_gives_an_empty_collection(tmp_path: Path) -> None:
    out = tmp_path / "empty.geojson"
    assert export_corpus([], "geojson", out) == 0
    assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}
