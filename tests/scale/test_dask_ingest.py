"""Scale-out: ingest on a Dask cluster stores exactly what a single process stores."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.errors import UsageError
from rasad.scale.dask import DaskMapper
from rasad.store import ingest

WORDS = ["أعلنت", "الوزارة", "عن", "افتتاح", "مستشفى", "جديد", "في", "المدينة", "الشرقية", "وقال", "المدير", "إن", "المستشفى", "يضم", "مئتي", "سرير", "ويخدم", "سكان", "القرى", "المجاورة", "كما", "أشار", "إلى", "توظيف", "أطباء", "وممرضين", "من", "أبناء", "المنطقة", "خلال", "العام", "الجاري"]


def write_corpus(path: Path, n: int) -> None:
    import random

    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as f:
        base = ""
        for i in range(n):
            text = " ".join(rng.choice(WORDS) for _ in range(50))
            if i % 5 == 1:  # a syndicated copy of the previous article, with a different ending
                text = base + " نقلا عن وكالة الأنباء."
            base = text
            f.write(json.dumps({"id": f"d{i}", "text": text, "published": "2024-02-01"}, ensure_ascii=False) + "\n")


def stored(db: Path) -> tuple[dict[str, object], list[list[str]]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, analysis, story_id FROM documents").fetchall()
    analyses = {doc_id: json.loads(raw) for doc_id, raw, _ in rows}
    stories: dict[int, list[str]] = {}
    for doc_id, _, story in rows:
        stories.setdefault(story, []).append(doc_id)
    return analyses, sorted(sorted(v) for v in stories.values())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "in.jsonl"
    write_corpus(path, 30)
    return path


@pytest.fixture(scope="module")
def single(corpus: Path) -> tuple[dict[str, object], list[list[str]]]:
    db = corpus.parent / "single.db"
    report = ingest([str(corpus)], str(db), progress=False, batch_size=4)
    assert report.added == 30
    return stored(db)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


def test_local_cluster_ingest_matches_single_process(corpus: Path, single: tuple, tmp_path: Path) -> None:
    db = tmp_path / "dask.db"
    report = ingest([str(corpus)], str(db), workers=2, progress=False, batch_size=4)
    assert report.added == 30 and report.failed == 0
    assert stored(db) == single
    assert [len(s) for s in single[1]].count(2) == 6  # the six syndicated pairs are grouped


def test_existing_scheduler_ingest_matches_single_process(corpus: Path, single: tuple, cluster: str, tmp_path: Path) -> None:
    db = tmp_path / "sched.db"
    report = ingest([str(corpus)], str(db), scheduler=cluster, progress=False, batch_size=3)
    assert report.added == 30
    assert stored(db) == single


def test_mapper_keeps_input_order(cluster: str) -> None:
    with DaskMapper(scheduler=cluster, window=3) as mapper:
        assert list(mapper.map(operator.neg, range(20))) == [-i for i in range(20)]


def test_workers_and_scheduler_are_exclusive() -> None:
    with pytest.raises(UsageError):
        DaskMapper(workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(UsageError):
        DaskMapper(workers=0)
