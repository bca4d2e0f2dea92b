"""ingest(): idempotent, restartable after a kill, bad records skipped — with the real pipeline on small texts."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasad.store import ingest

WORDS = ["الحكومة", "أعلنت", "اليوم", "خطة", "جديدة", "لدعم", "المزارعين", "في", "المناطق", "الريفية", "وقال", "وزير", "الزراعة", "إن", "البرنامج", "يشمل", "قروضا", "ميسرة", "وتدريبا", "على", "أساليب", "الري", "الحديثة", "كما", "ناقش", "المجلس", "البلدي", "مشاريع", "الطرق", "والمدارس", "والمستشفيات", "وأكد", "المتحدث", "أن", "الأعمال", "ستبدأ", "الشهر", "المقبل", "بمشاركة", "شركات", "محلية", "ودولية"]


def write_corpus(path: Path, n: int, seed: int = 7, words: int = 40) -> list[str]:
    rng = random.Random(seed)
    ids = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(WORDS) for _ in range(words)) + f" رقم {i}."
            doc_id = f"doc-{i}"
            ids.append(doc_id)
            f.write(json.dumps({"id": doc_id, "title": f"خبر {i}", "text": text, "source": "test",
                                "published": f"2024-01-{1 + i % 28:02d}"}, ensure_ascii=False) + "\n")
    return ids


def doc_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM documents")]


def test_ingest_twice_keeps_one_copy_per_id_and_skips_bad_records(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_corpus(src, 12)
    first_text = json.loads(src.read_text(encoding="utf-8").splitlines()[0])["text"]
    with src.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": "copy-of-0", "text": "  " + first_text}, ensure_ascii=False) + "\n")
    db = tmp_path / "c.db"
    first = ingest([str(src)], str(db), progress=False, batch_size=5)
    assert first.added == 13 and first.skipped == 0
    assert first.bad_records == 1 and first.problems and "in.jsonl" in first.problems[0]
    second = ingest([str(src)], str(db), progress=False, batch_size=5)
    assert second.added == 0 and second.skipped == 13
    assert sorted(doc_ids(db)) == sorted([*ids, "copy-of-0"])
    with sqlite3.connect(db) as conn:
        stories = dict(conn.execute("SELECT id, story_id FROM documents"))
    # the verbatim copy under another id is kept, in the story of the first copy
    assert stories["copy-of-0"] == stories["doc-0"]
    assert len(set(stories.values())) == 12


def test_killed_ingest_resumes_with_every_document_exactly_once(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    ids = write_corpus(src, 400, words=60)
    db = tmp_path / "c.db"
    script = (
        "import sys; from rasad.store import ingest; "
        "ingest([sys.argv[1]], sys.argv[2], progress=False, batch_size=4)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(src), str(db)])
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            if db.exists():
                try:
                    stored = len(doc_ids(db))
                except sqlite3.OperationalError:
                    continue
                if stored >= 8:
                    break
        if proc.poll() is not None:
            pytest.skip("the ingest finished before it could be interrupted (machine too fast for this test)")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    partial = doc_ids(db)
    assert 0 < len(partial) < 400
    assert len(partial) % 4 == 0  # whole batches only
    report = ingest([str(src)], str(db), progress=False, batch_size=32)
    assert report.added == 400 - len(partial)
    final = doc_ids(db)
    assert sorted(final) == sorted(ids)
    with sqlite3.connect(db) as conn:
        # every document is in the search index exactly once (each text ends with the word رقم)
        assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '\"رقم\"'").fetchone()[0] == 400
        assert conn.execute("SELECT count(*) FROM minhashes").fetchone()[0] == 400


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    from rasad.errors import StoreError
    from rasad.store import Store

    store = Store(str(tmp_path / "c.db"))
    with store.writer(), pytest.raises(StoreError, match="another process"):
        ingest([str(tmp_path / "missing.jsonl")], str(tmp_path / "c.db"), progress=False)


def test_ingest_into_postgresql_is_idempotent(tmp_path: Path, pg_store: object, pg_url: str) -> None:
    from rasad.store import Store
    from rasad.store import queries as q

    src = tmp_path / "in.jsonl"
    write_corpus(src, 6)
    before = q.stats(Store(pg_url))["documents"]
    assert ingest([str(src)], pg_url, progress=False).added == 6
    assert ingest([str(src)], pg_url, progress=False).skipped == 6
    store = Store(pg_url)
    assert q.stats(store)["documents"] == before + 6
    assert q.search(store, "الزراعة", q.SearchFilters())["total"] >= 1
    store.close()


def test_a_malformed_analysis_is_skipped_and_its_batch_neighbours_are_stored(tmp_path: Path) -> None:
    from rasad.model import Analysis, Document
    from rasad.store import Store

    good = [Analysis(Document(f"ok-{i}", f"نص سليم رقم {i} عن الاقتصاد.")).to_dict() for i in range(3)]
    bad = Analysis(Document("bad", "نص فيه إشارة معطوبة.")).to_dict()
    bad["mentions"] = [{"id": "m1", "text": "إشارة"}]  # no offsets: cannot be stored
    store = Store(str(tmp_path / "c.db"))
    result = store.add([good[0], bad, good[1], good[2]])
    assert sorted(result.added) == ["ok-0", "ok-1", "ok-2"]
    assert [doc_id for doc_id, _ in result.failed] == ["bad"]
    assert sorted(doc_ids(tmp_path / "c.db")) == ["ok-0", "ok-1", "ok-2"]
    store.close()
