"""Corpus commands of the `rasad` CLI: ingest, serve, export (registered onto the main app by rasad.cli).

Expected failures raise RasadError subclasses; `rasad.cli.main` prints them as one line and exits non-zero.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rasad.errors import UsageError
from rasad.store.db import DEFAULT_DB


class ExportFormat(StrEnum):
    plover = "plover"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file (created if missing) or postgresql://user@host/dbname URL.")
]


def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, JSONL/feeds/WARC, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Analyse on a local Dask cluster of N processes.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Analyse on an existing Dask cluster (tcp://host:8786).")
    ] = None,
    date_: Annotated[str | None, typer.Option("--date", help="Publication date where metadata has none.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=10_000, help="Documents per batch.")] = 32,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr (only shown on a terminal).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ingest report as JSON on stdout.")] = False,
) -> None:
    """Analyse articles and store them (idempotent: re-running skips what is stored)."""
    from rasad.store.ingest import ingest

    if workers is not None and scheduler is not None:
        raise UsageError("give --workers or --scheduler, not both")
    if date_ is not None:
        from datetime import date

        try:
            date_ = date.fromisoformat(date_).isoformat()
        except ValueError:
            raise UsageError(f"--date must be a date like 2023-09-12, not {date_!r}") from None
    report = ingest(
        sources, db, workers=workers, scheduler=scheduler, progress=progress, default_date=date_, batch_size=batch_size
    )
    for problem in report.problems:
        sys.stderr.write(problem + "\n")
    sys.stderr.write(
        f"rasad: read {report.read}, added {report.added}, skipped {report.skipped}, failed {report.failed}, "
        f"bad records {report.bad_records} in {report.seconds:.1f}s ({report.rate:.1f} docs/s)\n"
    )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    if report.added + report.skipped == 0 and (report.failed or report.bad_records):
        raise typer.Exit(1)


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the search API and the web UI over a stored corpus."""
    import uvicorn

    from rasad.api.app import create_app
    from rasad.store.db import Store

    app = create_app(Store(db, create=False))
    sys.stderr.write(f"rasad: serving {db} on http://{host}:{port}/ (API docs at /docs)\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="plover (JSONL), csv, geojson or parquet.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the corpus's events (one record per event)."""
    from rasad.store.db import Store
    from rasad.store.export import export_corpus

    store = Store(db, create=False)
    try:
        if output.parent and not output.parent.exists():
            raise UsageError(f"the directory {output.parent} does not exist")
        n = export_corpus(store.iter_analyses(), fmt.value, output)
    finally:
        store.close()
    sys.stderr.write(f"rasad: wrote {n} {fmt.value} records to {output}\n")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("serve")(serve_command)
    app.command("export")(export_command)
