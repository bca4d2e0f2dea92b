"""JSONL: one article per line with id, text, title, url, source, published. Streamed line by line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from rasad.ingest.records import IngestProblem, make_document
from rasad.model import Document

_TEXT_FIELDS = ("text", "content", "body", "article", "paragraph")
_DATE_FIELDS = ("published", "date", "published_at", "date_extracted", "page_date")


def read_jsonl(stream: IO[bytes], origin: str, default_date: str | None) -> Iterator[Document | IngestProblem]:
    for lineno, raw in enumerate(stream, start=1):
        where = f"{origin}:{lineno}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield IngestProblem(where, "line is not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield IngestProblem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield from record_to_documents(record, where, default_date)


def record_to_documents(record: object, where: str, default_date: str | None) -> Iterator[Document | IngestProblem]:
    if not isinstance(record, dict):
        yield IngestProblem(where, "record is not a JSON object")
        return
    text = next((record[f] for f in _TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    if text is None:
        yield IngestProblem(where, f"record has no text (expected one of: {', '.join(_TEXT_FIELDS)})")
        return
    published = next((record[f] for f in _DATE_FIELDS if record.get(f)), None)
    yield make_document(
        text,
        id=record.get("id") or record.get("paragraph_id"),
        title=record.get("title") or record.get("page_title"),
        source=record.get("source") or record.get("page_domain"),
        url=record.get("url") or record.get("page_url"),
        published=published,
        default_date=default_date,
        origin=where,
    )


def read_json_document(data: str, origin: str, default_date: str | None) -> Iterator[Document | IngestProblem]:
    """A .json file: one article object, or a list of them (e.g. SaudiNewsNet day files)."""
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        yield IngestProblem(origin, f"invalid JSON ({exc.msg} at line {exc.lineno})")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for i, record in enumerate(records):
        yield from record_to_documents(record, f"{origin}[{i}]" if isinstance(parsed, list) else origin, default_date)
