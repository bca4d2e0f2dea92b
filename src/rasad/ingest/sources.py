"""Paths, directories and stdin → a stream of Documents (or IngestProblems), whatever their format.

Formats are chosen by extension, then by sniffing the first bytes: JSONL (streamed), JSON, HTML (trafilatura), RSS/Atom
(feedparser), WARC (warcio, streamed), plain text in any of the encodings `decode_bytes` recognises. Single-document
formats are read whole and refused above MAX_DOCUMENT_BYTES; multi-record formats are streamed so a large archive never
has to fit in memory. Exact duplicates (same normalised content hash) within one run are reported and dropped.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from rasad.errors import InputError, InputTooLargeError, RasadError
from rasad.ingest.decode import decode_bytes, looks_binary
from rasad.ingest.feeds import looks_like_feed, read_feed
from rasad.ingest.html import extract_page, looks_like_html
from rasad.ingest.jsonl import read_json_document, read_jsonl
from rasad.ingest.records import IngestProblem, content_hash, make_document
from rasad.ingest.warc import read_warc
from rasad.model import Document

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML = (".html", ".htm", ".xhtml")
_FEED = (".rss", ".atom", ".xml")
_TEXT = (".txt", ".text", ".md")

Item = Document | IngestProblem


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for ext in (*_WARC, *_JSONL, *_HTML, *_FEED, *_TEXT, ".json"):
        if name.endswith(ext):
            return ext
    return ""


def _read_limited(stream: IO[bytes], origin: str) -> bytes:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputTooLargeError(
            f"{origin}: larger than the {MAX_DOCUMENT_BYTES // 2**20} MB limit for a single document "
            "(split it, or use JSONL/WARC, which are streamed)"
        )
    return data


def _single(data: bytes, origin: str, kind: str, default_date: str | None, doc_id: str | None) -> Iterator[Item]:
    """One document from a whole-file format (text, HTML, JSON, feed)."""
    if kind == "feed":
        yield from read_feed(data, origin, default_date)
        return
    text = decode_bytes(data, origin)
    if kind == "json":
        yield from read_json_document(text, origin, default_date)
    elif kind == "html":
        page = extract_page(text, origin=origin)
        yield make_document(
            page.text, id=page.url or doc_id, title=page.title, url=page.url, published=page.date,
            default_date=default_date, origin=origin,
        )
    else:
        if not text.strip():
            raise InputError(f"{origin}: empty document")
        yield make_document(text, id=doc_id, default_date=default_date, origin=origin)


def _sniff(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(stripped):
        return "feed"
    if looks_like_html(stripped):
        return "html"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") and b"\n{" in stripped else "json"
    if stripped.startswith(b"["):
        return "json"
    return "text"


_KIND_BY_SUFFIX = {**dict.fromkeys(_JSONL, "jsonl"), **dict.fromkeys(_WARC, "warc"), **dict.fromkeys(_HTML, "html"),
                   **dict.fromkeys(_FEED, "feed"), **dict.fromkeys(_TEXT, "text"), ".json": "json"}


def _read_stream(stream: IO[bytes], origin: str, kind: str | None, default_date: str | None,
                 doc_id: str | None) -> Iterator[Item]:
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    head = buffered.peek(4096)[:4096]
    if kind is None:
        if head[:2] == b"\x1f\x8b":
            kind = "warc"
        elif looks_binary(head) and not (head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00\x06" in head
                                         or b"\x06\x00" in head):
            raise InputError(f"{origin}: binary data, not a text, HTML, JSON, feed or WARC file")
        else:
            kind = _sniff(head)
    if kind == "jsonl":
        yield from read_jsonl(buffered, origin, default_date)
    elif kind == "warc":
        yield from read_warc(buffered, origin, default_date)
    else:
        yield from _single(_read_limited(buffered, origin), origin, kind, default_date, doc_id)


def _read_path(path: Path, default_date: str | None, in_directory: bool) -> Iterator[Item]:
    origin = str(path)
    kind = _KIND_BY_SUFFIX.get(_suffix(path))
    if in_directory and kind is None:
        with path.open("rb") as fh:
            if looks_binary(fh.read(4096)):
                return  # directories hold images, archives …: only text-like files are articles
    with path.open("rb") as fh:
        yield from _read_stream(fh, origin, kind, default_date, doc_id=path.stem)


def _iter_directory(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def iter_items(sources: Sequence[str], default_date: str | None = None, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Every document or problem from `sources` (paths, directories or "-" for stdin), without deduplication."""
    for source in sources:
        try:
            if source == "-":
                yield from _read_stream(stdin or sys.stdin.buffer, "<stdin>", None, default_date, doc_id=None)
                continue
            path = Path(source)
            if path.is_dir():
                for child in _iter_directory(path):
                    try:
                        yield from _read_path(child, default_date, in_directory=True)
                    except RasadError as exc:
                        yield IngestProblem(str(child), exc.message.removeprefix(f"{child}: "))
            elif path.exists():
                yield from _read_path(path, default_date, in_directory=False)
            else:
                yield IngestProblem(source, "no such file or directory")
        except RasadError as exc:
            yield IngestProblem(source if source != "-" else "<stdin>",
                                exc.message.removeprefix(f"{source}: ").removeprefix("<stdin>: "))
        except OSError as exc:
            yield IngestProblem(source, exc.strerror or str(exc))


def expected_count(sources: Sequence[str]) -> int | None:
    """How many records to expect, when every source is a JSONL file (for a progress bar's ETA); else None."""
    total = 0
    for source in sources:
        path = Path(source)
        if not (path.is_file() and path.name.lower().endswith(_JSONL)):
            return None
        with path.open("rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


def deduplicate(items: Iterable[Item]) -> Iterator[Item]:
    """Drop exact duplicates (normalised content hash) and repeated ids, reporting each as a 'duplicate' problem."""
    seen_hash: dict[str, str] = {}
    seen_ids: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            h = content_hash(item.text)
            first = seen_hash.get(h)
            if first is not None:
                yield IngestProblem(item.origin or item.id, f"duplicate of {first}, skipped", kind="duplicate")
                continue
            if item.id in seen_ids:
                yield IngestProblem(item.origin or item.id, f"id {item.id!r} already used, skipped", kind="duplicate")
                continue
            seen_hash[h] = item.id
            seen_ids.add(item.id)
        yield item


def read_sources(sources: Sequence[str], *, default_date: str | None = None, dedup: bool = True,
                 stdin: IO[bytes] | None = None) -> Iterator[Item]:
    items = iter_items(sources, default_date, stdin)
    return deduplicate(items) if dedup else items
