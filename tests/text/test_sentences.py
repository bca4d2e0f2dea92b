from rasad.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_headlines_without_final_punctuation_stand_alone() -> None:
    text = "زيارة تاريخية\nوصل الرئيس إلى القاهرة. وعقد لقاء مع نظيره.\nتخوف غربي\nوقال المتحدث إن المحادثات مستمرة"
    assert _texts(text) == [
        "زيارة تاريخية",
        "وصل الرئيس إلى القاهرة.",
        "وعقد لقاء مع نظيره.",
        "تخوف غربي",
        "وقال المتحدث إن المحادثات مستمرة",
    ]


def test_arabic_and_latin_end_marks() -> None:
    assert _texts("هل انتهت الحرب؟ لا! بل مستمرة… حتى الآن.") == ["هل انتهت الحرب؟", "لا!", "بل مستمرة…", "حتى الآن."]


def test_commas_and_semicolons_do_not_split() -> None:
    assert len(split_sentences("وصل الوفد، وعقد اجتماعا؛ ثم غادر.")) == 1


def test_abbreviations_and_decimal_numbers() -> None:
    text = "قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف م. علي أن ص.ب 12 مغلق."
    assert _texts(text) == ["قال د. محمد إن النمو بلغ 3.5 في المئة.", "وأضاف م. علي أن ص.ب 12 مغلق."]


def test_quotes_stay_with_their_sentence() -> None:
    text = "وقال: «هذا يوم مهم. سنواصل العمل». ثم غادر."
    assert _texts(text) == ["وقال: «هذا يوم مهم. سنواصل العمل».", "ثم غادر."]
    text2 = 'وأضاف "لن نتراجع." وغادر القاعة.'
    assert _texts(text2) == ['وأضاف "لن نتراجع."', "وغادر القاعة."]


def test_offsets_trimmed_and_empty_lines_skipped() -> None:
    text = "  \n\nالجملة الأولى.  \n\n  الثانية \n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["الجملة الأولى.", "الثانية"]


def test_quote_state_carries_across_boundaries_of_one_long_line() -> None:
    # One paragraph: the quote opened in the second sentence is still open at its inner full stop, and the state
    # must be carried from boundary to boundary (not rescanned) without losing the earlier closed quote.
    text = "قال «نعم». ثم أضاف: «هذا يوم مهم. سنواصل». وغادر. " * 3
    spans = _texts(text)
    assert spans == ["قال «نعم».", "ثم أضاف: «هذا يوم مهم. سنواصل».", "وغادر."] * 3


def test_long_single_paragraph_is_split_in_linear_time() -> None:
    import time

    sentence = "وقال المتحدث إن المحادثات مستمرة. "
    small, large = sentence * 200, sentence * 2000
    t0 = time.process_time()
    assert len(split_sentences(small)) == 200
    t_small = time.process_time() - t0
    t0 = time.process_time()
    assert len(split_sentences(large)) == 2000
    t_large = time.process_time() - t0
    # 10x the text must not cost ~100x (the old per-boundary rescan of the line); generous for noisy machines.
    assert t_large < 30 * max(t_small, 1e-3)
