"""The benchmark scripts run end to end on a few bench articles (skipped without ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys

from rasad_test_paths import REPO, shared_path


def test_stage_throughput_times_one_stage_with_upstream_precomputed() -> None:
    corpus = shared_path("data", "bench", "saudinewsnet_1000.jsonl")
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "stage_throughput.py"), "timex", "--corpus", str(corpus),
         "--limit", "3", "--passes", "2"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["stage"] == "timex" and result["articles"] == 3
    assert len(result["passes"]) == 2
    for p in result["passes"]:
        assert p["cpu_s"] >= 0 and p["articles_per_s_wall"] > 0


def test_stage_throughput_rejects_an_unknown_stage() -> None:
    corpus = shared_path("data", "bench", "saudinewsnet_1000.jsonl")
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "stage_throughput.py"), "nosuchstage", "--corpus", str(corpus),
         "--limit", "1"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode != 0 and "unknown stage" in proc.stderr
