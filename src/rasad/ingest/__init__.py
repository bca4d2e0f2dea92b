"""Ingest: files, directories, JSONL, HTML, feeds, WARC and stdin → Documents."""

from rasad.ingest.records import IngestProblem, content_hash, make_document
from rasad.ingest.sources import MAX_DOCUMENT_BYTES, read_sources

__all__ = ["MAX_DOCUMENT_BYTES", "IngestProblem", "content_hash", "make_document", "read_sources"]
