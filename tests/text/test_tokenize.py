import pickle

import pytest

from rasad.resources import default_resources
from rasad.text.tokenize import Segmenter, tokenize


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    seg: Segmenter = default_resources().get("segmenter")
    return seg


def _by_text(text: str, segmenter: Segmenter) -> dict[str, object]:
    return {t.text: t for t in tokenize(text, segmenter)}


def test_offsets_cover_the_original_text(segmenter: Segmenter) -> None:
    text = "وصلَ الرئيسُ إلى موسكو، وقال: «سنعود» في 3.5 ساعات (د. أحمد) ١٢/٩/٢٠٢٣"
    for t in tokenize(text, segmenter):
        assert text[t.start : t.end] == t.text
        assert t.start <= t.stem_start <= t.stem_end <= t.end
    kinds = {t.text: t.kind for t in tokenize(text, segmenter)}
    assert kinds["3.5"] == "number"
    assert kinds["«"] == "punct"
    assert kinds["١٢"] == "number"


def test_proclitics_split_off_known_words(segmenter: Segmenter) -> None:
    text = "وروسيا والصين للبيت بالتاريخية وزعيمها لحربها"
    toks = tokenize(text, segmenter)
    stems = {t.text: (t.prefix, t.stem, t.suffix, text[t.stem_start : t.stem_end]) for t in toks}
    assert stems["وروسيا"] == ("و", "روسيا", "", "روسيا")
    assert stems["والصين"][:2] == ("و+ال", "صين")
    assert stems["للبيت"][:2] == ("ل+ال", "بيت")
    assert stems["بالتاريخية"][0] == "ب+ال"
    assert stems["وزعيمها"] == ("و", "زعيم", "ها", "زعيم")
    assert stems["لحربها"] == ("ل", "حرب", "ها", "حرب")


def test_names_beginning_with_clitic_letters_are_not_split(segmenter: Segmenter) -> None:
    for name in ("بوتين", "لبنان", "فلاديفوستوك", "وارسو", "كندا", "باريس", "فرنسا", "لندن", "بكين", "وصل"):
        (tok,) = tokenize(name, segmenter)
        assert (tok.prefix, tok.stem) == ("", tok.norm), name


def test_known_names_drive_segmentation() -> None:
    # A name absent from the corpus vocabulary is split off its clitic only when the name itself is known.
    plain = Segmenter({}, frozenset())
    with_names = Segmenter({}, frozenset({"بيونغيانغ", "خسان"}))
    (a,) = tokenize("لبيونغيانغ", plain)
    (b,) = tokenize("لبيونغيانغ", with_names)
    assert a.stem == "لبيونغيانغ"
    assert (b.prefix, b.stem, b.stem_start, b.stem_end) == ("ل", "بيونغيانغ", 1, 10)
    (c,) = tokenize("وخسان", with_names)
    assert c.stem == "خسان"


def test_taa_marbuta_is_not_a_pronoun_and_pronoun_after_taa(segmenter: Segmenter) -> None:
    toks = _by_text("السعودية حكومته", segmenter)
    assert toks["السعودية"].suffix == ""  # type: ignore[attr-defined]
    assert toks["حكومته"].suffix == "ه"  # type: ignore[attr-defined]
    assert toks["حكومته"].stem == "حكومه"  # type: ignore[attr-defined]


def test_diacritics_inside_a_segmented_word_keep_offsets(segmenter: Segmenter) -> None:
    text = "وَرُوسْيا"
    (tok,) = tokenize(text, segmenter)
    assert tok.stem == "روسيا"
    assert text[tok.stem_start : tok.stem_end] == "رُوسْيا"


def test_segmenter_pickles_without_its_cache(segmenter: Segmenter) -> None:
    segmenter.segment("وروسيا")
    clone = pickle.loads(pickle.dumps(segmenter))
    assert clone.segment("وروسيا") == segmenter.segment("وروسيا")


def test_frequent_whole_words_are_not_split_into_stacked_clitics(segmenter: Segmenter) -> None:
    for word in ("وكالة", "وكالات", "فلسطين", "ولاية", "بلدية"):
        (tok,) = tokenize(word, segmenter)
        assert tok.prefix == "" and tok.suffix == "", (word, tok.prefix, tok.stem, tok.suffix)
    (tok,) = tokenize("وبروسيا", segmenter)
    assert (tok.prefix, tok.stem) == ("و+ب", "روسيا")


def test_hamza_or_madda_alef_is_never_an_article(segmenter: Segmenter) -> None:
    toks = {t.text: t for t in tokenize("آلاف آليات والآلاف الأمم", segmenter)}
    assert toks["آلاف"].prefix == "" and toks["آليات"].prefix == ""
    assert (toks["والآلاف"].prefix, toks["والآلاف"].stem) == ("و+ال", "الاف")
    assert (toks["الأمم"].prefix, toks["الأمم"].stem) == ("ال", "امم")
