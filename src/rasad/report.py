"""`rasad analyze --format text`: a readable terminal report of one Analysis (rich).

The article is printed with its mentions, dates and event triggers highlighted, followed by tables of entities
(with English names and Wikidata ids), dates, events ("who did what to whom, where, when, according to whom") and
claims. Colours are dropped automatically when the output is not a terminal.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rasad.model import Analysis, Argument

_STYLE = {
    "PER": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "LOC": "green",
    "FAC": "green",
    "NORP": "yellow",
    "EVENT": "bold yellow",
    "MISC": "white",
    "TIMEX": "bold blue",
    "TRIGGER": "bold red underline",
}


def _highlighted(analysis: Analysis) -> Text:
    text = Text(analysis.document.text)
    for m in analysis.mentions:
        text.stylize(_STYLE.get(m.label, "bold"), m.start, m.end)
    for t in analysis.timexes:
        text.stylize(_STYLE["TIMEX"], t.start, t.end)
    for e in analysis.events:
        text.stylize(_STYLE["TRIGGER"], e.trigger.start, e.trigger.end)
    return text


def render_report(analysis: Analysis, out: IO[str]) -> None:
    console = Console(file=out, width=120, soft_wrap=False, highlight=False)
    doc = analysis.document
    names = {e.id: (e.name_en or e.name_ar) for e in analysis.entities}
    claims = {c.id: c for c in analysis.claims}

    console.rule(f"[bold]{doc.title or doc.id}")
    console.print(f"id: {doc.id}   published: {doc.published or 'unknown'}   source: {doc.source or '-'}")
    console.print(_highlighted(analysis))
    console.print(
        f"{len(analysis.sentences)} sentences · {len(analysis.mentions)} mentions · {len(analysis.entities)} entities"
        f" · {len(analysis.timexes)} dates · {len(analysis.events)} events · {len(analysis.claims)} claims"
    )

    counts: dict[str, int] = {}
    for m in analysis.mentions:
        if m.entity:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    table = Table(title="Entities", show_lines=False)
    for col in ("English name", "Arabic", "type", "Wikidata", "mentions", "where"):
        table.add_column(col)
    for e in sorted(analysis.entities, key=lambda e: -counts.get(e.id, 0)):
        where = f"{e.geo.lat:.2f}, {e.geo.lon:.2f}" if e.geo else (e.country or "")
        table.add_row(e.name_en or "?", e.name_ar, e.label, e.wikidata or "", str(counts.get(e.id, 0)), where)
    console.print(table)

    table = Table(title="Dates")
    for col in ("text", "type", "value"):
        table.add_column(col)
    for t in analysis.timexes:
        table.add_row(t.text, t.type, t.value or "?")
    console.print(table)

    def who(args: tuple[Argument, ...]) -> str:
        return ", ".join(names.get(a.entity, a.text) if a.entity else a.text for a in args) or "-"

    table = Table(title="Events: who did what to whom, where, when — according to whom")
    for col in ("event", "actor", "recipient", "where", "when", "modality", "according to", "trigger"):
        table.add_column(col)
    for ev in analysis.events:
        place = ev.location
        where = (names.get(place.entity, place.text) if place.entity else place.text) if place else "-"
        claim = claims.get(ev.claim) if ev.claim else None
        source = (names.get(claim.source.entity, claim.source.text) if claim.source.entity else claim.source.text) \
            if claim else "the article"
        label = ev.type + (f"/{ev.mode}" if ev.mode else "")
        table.add_row(label, who(ev.actors), who(ev.recipients), where, ev.date or "?", ev.modality, source,
                      ev.trigger.text)
    console.print(table)

    table = Table(title="Claims")
    for col in ("source", "cue", "kind", "content"):
        table.add_column(col)
    for c in analysis.claims:
        src = c.source.text + (" (anonymous)" if c.source.anonymous else "")
        if c.source.entity and c.source.entity in names:
            src += f" = {names[c.source.entity]}"
        table.add_row(src, c.cue.text, c.kind, c.content.text)
    console.print(table)
    for error in analysis.errors:
        console.print(f"[red]stage error:[/red] {error}")
