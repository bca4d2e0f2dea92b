"""RSS/Atom feeds (feedparser): each entry becomes a Document with its link, title and date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rasad.ingest.records import IngestProblem, make_document
from rasad.model import Document

_FEED_HINT = re.compile(rb"<\s*(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(head: bytes) -> bool:
    return bool(_FEED_HINT.search(head[:4096]))


def _entry_text(entry: Any) -> str:
    from rasad.ingest.html import extract_page

    parts = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    raw = max(parts, key=len) if parts else entry.get("summary", "") or ""
    if "<" in raw:
        try:
            return extract_page(f"<html><body><article>{raw}</article></body></html>").text
        except Exception:
            return _TAG.sub(" ", raw).strip()
    return raw.strip()


def read_feed(data: bytes, origin: str, default_date: str | None) -> Iterator[Document | IngestProblem]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        yield IngestProblem(origin, f"unreadable feed ({parsed.get('bozo_exception')})")
        return
    feed_title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        where = f"{origin}#{i + 1}"
        text = _entry_text(entry)
        if not text:
            yield IngestProblem(where, "feed entry has no text")
            continue
        yield make_document(
            text,
            id=entry.get("id") or entry.get("link"),
            title=entry.get("title"),
            source=feed_title,
            url=entry.get("link"),
            published=entry.get("published_parsed") or entry.get("updated_parsed"),
            default_date=default_date,
            origin=where,
        )
