from pathlib import Path

from rasad.manifest import check, load_manifest, write


def test_every_shipped_resource_is_listed_with_matching_checksum() -> None:
    assert check() == []


def test_check_detects_unlisted_changed_and_missing_files(tmp_path: Path) -> None:
    root = tmp_path / "resources"
    (root / "kb").mkdir(parents=True)
    (root / "kb" / "a.tsv").write_text("x\n", encoding="utf-8")
    manifest = root / "MANIFEST.toml"
    manifest.write_text('[[file]]\npath = "kb/a.tsv"\nname = "a"\nsource = "authored \\"by\\" us"\nlicence = "x"\n')
    write(root, manifest)
    assert load_manifest(manifest)["kb/a.tsv"]["source"] == 'authored "by" us'
    assert check(root, manifest) == []
    (root / "kb" / "a.tsv").write_text("y\n", encoding="utf-8")
    (root / "kb" / "b.tsv").write_text("z\n", encoding="utf-8")
    problems = check(root, manifest)
    assert any("a.tsv: checksum differs" in p for p in problems)
    assert any("b.tsv: not in MANIFEST" in p for p in problems)
    (root / "kb" / "a.tsv").unlink()
    assert any("a.tsv: listed but missing" in p for p in check(root, manifest))
