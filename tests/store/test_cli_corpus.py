"""`rasad ingest / export / serve` through the real CLI entry point (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def write_jsonl(path: Path) -> None:
    docs = [
        {"id": "a", "text": "وصل وزير الخارجية إلى الرياض يوم الأحد في زيارة رسمية.", "published": "2024-03-03"},
        {"id": "b", "text": "أعلنت الشركة عن أرباح قياسية في الربع الأول من العام.", "published": "2024-03-04"},
    ]
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs) + "not json\n", encoding="utf-8")


def test_ingest_then_export_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "c.db"
    write_jsonl(src)
    code, out, err = run(["ingest", str(src), "--db", str(db), "--json"], capsys)
    assert code == 0
    assert json.loads(out)["added"] == 2
    assert "in.jsonl:3" in err and "added 2" in err  # the bad line is reported with its origin, the rest goes on
    code, out, _ = run(["ingest", str(src), "--db", str(db), "--json"], capsys)
    assert code == 0 and json.loads(out)["skipped"] == 2
    for fmt in ("plover", "csv", "geojson", "parquet"):
        target = tmp_path / f"events.{fmt}"
        code, _, err = run(["export", "--db", str(db), "--format", fmt, "-o", str(target)], capsys)
        assert code == 0 and target.exists() and f"{fmt} records" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--db", "{tmp}/missing.db", "--format", "csv", "-o", "{tmp}/x.csv"], "no database"),
        (["export", "--db", "{tmp}/c.db", "--format", "csv", "-o", "{tmp}/no/such/dir/x.csv"], "does not exist"),
        (["ingest", "{tmp}/in.jsonl", "--db", "{tmp}/c.db", "--workers", "2", "--scheduler", "tcp://x:1"], "not both"),
        (["ingest", "{tmp}/in.jsonl", "--db", "{tmp}/c.db", "--date", "yesterday"], "--date"),
        (["serve", "--db", "{tmp}/missing.db"], "no database"),
    ],
)
def test_errors_are_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    write_jsonl(tmp_path / "in.jsonl")
    from rasad.store import Store

    Store(str(tmp_path / "c.db")).close()
    code, _, err = run([a.replace("{tmp}", str(tmp_path)) for a in argv], capsys)
    assert code != 0
    assert message in err and "Traceback" not in err
    assert err.strip().count("\n") == 0 and err.startswith("rasad: error")
