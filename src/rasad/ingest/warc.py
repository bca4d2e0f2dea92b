"""WARC archives (warcio): HTML response records → articles with their target URL and capture date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from rasad.errors import RasadError
from rasad.ingest.decode import decode_bytes
from rasad.ingest.html import extract_page
from rasad.ingest.records import IngestProblem, make_document
from rasad.model import Document

MAX_RECORD_BYTES = 20 * 1024 * 1024


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/") or head[:2] == b"\x1f\x8b"  # gzip: decided by extension/first record


def read_warc(stream: IO[bytes], origin: str, default_date: str | None) -> Iterator[Document | IngestProblem]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        for n, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            body = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(body) > MAX_RECORD_BYTES:
                yield IngestProblem(where, f"record larger than {MAX_RECORD_BYTES // 2**20} MB, skipped")
                continue
            try:
                page = extract_page(decode_bytes(body, where), url=url, origin=where)
            except RasadError as exc:
                yield IngestProblem(where, exc.message.removeprefix(where + ": "))
                continue
            yield make_document(
                page.text,
                id=url,
                title=page.title,
                url=page.url or url,
                published=page.date or record.rec_headers.get_header("WARC-Date"),
                default_date=default_date,
                origin=where,
            )
    except Exception as exc:  # warcio raises bare exceptions on truncated archives
        yield IngestProblem(origin, f"unreadable WARC archive ({type(exc).__name__}: {exc})")
