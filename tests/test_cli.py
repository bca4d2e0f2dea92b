"""The command line as a user meets it: exit codes, one-line errors, JSON vs JSONL output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasad.schema import validate_analysis
from rasad_test_paths import BUNDLED_EXAMPLE

ARTICLE = "التقى وزير الخارجية الأردني نظيره المصري في القاهرة اليوم الأحد، وبحثا الأوضاع في المنطقة."


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "rasad", *args], input=stdin, capture_output=True, env=env,
                          timeout=300, check=False)


def test_single_document_gives_one_valid_json_object() -> None:
    proc = run_cli("analyze", str(BUNDLED_EXAMPLE), "--date", "2023-05-21")
    assert proc.returncode == 0, proc.stderr.decode()
    analysis = json.loads(proc.stdout)
    assert validate_analysis(analysis) == []
    assert analysis["document"]["text"] == BUNDLED_EXAMPLE.read_text(encoding="utf-8")
    assert analysis["document"]["published"] == "2023-05-21"
    assert len(analysis["sentences"]) == 10


def test_jsonl_with_a_broken_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": f"{ARTICLE} ({i})"}, ensure_ascii=False) for i in range(10)]
    lines.insert(6, '{"id": "broken", "text": ')
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("analyze", str(path), "--date", "2024-03-03")
    assert proc.returncode == 0
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [a["document"]["id"] for a in out] == [f"n{i}" for i in range(10)]
    assert all(validate_analysis(a) == [] for a in out)
    err = proc.stderr.decode().strip().splitlines()
    assert err == [line for line in err if line.startswith(f"{path}:7: ")] and len(err) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [(bytes(range(256)) * 16, "binary"), (b"", "empty"), (b"\n\n  \n", "empty")],
)
def test_bad_single_inputs_are_one_line_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    proc = run_cli("analyze", str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and expected in err and "Traceback" not in err


def test_bad_date_and_missing_file() -> None:
    proc = run_cli("analyze", "nowhere.txt")
    assert proc.returncode == 2 and "no such file" in proc.stderr.decode()
    proc = run_cli("analyze", str(BUNDLED_EXAMPLE), "--date", "21/05/2023")
    assert proc.returncode == 2 and "--date" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = run_cli("analyze", "-", "-o", str(out), stdin=ARTICLE.encode("cp1256"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["text"] == ARTICLE


def test_text_report_shows_the_article_and_tables() -> None:
    proc = run_cli("analyze", str(BUNDLED_EXAMPLE), "--date", "2023-05-21", "--format", "text")
    assert proc.returncode == 0, proc.stderr.decode()
    report = proc.stdout.decode()
    for heading in ("Entities", "Dates", "Events", "Claims", "اتفاق جدة"):
        assert heading in report


def test_eval_ner_wojood_with_the_anercorp_convention(tmp_path: Path) -> None:
    gold = tmp_path / "w.txt"
    # "مدينة دمشق" is one LOC in Wojood; ANERcorp leaves the head noun outside, so only the restated gold matches
    # a tagger that finds "دمشق".
    gold.write_text("زار O\nالوزير O\nمدينة B-GPE\nدمشق I-GPE\nأمس O\n", encoding="utf-8")
    raw = run_cli("eval", "ner", str(gold), "--wojood", "--json")
    restated = run_cli("eval", "ner", str(gold), "--wojood", "--anercorp-convention", "--json")
    assert raw.returncode == 0 and restated.returncode == 0, raw.stderr.decode() + restated.stderr.decode()
    raw_score = json.loads(raw.stdout.decode().strip().splitlines()[-1])
    restated_score = json.loads(restated.stdout.decode().strip().splitlines()[-1])
    assert raw_score["recall"] == 0.0 and restated_score["recall"] == 1.0
    misuse = run_cli("eval", "ner", str(gold), "--anercorp-convention")
    assert misuse.returncode == 2 and "--wojood" in misuse.stderr.decode() and "Traceback" not in misuse.stderr.decode()


def test_distillation_options_go_together(tmp_path: Path) -> None:
    gold = tmp_path / "gold.conll"
    gold.write_text("بوتين B-PERS\n", encoding="utf-8")
    proc = run_cli("train", "ner", "--train", str(gold), "--out", str(tmp_path / "m"), "--teacher", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "rasad: error[E200]: --teacher, --teacher-crf and --silver-from go together"
    assert not (tmp_path / "m").exists()


def test_train_ner_neural_without_torch_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from rasad.cli import main

    monkeypatch.setitem(sys.modules, "torch", None)  # what an install without the `train` extra sees
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "ner-neural", "--train", str(tmp_path), "--vectors", str(tmp_path), "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("rasad: error[E200]: rasad train ner-neural needs torch") and "\n" not in err


def test_train_ner_neural_unknown_encoder_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("train", "ner-neural", "--train", str(tmp_path), "--vectors", str(tmp_path),
                   "--out", str(tmp_path / "m"), "--encoder", "gru")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "rasad: error[E200]: --encoder must be lstm or cnn, not 'gru'"
    assert not (tmp_path / "m").exists()
