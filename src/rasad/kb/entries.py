"""The knowledge-base record and the TSV row format shared by every authored table."""

from __future__ import annotations

from dataclasses import dataclass, field

TSV_COLUMNS = (
    "id",
    "wikidata",
    "label",
    "name_en",
    "name_ar",
    "aliases_ar",
    "country",
    "lat",
    "lon",
    "kind",
    "parent",
    "note",
)
LABELS = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# How much a source is trusted when the same name points at several entries (higher wins on ties).
SOURCE_PRIORITY = {"authored": 3.0, "country": 2.5, "geonames": 1.0, "generated": 2.0}


@dataclass(slots=True)
class KbEntry:
    """One entity of the knowledge base; mutable only while the KB is being assembled."""

    id: str
    label: str
    name_ar: str
    name_en: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    parent: str | None = None
    note: str | None = None
    geonames_id: int | None = None
    population: int = 0
    source: str = "authored"

    @property
    def prominence(self) -> float:
        """A tie-breaker between homonyms: trusted sources first, then population (log-ish)."""
        score = SOURCE_PRIORITY.get(self.source, 1.0)
        if self.population:
            score += min(len(str(self.population)), 9) / 10.0
        if self.kind == "country":
            score += 2.0  # تونس، الجزائر، الكويت، عمان: the country unless the context says otherwise
        elif self.kind == "capital":
            score += 1.0
        return score

    def names(self) -> list[str]:
        return [self.name_ar, *self.aliases] if self.name_ar else list(self.aliases)

    def merge(self, other: KbEntry) -> None:
        """Fold `other` (same id) into this entry: its non-empty fields win, aliases are united."""
        for name in (
            "label",
            "name_en",
            "wikidata",
            "country",
            "lat",
            "lon",
            "kind",
            "parent",
            "note",
            "geonames_id",
        ):
            value = getattr(other, name)
            if value not in (None, ""):
                setattr(self, name, value)
        if other.name_ar and other.name_ar != self.name_ar:
            if self.name_ar and self.name_ar not in self.aliases:
                self.aliases.append(self.name_ar)
            self.name_ar = other.name_ar
        for alias in other.aliases:
            if alias != self.name_ar and alias not in self.aliases:
                self.aliases.append(alias)
        self.population = max(self.population, other.population)
        if SOURCE_PRIORITY.get(other.source, 0) > SOURCE_PRIORITY.get(self.source, 0):
            self.source = other.source
