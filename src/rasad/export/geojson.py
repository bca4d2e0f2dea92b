"""GeoJSON export: one Point feature per event located at a place with known coordinates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def to_features(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Point features (RFC 7946: [longitude, latitude]) for the rows that have coordinates."""
    features = []
    for row in rows:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": f"{row['document_id']}#{row['event_id']}",
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": props,
            }
        )
    return features


def write_geojson(rows: Iterable[dict[str, Any]], path: Path) -> int:
    features = to_features(rows)
    with path.open("w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
        f.write("\n")
    return len(features)
