import io
import json
from pathlib import Path

import pytest

from rasad.ingest import IngestProblem, read_sources
from rasad.ingest.records import content_hash
from rasad.model import Document

ARTICLE = (
    "وصل رئيس الوزراء العراقي إلى طهران مساء الأحد في زيارة رسمية يلتقي خلالها الرئيس الإيراني.\n"
    "وذكرت وكالة الأنباء العراقية أن الزيارة تستمر يومين."
)

PAGE = f"""<!doctype html><html lang="ar" dir="rtl"><head><title>رئيس الوزراء في طهران | أخبار اليوم</title>
<link rel="canonical" href="https://news.example/iraq-iran-visit">
<meta property="article:published_time" content="2024-01-14T09:30:00Z"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a> <a href="/economy">اقتصاد</a></nav>
<div class="share">شارك: فيسبوك تويتر واتساب</div>
<article><h1>رئيس الوزراء في طهران</h1>{''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10)))}</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">نتائج مباريات الدوري الممتاز</a></li>
<li><a href="/2">أسعار العملات والذهب في الأسواق</a></li></ul></aside>
<footer>جميع الحقوق محفوظة لموقع أخبار اليوم</footer></body></html>"""


def _docs(items: list[object]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def test_plain_text_keeps_text_unchanged_and_uses_default_date(tmp_path: Path) -> None:
    path = tmp_path / "visit.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    (doc,) = _docs(list(read_sources([str(path)], default_date="2024-01-15")))
    assert doc.text == ARTICLE
    assert doc.published == "2024-01-15"
    assert doc.id == "visit"


def test_html_keeps_only_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = _docs(list(read_sources([str(path)])))
    assert "وصل رئيس الوزراء العراقي" in doc.text
    assert "الزيارة تستمر يومين" in doc.text
    for noise in ("الرئيسية", "فيسبوك", "الأكثر قراءة", "أسعار العملات", "جميع الحقوق"):
        assert noise not in doc.text
    assert doc.title == "رئيس الوزراء في طهران"
    assert doc.published == "2024-01-14"
    assert doc.url == "https://news.example/iraq-iran-visit"


def test_jsonl_reports_broken_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"{ARTICLE} ({i})", "published": "2024-01-14"}, ensure_ascii=False)
             for i in range(5)]
    lines.insert(2, '{"id": "bad", "text": "unterminated')
    lines.insert(4, '["not", "an", "object"]')
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_sources([str(path)]))
    assert [d.id for d in _docs(items)] == ["a0", "a1", "a2", "a3", "a4"]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [p.origin for p in problems] == [f"{path}:3", f"{path}:5"]


def test_exact_duplicates_are_reported_and_dropped(tmp_path: Path) -> None:
    variant = ARTICLE.replace("وصل", "وصــل").replace("إلى", "الى")  # tatweel and alef variant: same content
    path = tmp_path / "dups.jsonl"
    recs = [{"id": "x1", "text": ARTICLE}, {"id": "x2", "text": variant}, {"id": "x3", "text": ARTICLE + " إضافة"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    items = list(read_sources([str(path)]))
    assert [d.id for d in _docs(items)] == ["x1", "x3"]
    (dup,) = [i for i in items if isinstance(i, IngestProblem)]
    assert dup.kind == "duplicate" and "x1" in dup.message
    assert content_hash(ARTICLE) == content_hash(variant)


def test_feed_entries_become_documents(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>
    <item><title>زيارة</title><link>https://news.example/1</link><pubDate>Sun, 14 Jan 2024 10:00:00 GMT</pubDate>
    <description>{ARTICLE}</description></item>
    <item><title>قمة</title><link>https://news.example/2</link><pubDate>Mon, 15 Jan 2024 10:00:00 GMT</pubDate>
    <description>انطلقت القمة العربية في الرياض اليوم الإثنين بمشاركة القادة العرب.</description></item>
    </channel></rss>"""
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    docs = _docs(list(read_sources([str(path)])))
    assert [(d.url, d.published, d.title) for d in docs] == [
        ("https://news.example/1", "2024-01-14", "زيارة"),
        ("https://news.example/2", "2024-01-15", "قمة"),
    ]
    assert docs[1].text.startswith("انطلقت القمة")


def test_warc_html_responses(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in (
            ("https://news.example/a", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://news.example/logo.png", b"\x89PNG....", "image/png"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": "2024-01-14T10:00:00Z"})
            writer.write_record(rec)
    (doc,) = _docs(list(read_sources([str(path)])))
    assert "وصل رئيس الوزراء العراقي" in doc.text and "الأكثر قراءة" not in doc.text
    assert doc.published == "2024-01-14"


def test_directory_is_read_recursively_and_binaries_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(PAGE.replace("طهران مساء", "بغداد مساء"), encoding="utf-8")
    (tmp_path / "sub" / "image.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    docs = _docs(list(read_sources([str(tmp_path)])))
    assert len(docs) == 2


def test_stdin_and_missing_paths(tmp_path: Path) -> None:
    items = list(read_sources(["-", str(tmp_path / "missing.txt")], stdin=io.BytesIO(ARTICLE.encode("utf-16"))))
    assert _docs(items)[0].text == ARTICLE
    assert isinstance(items[1], IngestProblem) and "no such file" in items[1].message


def test_single_documents_above_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rasad.ingest.sources as sources

    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 20, encoding="utf-8")
    (problem,) = list(read_sources([str(path)]))
    assert isinstance(problem, IngestProblem) and "limit" in problem.message


def test_expected_count_only_for_jsonl(tmp_path: Path) -> None:
    from rasad.ingest.sources import expected_count

    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "نص"}\n\n{"text": "نص آخر"}\n', encoding="utf-8")
    assert expected_count([str(jsonl)]) == 2
    txt = tmp_path / "b.txt"
    txt.write_text("نص", encoding="utf-8")
    assert expected_count([str(jsonl), str(txt)]) is None
