"""The resource manifest: every shipped file under `resources/` with its origin, licence and checksum.

`python -m rasad.manifest` checks the manifest against the files (exit 1 on a mismatch); `--write` refreshes the
checksums and sizes after a retrain, keeping the hand-written descriptions. A test runs the check, so a model or
table cannot change without its manifest entry changing too.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path
from typing import Any

from rasad.resources import RESOURCE_ROOT

MANIFEST = RESOURCE_ROOT / "MANIFEST.toml"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shipped_files(root: Path = RESOURCE_ROOT) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != "MANIFEST.toml"
        and "__pycache__" not in p.parts
    )


def load_manifest(path: Path = MANIFEST) -> dict[str, dict[str, Any]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {entry["path"]: entry for entry in data.get("file", [])}


def check(root: Path = RESOURCE_ROOT, path: Path = MANIFEST) -> list[str]:
    """Problems: files missing from the manifest, entries without a file, checksum or size mismatches."""
    entries = load_manifest(path)
    files = shipped_files(root)
    problems = [f"{f}: not in MANIFEST.toml" for f in files if f not in entries]
    problems += [f"{p}: listed but missing" for p in entries if p not in files]
    for rel in files:
        entry = entries.get(rel)
        if entry is None:
            continue
        for key in ("name", "source", "licence"):
            if not entry.get(key):
                problems.append(f"{rel}: no {key}")
        if entry.get("sha256") != sha256(root / rel):
            problems.append(f"{rel}: checksum differs (retrained? run python -m rasad.manifest --write)")
    return problems


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(root: Path = RESOURCE_ROOT, path: Path = MANIFEST) -> None:
    entries = load_manifest(path) if path.exists() else {}
    lines = [
        "# Every file shipped under src/rasad/resources: what it is, where it comes from, its licence and checksum.",
        "# Refresh checksums with `python -m rasad.manifest --write`; descriptions are written by hand.",
        "",
    ]
    for rel in shipped_files(root):
        entry = entries.get(rel, {})
        lines.append("[[file]]")
        lines.append(f"path = {_toml_str(rel)}")
        for key in ("name", "version", "source", "licence"):
            lines.append(f"{key} = {_toml_str(str(entry.get(key, '')))}")
        lines.append(f"bytes = {(root / rel).stat().st_size}")
        lines.append(f"sha256 = {_toml_str(sha256(root / rel))}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--write" in args:
        write()
    problems = check()
    for p in problems:
        print(p)
    print("manifest ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
