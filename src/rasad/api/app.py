"""The HTTP API and the web UI: `create_app(store, settings) -> FastAPI`, the one app factory.

Everything a user sends is validated by FastAPI (bad parameters → 422) or treated as plain data: search text is
parsed by `store.search` into quoted terms, ids are bound parameters. Unknown ids → 404. The interactive docs at
/docs are a small bundled page reading /openapi.json (FastAPI's default pulls Swagger UI from a CDN, and the UI
must work offline).
"""

# No `from __future__ import annotations` here: FastAPI must see the real parameter types of the route
# functions, and some of them (the page-size limit) are built inside create_app from the settings.
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from rasad import __version__
from rasad.errors import RasadError
from rasad.model import ENTITY_LABELS, PLOVER_TYPES
from rasad.store import queries
from rasad.store.db import Store

log = logging.getLogger(__name__)

STATIC_DIR = Path(str(importlib_resources.files("rasad") / "ui" / "static"))
EVENT_TYPE_PATTERN = "^(" + "|".join(PLOVER_TYPES) + ")$"
LABEL_PATTERN = "^(" + "|".join(ENTITY_LABELS) + ")$"


@dataclass(frozen=True)
class ApiSettings:
    """What the app needs beyond the store; any object with these attributes will do."""

    title: str = "rasad"
    max_limit: int = 200
    static_dir: Path = STATIC_DIR


def _clean(value: str | None) -> str | None:
    """Drop NUL characters (PostgreSQL rejects them in text) and surrounding space; '' becomes None."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def create_app(store: Store | str, settings: Any = None) -> FastAPI:
    """The API + UI application over `store` (a Store, or a database path/URL to open read-mostly)."""
    settings = settings or ApiSettings()
    if isinstance(store, str):
        store = Store(store, create=False)
    max_limit = int(getattr(settings, "max_limit", 200))
    static_dir = Path(getattr(settings, "static_dir", STATIC_DIR))
    app = FastAPI(
        title=str(getattr(settings, "title", "rasad")),
        version=__version__,
        description="Search and browse an analysed Arabic news corpus: documents, entities, events and claims.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store

    Limit = Annotated[int, Query(ge=1, le=max_limit, description="page size")]
    Offset = Annotated[int, Query(ge=0, le=1_000_000)]
    Day = Annotated[date | None, Query(description="YYYY-MM-DD")]

    @app.exception_handler(RasadError)
    async def rasad_error(_request: Request, exc: RasadError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=503)

    if not store.terms_are_current():
        log.warning("the search index of %s was built with another segmenter; run `rasad ingest` to rebuild it", store.db)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        index = "current" if store.terms_are_current() else "stale"
        return {"status": "ok", "version": __version__, "backend": store.dialect, "search_index": index}

    @app.get("/api/stats", tags=["meta"])
    def stats() -> dict[str, int]:
        return queries.stats(store)

    @app.get("/api/search", tags=["documents"])
    def search(
        q: Annotated[str | None, Query(description="words (ANDed) and \"quoted phrases\"; Arabic-normalised")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
        since: Day = None,
        until: Day = None,
        source: str | None = None,
        entity: str | None = None,
        event_type: Annotated[str | None, Query(pattern=EVENT_TYPE_PATTERN)] = None,
    ) -> dict[str, Any]:
        filters = queries.SearchFilters(_iso(since), _iso(until), _clean(source), _clean(entity), event_type)
        return queries.search(store, q.replace("\x00", "") if q else q, filters, limit=limit, offset=offset)

    def _document(doc_id: str) -> dict[str, Any]:
        found = queries.get_document(store, doc_id.replace("\x00", ""))
        if found is None:
            raise HTTPException(status_code=404, detail="no such document")
        return found

    @app.get("/api/document", tags=["documents"], summary="A document's analysis (id as a query parameter)")
    def document_by_query(id: Annotated[str, Query(min_length=1)]) -> dict[str, Any]:
        return _document(id)

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="A document's analysis (Analysis JSON)")
    def document(doc_id: str) -> dict[str, Any]:
        return _document(doc_id)

    @app.get("/api/entities", tags=["entities"])
    def entities(
        q: str | None = None,
        label: Annotated[str | None, Query(pattern=LABEL_PATTERN)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return queries.list_entities(store, _clean(q), label, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id:path}", tags=["entities"], summary="Entity profile")
    def entity(entity_id: str) -> dict[str, Any]:
        found = queries.entity_profile(store, entity_id.replace("\x00", ""))
        if found is None:
            raise HTTPException(status_code=404, detail="no such entity")
        return found

    @app.get("/api/events", tags=["events"])
    def events(
        type: Annotated[str | None, Query(pattern=EVENT_TYPE_PATTERN)] = None,
        actor: Annotated[str | None, Query(description="entity id or the actor's text")] = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return queries.list_events(store, type, _clean(actor), _iso(since), _iso(until), limit=limit, offset=offset)

    @app.get("/api/map", tags=["events"], summary="Places and located events for the map")
    def map_(
        type: Annotated[str | None, Query(pattern=EVENT_TYPE_PATTERN)] = None,
        since: Day = None,
        until: Day = None,
        limit: Annotated[int, Query(ge=1, le=2000)] = 500,
    ) -> dict[str, Any]:
        return queries.map_data(store, type, _iso(since), _iso(until), limit=limit)

    @app.get("/api/timeline", tags=["events"], summary="Documents and events per day")
    def timeline(
        type: Annotated[str | None, Query(pattern=EVENT_TYPE_PATTERN)] = None, entity: str | None = None
    ) -> dict[str, Any]:
        return queries.timeline(store, type, _clean(entity))

    @app.get("/api/export/events.plover.jsonl", tags=["export"], summary="All events as PLOVER JSON Lines")
    def export_plover() -> StreamingResponse:
        from rasad.store.export import plover_records

        def lines() -> Iterator[bytes]:
            for rec in plover_records(store.iter_analyses()):
                yield (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")

        return StreamingResponse(
            lines(),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="events.plover.jsonl"'},
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(static_dir / "docs.html", media_type="text/html")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    return app
