"""The data model: an immutable Document and the layers that stages derive from it.

Every span is a (start, end) pair of Python code-point offsets into `Document.text`, end exclusive, and every
span's `text` equals `document.text[start:end]`. Objects are frozen: a stage returns new objects and never
changes an earlier layer. `Analysis.to_dict()` is the public JSON contract "rasad/analysis@1".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasad import SCHEMA_ID

ENTITY_LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "expected", "hypothetical", "conditional", "negated")
CLAIM_KINDS = ("direct", "indirect", "according_to")


@dataclass(frozen=True, slots=True)
class Document:
    """An ingested article. `text` is never modified after ingest."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" or None
    language: str = "ar"
    origin: str | None = None  # where it was read from: "file.jsonl:12", a path, a WARC record …


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A surface token with its clitic segmentation.

    `stem_start`/`stem_end` delimit the token's stem inside the original text once proclitics (و ف ب ل ك س ال)
    and pronoun enclitics are set aside; `prefix`/`suffix` hold the normalised clitics, e.g. "و+ب+ال" / "ها".
    `norm` is the normalised form of the whole token and `stem` the normalised stem (matching keys).
    """

    start: int
    end: int
    text: str
    kind: str  # word | number | punct | latin | symbol
    norm: str
    stem: str
    stem_start: int
    stem_end: int
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None
    kind: str = "name"  # name | partial | nisba | metonym | nominal
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Geo:
    lat: float
    lon: float
    country_code: str | None = None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    label: str
    name_ar: str
    name_en: str | None
    wikidata: str | None = None
    geo: Geo | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of the country the entity belongs to
    in_kb: bool = False


@dataclass(frozen=True, slots=True)
class Timex:
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """An event participant or place: a span of the text with the entity it is linked to (or None)."""

    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    actors: tuple[Argument, ...]
    recipients: tuple[Argument, ...]
    location: Argument | None
    date: str | None
    modality: str
    trigger: Span
    sentence: int
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimSource:
    start: int
    end: int
    text: str
    entity: str | None = None
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    kind: str
    source: ClaimSource
    cue: Span
    content: Span
    via: str | None = None  # id of the claim this one is relayed through (X نقل عن Y أن …)


@dataclass(frozen=True, slots=True)
class Analysis:
    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    errors: tuple[str, ...] = field(default=())  # stage failures on this document ("stage: message")

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "schema": SCHEMA_ID,
            "document": {
                "id": d.id,
                "text": d.text,
                "title": d.title,
                "source": d.source,
                "url": d.url,
                "published": d.published,
                "language": d.language,
            },
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "mentions": [_flat(m) for m in self.mentions],
            "entities": [_entity_dict(e) for e in self.entities],
            "timexes": [_flat(t) for t in self.timexes],
            "events": [_event_dict(e) for e in self.events],
            "claims": [_claim_dict(c) for c in self.claims],
            "errors": list(self.errors),
        }


# Hand-written converters: dataclasses.asdict deep-copies recursively and dominated serialisation time.
def _flat(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _entity_dict(e: Entity) -> dict[str, Any]:
    d = _flat(e)
    d["geo"] = _flat(e.geo) if e.geo is not None else None
    return d


def _event_dict(event: Event) -> dict[str, Any]:
    d = _flat(event)
    d["actors"] = [_flat(a) for a in event.actors]
    d["recipients"] = [_flat(a) for a in event.recipients]
    d["location"] = _flat(event.location) if event.location is not None else None
    d["trigger"] = _flat(event.trigger)
    return d


def _claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "source": _flat(c.source),
        "cue": _flat(c.cue),
        "content": _flat(c.content),
        "via": c.via,
    }


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A statistical NER hit (internal layer "ner"): token-aligned span with its label PER LOC ORG MISC."""

    start: int
    end: int
    text: str
    label: str
    first_token: int  # index into the "tokens" layer
    last_token: int  # inclusive
