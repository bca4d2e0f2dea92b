from rasad.ner.arabic import (
    lookup_keys,
    normalize,
    split_proclitics,
    strip_pronoun_suffix,
    tokenize,
    word_shape,
)


def test_normalize_folds_alef_ya_ta_marbuta_and_drops_diacritics():
    assert normalize("إِسْرائيلُ") == "اسرائيل"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("الجامعة") == "الجامعه"
    assert normalize("القـاهرة") == "القاهره"


def test_split_proclitics_removes_conjunction_preposition_and_article():
    assert split_proclitics(normalize("وبالعاصمة")) == ("و+ب+ال", "عاصمه")
    assert split_proclitics(normalize("للرئيس")) == ("ل+ال", "رئيس")
    assert split_proclitics(normalize("والرياض")) == ("و+ال", "رياض")
    assert split_proclitics(normalize("فالأمر")) == ("ف+ال", "امر")
    assert split_proclitics(normalize("وللمرة")) == ("و+ل+ال", "مره")


def test_split_proclitics_keeps_name_initial_letters_without_evidence():
    # ب ل ف ك at the start of an unknown word are more often part of a name than clitics
    for word in ("بوتين", "لندن", "فرنسا", "كييف"):
        assert split_proclitics(normalize(word)) == ("", normalize(word))
    assert split_proclitics(normalize("وبوتين")) == ("و", "بوتين")
    assert split_proclitics("وقت") == ("", "وقت")  # too short to hold a clitic


def test_split_proclitics_uses_corpus_counts_to_choose():
    counts = {"بوتين": 500, "وتين": 1, "لديه": 50, "بلديه": 40, "لمصر": 5, "مصر": 900}
    assert split_proclitics("بوتين", counts) == ("", "بوتين")
    assert split_proclitics("بلديه", counts) == ("", "بلديه")  # the whole word is frequent enough
    assert split_proclitics("لمصر", counts) == ("ل", "مصر")


def test_strip_pronoun_suffix():
    assert strip_pronoun_suffix("رئيسها") == "رئيس"
    assert strip_pronoun_suffix("كتابهم") == "كتاب"
    assert strip_pronoun_suffix("بيتي") == "بيت"
    assert strip_pronoun_suffix("هو") == "هو"


def test_lookup_keys_offer_word_article_form_and_stem():
    assert lookup_keys("وبالعراق") == ("وبالعراق", "العراق", "عراق")
    assert lookup_keys("مصر") == ("مصر",)


def test_word_shape_classes():
    assert word_shape("بغداد") == "ARABIC"
    assert word_shape("2023") == "DIGIT"
    assert word_shape("١٩٩٠") == "DIGIT"
    assert word_shape("Reuters") == "LATIN_CAP"
    assert word_shape("،") == "PUNCT"
    assert word_shape("G20") == "ALNUM"


def test_tokenize_separates_punctuation_and_keeps_clitics_and_decimals():
    assert tokenize("وقال الرئيس (بوتين)، إن 3.5 مليون.") == [
        "وقال", "الرئيس", "(", "بوتين", ")", "،", "إن", "3.5", "مليون", "."]
