"""Start-up cost of `rasad analyze`: the corpus commands (and the store they import) stay out of its way."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
sys.argv = ["rasad", *{argv!r}]
import rasad.cli
commands = sorted(c.name or c.callback.__name__ for c in rasad.cli.app.registered_commands)
print(int("rasad.store.db" in sys.modules), int("rasad.cli_corpus" in sys.modules), ",".join(commands))
"""


def _probe(argv: list[str]) -> tuple[bool, bool, str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.format(argv=argv)], capture_output=True, text=True,
                          timeout=120, check=True)
    store, corpus, commands = proc.stdout.split()
    return store == "1", corpus == "1", commands


def test_analyze_does_not_import_the_store() -> None:
    store, corpus, commands = _probe(["analyze", "x.jsonl"])
    assert not store and not corpus
    assert "analyze" in commands


@pytest.mark.parametrize("argv", [["--help"], ["ingest", "x.jsonl"], []])
def test_other_command_lines_still_get_the_corpus_commands(argv: list[str]) -> None:
    from importlib.util import find_spec

    if find_spec("rasad.cli_corpus") is None:
        pytest.skip("corpus commands not installed")
    _, corpus, commands = _probe(argv)
    assert corpus and "ingest" in commands.split(",")


def test_main_registers_corpus_commands_when_called_with_them() -> None:
    from rasad import cli

    assert cli._needs_corpus_commands(["ingest", "a.jsonl"])
    assert cli._needs_corpus_commands(["--help"])
    assert not cli._needs_corpus_commands(["analyze", "a.jsonl"])
    assert not cli._needs_corpus_commands(["eval", "time", "dir"])


_ENV_PROBE = """
import os
import rasad.cli
try:
    rasad.cli.main(["version"])
except SystemExit:
    pass
print(os.environ.get("OPENBLAS_NUM_THREADS"), os.environ.get("OMP_NUM_THREADS"))
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "1 1"), ("4", "4 1")])
def test_command_line_runs_blas_single_threaded_unless_told_otherwise(given: str | None, expected: str) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    proc = subprocess.run([sys.executable, "-c", _ENV_PROBE], capture_output=True, text=True, env=env, timeout=120,
                          check=True)
    assert proc.stdout.split("\n")[-2] == expected
