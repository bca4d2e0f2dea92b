"""The normalised matching view and its offset map back to the original text."""

from __future__ import annotations

import datetime as dt

from rasad.time.extract import find_timexes, find_timexes_exhaustive
from rasad.time.textview import make_view


def test_substitutions_keep_length_and_offsets() -> None:
    text = "أمس إلى مدرسةٍ ١٢٣ ۴۵ ى"
    view = make_view(text)
    assert view.text == "امس الي مدرسه 123 45 ي"
    assert view.to_original(0) == 0


def test_deletions_map_back() -> None:
    text = "\u200fقـال مُحَمَّد"
    view = make_view(text)
    assert view.text == "قال محمد"
    for i, ch in enumerate(view.text):
        assert make_view(text[view.to_original(i)]).text in (ch, "")
        assert text[view.to_original(i)] != "\u0640"
    # the end of "محمد" takes the trailing diacritics with it
    assert text[view.to_original(4):view.to_original_end(8)] == "مُحَمَّد"


def test_lam_lam_contraction_reads_as_article() -> None:
    assert make_view("للعام المقبل").text == "العام المقبل"
    assert make_view("وللعام").text == "والعام"


SAMPLE = (
    "قال المتحدث إن الوفد وصل صباح اليوم، وسيلتقي الوزير الأربعاء المقبل حتى يوم الخميس. "
    "وكانت المفاوضات بدأت في 12 مايو/أيار 2020 واستمرت لمدة ثلاثة أشهر، ثم توقفت عام 2021م. "
    "وتأسست الجمعية قبل 75 عامًا، وتعقد اجتماعا كل عامين، وآخر اجتماع كان في 1/9/1445هـ "
    "الساعة العاشرة صباحا. ومنذ عقود والمدينة تعاني، وقتل 2000 شخص خلال الأسبوعين الماضيين."
)


def test_fast_path_agrees_with_exhaustive_scan() -> None:
    for published in (dt.date(2023, 9, 12), None):
        fast = find_timexes(SAMPLE, published)
        assert fast == find_timexes_exhaustive(SAMPLE, published)
        assert len(fast) >= 10


def test_random_word_salad_is_safe_and_consistent() -> None:
    """Random mixes of the lexicon never crash, always slice exactly, and the fast path equals the scan."""
    import random

    from rasad.time import lexicon as lx

    words = [*lx.MONTHS, *lx.HIJRI_MONTHS, *lx.WEEKDAYS, *lx.PARTS_OF_DAY, *lx.NUMBER_WORDS, *lx.UNIT_FORMS,
             *lx.CALENDAR_UNITS, *lx.LAST_WORDS, *lx.NEXT_WORDS, *lx.SEASONS, *lx.REFERENCE_WORDS,
             *lx.HOUR_ORDINALS, *lx.DAY_ORDINALS, "يوم", "الساعة", "قبل", "بعد", "منذ", "في", "من", "حتى", "كل",
             "هذا", "عام", "شهر", "أمس", "غداً", "و", "،", "12", "2019", "1445", "هـ", "12/9/2023", "10:30",
             "٢٠٢١", "إلا", "قال", "سيلتقي", "للعام", "بالأمس", "ـ", "\u200f"]
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        published = rng.choice([None, dt.date(2023, 9, 12)])
        spans = find_timexes(text, published)
        for s in spans:
            assert s.text and text[s.start:s.end] == s.text
            assert s.type in ("DATE", "TIME", "DURATION", "SET")
        assert spans == find_timexes_exhaustive(text, published)
