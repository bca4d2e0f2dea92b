"""The web UI in real Chromium against `rasad serve`: search → article → entity → map, and no XSS."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

OUTPUT = Path(__file__).parents[2] / "test-output"  # gitignored; screenshots for people to look at

pytestmark = pytest.mark.e2e


def wait_ready(page: Any, name: str) -> None:
    page.wait_for_selector(f"#view[data-ready='{name}']", timeout=15_000)


def go(page: Any, url: str, name: str) -> None:
    """Navigate (often only the hash changes) and wait for THIS render, not the previous page's marker."""
    page.evaluate("() => { const v = document.getElementById('view'); if (v) v.removeAttribute('data-ready'); }")
    page.goto(url)
    wait_ready(page, name)


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def test_search_article_entity_map(page: Any) -> None:
    page.goto("/")
    wait_ready(page, "search")
    page.fill("input[name=q]", "السعوديه")
    page.press("input[name=q]", "Enter")
    from playwright.sync_api import expect

    expect(page.locator("#results .count")).to_have_text("2 document(s)")  # retried until the new results render
    marks = page.locator("#results mark").all_inner_texts()
    assert "والسعودية" in marks and "الســعودية" in marks
    shot(page, "01-search")

    go(page, "/#/search?q=" + quote("بوتين"), "search")
    page.locator("#results .hit-title a").first.click()
    wait_ready(page, "doc")
    mention = page.locator("#article-text .ann.mention.label-PER").first
    assert mention.is_visible()
    assert mention.inner_text() == "فلاديمير بوتين"
    assert page.locator("#article-text .ann.timex").first.inner_text().endswith("الأربعاء")
    assert page.locator("#article-text .ann.trigger").first.inner_text() == "استقبل"
    mention.hover()
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    assert "Vladimir Putin" in tip.inner_text() and "Q7747" in tip.inner_text()
    panel = page.locator("aside.panel").inner_text()
    assert "Vladimir Putin" in panel and "CONSULT" in panel and "according to: Kremlin" in panel
    assert "where: Vladivostok" in panel and "when: 2023-09-13" in panel
    assert "Same story in 1 other" in page.locator(".story").inner_text()
    shot(page, "02-article")

    page.locator("aside.panel a.entity-link", has_text="Vladivostok").first.click()
    wait_ready(page, "entity")
    assert "Vladivostok" in page.locator(".entity-page h2").inner_text()
    assert page.locator(".entity-page svg.bars rect.bar").count() == 1
    assert page.locator(".events-table tbody tr").count() == 2
    shot(page, "03-entity")

    go(page, "/#/map", "map")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.place").count() == 3
    assert page.locator("#map circle.event").count() == 3
    shot(page, "04-map")

    go(page, "/#/events?type=CONSULT", "events")
    assert page.locator(".events-table tbody tr").count() == 4
    shot(page, "05-events")

    # same-page hash navigations: wait for the content itself (the hashchange handler runs after goto returns)
    page.goto("/#/entities?q=" + quote("putin"))
    expect(page.locator("table.grid tbody tr")).to_have_count(1)
    page.goto("/#/entities")
    expect(page.locator("table.grid tbody tr")).to_have_count(6)
    shot(page, "05b-entities")
    assert page.outside_requests == [] and page.errors == []


def test_hostile_article_renders_as_text(page: Any) -> None:
    page.goto("/#/doc?id=" + quote("xss<script>", safe=""))
    wait_ready(page, "doc")
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator("article img, article script").count() == 0
    assert page.locator("article h2").inner_text().startswith("<img")
    # the mention after an emoji (two UTF-16 units) is highlighted on exactly the right characters
    assert page.locator("#article-text .ann.label-GPE").inner_text() == "الرياض"
    assert page.locator("#article-text .ann.label-MISC").inner_text() == '<script>alert("x")</script>'
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == [] and page.errors == []
    shot(page, "06-xss-article")
    go(page, "/#/search?q=" + quote("<script>alert(1)</script>"), "search")
    assert page.dialogs == [] and page.locator("#results mark").count() > 0
    shot(page, "07-xss-search")


def test_offline_api_docs(page: Any) -> None:
    page.goto("/docs")
    page.wait_for_selector("section.op")
    assert page.locator("section.op h3", has_text="/api/search").count() == 1
    page.locator("section.op", has_text="/api/stats").locator("button").click()
    from playwright.sync_api import expect

    expect(page.locator("section.op pre:not([hidden])")).to_contain_text('"documents": 6')
    assert page.outside_requests == [] and page.errors == []
    shot(page, "08-docs")
