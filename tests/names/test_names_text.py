"""Normalisation, pair-file parsing and training-pair cleaning for the name renderer."""

from __future__ import annotations

from pathlib import Path

from rasad.names.normalize import fold_latin, model_letters, normalize_arabic, split_script_runs
from rasad.names.pairs import parse_pair_line, read_pairs
from rasad.train.names import split_internal, training_pair


def test_normalize_strips_marks_but_keeps_hamza_and_taa_marbuta() -> None:
    assert normalize_arabic("مُحَمَّد") == "محمد"
    assert normalize_arabic("فاطمـــة") == "فاطمة"
    assert normalize_arabic("إبراهيم أحمد") == "إبراهيم أحمد"
    assert normalize_arabic("\ufe8d\ufedf") == "ال"  # presentation forms
    assert normalize_arabic("ی ک") == "ي ك"
    assert normalize_arabic("٢٠٢٣") == "2023"


def test_model_letters_and_script_runs() -> None:
    assert model_letters("محمد!") == "محمد"
    assert split_script_runs("F16محمد") == [(False, "F16"), (True, "محمد")]
    assert split_script_runs("") == []


def test_fold_latin() -> None:
    assert fold_latin("Niccolò") == "niccolo"
    assert fold_latin("Tadić") == "tadic"
    assert fold_latin("Strauß") == "strauss"
    assert fold_latin("O'Neil-Smith") == "oneilsmith"


def test_parse_both_layouts(tmp_path: Path) -> None:
    assert parse_pair_line("محمد\tmohamed\n") is not None
    pair = parse_pair_line("putin\tب و ت ي ن\t7\n")
    assert pair is not None and (pair.arabic, pair.latin, pair.count) == ("بوتين", "putin", 7)
    assert parse_pair_line("no tab here") is None
    assert parse_pair_line("latin\tlatin") is None
    path = tmp_path / "pairs.txt"
    path.write_text("محمد\tmohamed\n\nbad\nputin\tب و ت ي ن\t1\n", encoding="utf-8")
    assert [p.latin for p in read_pairs(path)] == ["mohamed", "putin"]


def test_training_pair_article_conventions() -> None:
    # A fused article is removed from both sides, so the model learns to drop it.
    assert training_pair("الكاتب", "Alkateb") == ("كاتب", "kateb")
    assert training_pair("المصري", "elmasry") == ("مصري", "masry")
    # "al" + vowel is part of the name itself.
    assert training_pair("الكسندر", "Alexander") == ("الكسندر", "alexander")
    # Article already dropped on the Latin side: the Arabic keeps it.
    assert training_pair("الأتاسي", "atassi") == ("الأتاسي", "atassi")


def test_training_pair_rejects_misaligned_or_empty() -> None:
    assert training_pair("يوحنا", "x") is None  # far too short for the Arabic
    assert training_pair("ب", "b") is None
    assert training_pair("محمد", "123") is None


def test_internal_split_keeps_each_spelling_on_one_side() -> None:
    pairs = [("محمد", v, 1) for v in ("mohamed", "muhammad", "mohammed")] + [
        (f"ب{'ا' * i}", "ba", 1) for i in range(1, 60)
    ]
    train, valid = split_internal(pairs, percent=30)
    assert {p[0] for p in train}.isdisjoint({p[0] for p in valid})
    assert train and valid
