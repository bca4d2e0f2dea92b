"""Shared helpers for turning raw records (JSON objects, feed entries, WARC responses) into Documents."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rasad.model import Document
from rasad.text.normalize import normalize_key

_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A record that could not be read; `origin` is `FILE:LINE`, a path or a WARC record id."""

    origin: str
    message: str
    kind: str = "error"  # error | duplicate

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def content_hash(text: str) -> str:
    """Hash of the normalised, whitespace-collapsed text: equal for copies that differ only in marks/spacing."""
    key = _WS.sub(" ", normalize_key(text)).strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def normalise_date(value: Any) -> str | None:
    """An ISO "YYYY-MM-DD" date from a string/date/datetime/time.struct_time, or None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tm_year"):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    m = _ISO_DATE.search(str(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None


def make_document(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: Any = None,
    default_date: str | None = None,
    origin: str | None = None,
) -> Document:
    """A Document with a stable id: the record's own id, else its URL, else a hash of its content."""
    doc_id = str(id) if id not in (None, "") else (url or "doc-" + content_hash(text)[:16])
    return Document(
        id=doc_id,
        text=text,
        title=title or None,
        source=source or None,
        url=url or None,
        published=normalise_date(published) or default_date,
        origin=origin,
    )
