"""`ingest(sources, db)`: read → skip what is stored → analyse (locally or on Dask) → write in batches.

Idempotent and restartable: before a batch is analysed, documents whose id is already stored are skipped (so a re-run after a crash only does the remaining work); each batch is committed in one transaction, so
a killed process leaves whole batches only. Per-document failures are logged and skipped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasad.ingest import IngestProblem, read_sources
from rasad.ingest.sources import expected_count
from rasad.model import Document
from rasad.progress import progress_bar
from rasad.scale.dask import DaskMapper, map_local
from rasad.store.db import DEFAULT_DB, Store
from rasad.store.records import PreparedDocument, analyze_batch

log = logging.getLogger(__name__)

BATCH_SIZE = 32
MAX_LOGGED_PROBLEMS = 1000


@dataclass
class IngestReport:
    read: int = 0  # documents read from the sources
    added: int = 0
    skipped: int = 0  # already stored, or an id repeated within this run
    failed: int = 0  # documents that could not be analysed or written
    bad_records: int = 0  # records the readers could not turn into documents
    problems: list[str] = field(default_factory=list)  # "origin: message", first MAX_LOGGED_PROBLEMS
    seconds: float = 0.0

    def note(self, message: str) -> None:
        log.info("%s", message)
        if len(self.problems) < MAX_LOGGED_PROBLEMS:
            self.problems.append(message)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "failed": self.failed,
            "bad_records": self.bad_records,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.rate, 2),
            "problems": self.problems,
        }


def _batches(
    items: Iterable[Document | IngestProblem], store: Store, report: IngestReport, size: int, advance: Any
) -> Iterator[list[Document]]:
    """Batches of documents that are neither stored already nor repeated (same id) earlier in this run."""
    seen_ids: set[str] = set()
    pending: list[Document] = []

    def flush() -> list[Document]:
        stored = store.known(d.id for d in pending)
        fresh = []
        for doc in pending:
            if doc.id in stored:
                report.skipped += 1
                advance()
            else:
                fresh.append(doc)
        pending.clear()
        return fresh

    for item in items:
        if isinstance(item, IngestProblem):
            if item.kind == "duplicate":
                report.skipped += 1
            else:
                report.bad_records += 1
                report.note(str(item))
            advance()  # a bad JSONL line still counts toward the progress bar's total
            continue
        report.read += 1
        if item.id in seen_ids:
            report.skipped += 1
            advance()
            continue
        seen_ids.add(item.id)
        pending.append(item)
        if len(pending) >= size:
            fresh = flush()
            if fresh:
                yield fresh
    if pending:
        fresh = flush()
        if fresh:
            yield fresh


def ingest(
    sources: Sequence[str],
    db_url: str = DEFAULT_DB,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    default_date: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Analyse `sources` and store them in `db_url` (SQLite path or postgresql:// URL)."""
    t0 = time.perf_counter()
    report = IngestReport()
    store = Store(db_url)
    try:
        with store.writer():
            if store.ensure_current_terms():
                report.note("the search index was rebuilt: it had been made with another segmenter vocabulary")
            stories = store.load_stories()
            total = expected_count(sources) if progress else None
            with progress_bar(progress, "ingesting", total) as advance:
                # The readers' own de-duplication drops identical texts under other ids; the store keeps those
                # as copies in one story instead, so it only de-duplicates by id (here and in the writer).
                items = read_sources(list(sources), default_date=default_date, dedup=False)
                batches = _batches(items, store, report, batch_size, advance)
                if workers is None and scheduler is None:
                    _write_all(map_local(analyze_batch, batches), store, stories, report, advance)
                else:
                    with DaskMapper(workers=workers, scheduler=scheduler) as mapper:
                        _write_all(mapper.map(analyze_batch, batches), store, stories, report, advance)
    finally:
        store.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write_all(
    results: Iterable[list[PreparedDocument | tuple[str, str]]], store: Store, stories: Any, report: IngestReport, advance: Any
) -> None:
    for batch in results:
        prepared = [r for r in batch if isinstance(r, PreparedDocument)]
        for r in batch:
            if not isinstance(r, PreparedDocument):
                report.failed += 1
                report.note(f"{r[0]}: analysis failed: {r[1]}")
                advance()
        if not prepared:
            continue
        written = store.write(prepared, stories)
        report.added += len(written.added)
        report.skipped += len(written.skipped)
        report.failed += len(written.failed)
        for doc_id, message in written.failed:
            report.note(f"{doc_id}: not stored: {message}")
        for _ in range(len(prepared)):
            advance()
