from rasad.text.normalize import arabic_ratio, fold_digits, normalize, normalize_key


def test_alef_yaa_taa_marbuta_variants_unify() -> None:
    assert normalize_key("السعودية") == normalize_key("السعوديه")
    assert normalize_key("إلى") == normalize_key("الى") == "الي"
    assert normalize_key("أحمد") == normalize_key("احمد") == normalize_key("آحمد")


def test_diacritics_tatweel_and_bidi_marks_are_removed() -> None:
    assert normalize_key("مُحَمَّـــد") == "محمد"
    assert normalize_key("\u200fروسيا\u200e") == "روسيا"
    assert normalize_key("عامًا") == "عاما"


def test_digits_and_spaces() -> None:
    assert normalize_key("٢٠٢٣ و۱۴۴۵") == "2023 و1445"
    assert normalize_key("3\u00a0آلاف") == "3 الاف"
    assert fold_digits("عام ٢٠١٩") == "عام 2019"
    assert normalize_key("٣٫٥") == "3.5"


def test_offset_map_points_back_into_the_original() -> None:
    original = "قالَ الرئيسُ ــ بوتين\u200f اليومَ"
    view = normalize(original)
    assert view.text == "قال الرئيس  بوتين اليوم"
    i = view.text.index("بوتين")
    s, e = view.span_to_original(i, i + len("بوتين"))
    assert original[s:e] == "بوتين"
    j = view.text.index("الرئيس")
    s, e = view.span_to_original(j, j + len("الرئيس"))
    assert original[s:e] == "الرئيسُ"  # a final diacritic belongs to its letter
    assert view.to_original(len(view.text)) == len(original)


def test_identity_map_when_nothing_is_removed() -> None:
    view = normalize("روسيا والصين")
    assert view.offsets is None
    assert view.span_to_original(0, 5) == (0, 5)


def test_arabic_ratio() -> None:
    assert arabic_ratio("روسيا") == 1.0
    assert arabic_ratio("abc") == 0.0
    assert arabic_ratio("123") == 0.0


def test_honorific_signs_are_marks() -> None:
    # U+0610–061A (e.g. the sallallahou sign written over a name) are combining marks, not letters.
    assert normalize_key("محمد\u0610 رسول") == "محمد رسول"


def test_time_view_uses_the_same_character_tables() -> None:
    from rasad.time.textview import make_view

    sample = "أَعلنَ يومَ الخميسِ ١٢ إلى ٣٫٥ ــ مساءً\u200f، ومَرْحى\u0610 ة ى ی ک"
    assert make_view(sample).text == normalize_key(sample)
