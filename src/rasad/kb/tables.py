"""Reading the authored TSV tables and the compiled city table, tolerant of rows being written elsewhere.

A malformed row (wrong column count, unknown label, bad coordinates, missing name) is skipped and counted in the
`LoadReport`; a missing file is reported, never fatal, so a partially written table still loads.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path

from rasad.kb.entries import LABELS, TSV_COLUMNS, KbEntry

log = logging.getLogger(__name__)

CITY_COLUMNS = (
    "geonames_id",
    "name_en",
    "country",
    "lat",
    "lon",
    "population",
    "capital",
    "same_as",
    "names_ar",
)


@dataclass
class LoadReport:
    """What was read: rows per file, skipped rows with reasons (for `rasad kb report` and tests)."""

    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def skip(self, where: str, why: str) -> None:
        self.skipped.append(f"{where}: {why}")
        log.warning("kb: skipped %s (%s)", where, why)


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def parse_row(cells: list[str], where: str, report: LoadReport) -> KbEntry | None:
    """One authored row → KbEntry, or None (counted in `report`) when it cannot be used."""
    if len(cells) < len(TSV_COLUMNS) - 1 or len(cells) > len(TSV_COLUMNS):
        report.skip(where, f"{len(cells)} columns, expected {len(TSV_COLUMNS)}")
        return None
    row = dict(
        zip(TSV_COLUMNS, [c.strip() for c in cells] + [""] * (len(TSV_COLUMNS) - len(cells)), strict=True)
    )
    label = row["label"].upper()
    if label == "PERS":
        label = "PER"
    if label not in LABELS:
        report.skip(where, f"unknown label {row['label']!r}")
        return None
    aliases = [a.strip() for a in row["aliases_ar"].split("|") if a.strip()]
    name_ar = row["name_ar"] or (aliases.pop(0) if aliases else "")
    if not name_ar:
        report.skip(where, "no Arabic name")
        return None
    try:
        lat, lon = _float(row["lat"]), _float(row["lon"])
    except ValueError:
        report.skip(where, "bad coordinates")
        return None
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):  # type: ignore[operator]
        report.skip(where, "bad coordinates")
        return None
    wikidata = row["wikidata"] or (row["id"] if row["id"][:1] == "Q" and row["id"][1:].isdigit() else "")
    entry_id = row["id"] or wikidata or f"kb:{_slug(row['name_en'] or name_ar)}"
    return KbEntry(
        id=entry_id,
        label=label,
        name_ar=name_ar,
        name_en=row["name_en"] or None,
        wikidata=wikidata or None,
        aliases=aliases,
        country=row["country"].upper() or None,
        lat=lat,
        lon=lon,
        kind=row["kind"] or None,
        parent=row["parent"] or None,
        note=row["note"] or None,
        source="authored",
    )


def read_table(path: Path, report: LoadReport) -> list[KbEntry]:
    """Entries of one authored TSV (header row required; '#' lines are comments)."""
    if not path.exists():
        report.missing.append(path.name)
        return []
    entries: list[KbEntry] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:3]] != list(TSV_COLUMNS[:3]):
            report.skip(path.name, "missing or unexpected header")
            return []
        for line_no, cells in enumerate(reader, start=2):
            if not cells or not "".join(cells).strip() or cells[0].startswith("#"):
                continue
            entry = parse_row(cells, f"{path.name}:{line_no}", report)
            if entry is not None:
                entries.append(entry)
    report.rows[path.name] = len(entries)
    return entries


def read_cities(path: Path, report: LoadReport) -> tuple[list[KbEntry], dict[str, KbEntry]]:
    """The compiled geonames table: (new city entries, {authored id: entry carrying extra names/geo})."""
    if not path.exists():
        report.missing.append(path.name)
        return [], {}
    cities: list[KbEntry] = []
    same_as: dict[str, KbEntry] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(CITY_COLUMNS):
                report.skip(path.name, "bad compiled row")
                continue
            gid, name_en, cc, lat, lon, pop, capital, same, names = cells
            arabic = names.split("|") if names else [""]
            entry = KbEntry(
                id=f"geonames:{gid}",
                label="GPE",
                name_ar=arabic[0],
                name_en=name_en,
                aliases=arabic[1:],
                country=cc or None,
                lat=float(lat),
                lon=float(lon),
                kind="capital" if capital == "1" else "city",
                geonames_id=int(gid),
                population=int(pop or 0),
                source="geonames",
            )
            if same:
                same_as[same] = entry
            else:
                cities.append(entry)
    report.rows[path.name] = len(cities) + len(same_as)
    return cities, same_as


def write_cities(path: Path, rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(CITY_COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
