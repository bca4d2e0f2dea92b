"""HTML pages → article text and metadata with trafilatura (navigation, footers, asides and comments dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rasad.errors import EmptyInputError

_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_HINT.search(head[:4096]))


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    date: str | None
    url: str | None


def _as_dict(result: Any) -> dict[str, Any]:
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()


def extract_page(html: str, url: str | None = None, origin: str = "html") -> ExtractedPage:
    """Main text of an HTML page; raises EmptyInputError when the page has no article text."""
    import trafilatura  # imported lazily: it costs ~0.3 s and plain-text runs never need it

    result: Any = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        favor_precision=True,
    )
    result = _as_dict(result)
    text = result.get("text") or ""
    if not text.strip():
        # Very short pages can fall under trafilatura's size threshold; retry favouring recall before giving up.
        result = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, favor_recall=True
        )
        result = _as_dict(result)
        text = result.get("text") or ""
    if not text.strip():
        raise EmptyInputError(f"{origin}: no article text found in the HTML page")
    date = result.get("date")
    title = (result.get("title") or "").strip() or None
    text = text.strip()
    if title:
        # The headline is kept as the title; drop it when the extracted body simply starts with it again.
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    return ExtractedPage(
        text=text,
        title=title,
        date=date[:10] if isinstance(date, str) and re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
        url=result.get("url") or url,
    )
