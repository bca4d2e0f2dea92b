"""Word lists for Arabic temporal expressions, written in the normalised spelling of ``textview``.

Normalised spelling: alef forms → ا, ى → ي, ة → ه, no diacritics or tatweel, ASCII digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alt(words: Iterable[str]) -> str:
    """Regex for any of the literal ``words`` (spaces match any whitespace run), factored as a trie.

    ``re`` tries alternatives one by one; sharing prefixes means a non-matching word is rejected
    after a character or two instead of after every listed word, which keeps the matcher fast.
    Longer words are preferred by ordering each node's end marker last.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict[str, dict]) -> str:
    branches: list[str] = []
    optional = False
    for ch in sorted(node):
        if ch == "":
            optional = True
            continue
        piece = r"\s+" if ch == " " else re.escape(ch)
        child = node[ch]
        branches.append(piece + (_trie_regex(child) if child else ""))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return "(?:" + body + ")?"
    return body


# Gregorian month names in every common regional set → month number.  "Strong" names are unambiguous
# on their own; "weak" ones are also ordinary words or names (مارس "he practised", اب "father",
# نيسان the car, تموز/رجب given names) and only count next to a day, a year, "شهر" or a paired name.
STRONG_MONTHS: dict[str, int] = {
    # Egyptian / Gulf (from English/French)
    "يناير": 1, "فبراير": 2, "فبرابر": 2, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "اغسطس": 8, "اغسطوس": 8, "سبتمبر": 9, "ستمبر": 9, "سيبتمبر": 9, "اكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12,
    # Maghrebi
    "جانفي": 1, "فيفري": 2, "افريل": 4, "جويليه": 7, "يوليوز": 7, "غشت": 8, "شتنبر": 9,
    "نونبر": 11, "دجنبر": 12,
    # Levantine / Iraqi (Syriac names)
    "كانون الثاني": 1, "كانون الاول": 12, "كانون ثاني": 1, "كانون اول": 12, "ايلول": 9,
    "تشرين الاول": 10, "تشرين الثاني": 11, "تشرين اول": 10, "تشرين ثاني": 11, "حزيران": 6,
}
WEAK_MONTHS: dict[str, int] = {
    "مارس": 3, "ماي": 5, "يونيه": 6, "يوليه": 7, "جوان": 6, "اوت": 8,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "تموز": 7, "اب": 8,
}
MONTHS: dict[str, int] = {**STRONG_MONTHS, **WEAK_MONTHS}

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع اول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4,
    "ربيع ثاني": 4, "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الثانيه": 6,
    "جمادي الاخر": 6, "جمادي الثاني": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}

# Python weekday numbers (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاحد": 6, "الاثنين": 0, "الاتنين": 0, "الثلاثاء": 1, "الثلاثا": 1, "الاربعاء": 2,
    "الاربعا": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
}

# Parts of the day → TIMEX3 suffix.
PARTS_OF_DAY: dict[str, str] = {
    "صباح": "MO", "فجر": "MO", "ضحي": "MO", "ظهر": "MI", "عصر": "AF", "مساء": "EV",
    "ليله": "NI", "ليل": "NI", "منتصف ليل": "NI",
}
# Adverbial forms: صباحا، مساء، ليلا ...
PART_OF_DAY_ADVERBS: dict[str, str] = {
    "صباحا": "MO", "فجرا": "MO", "ظهرا": "MI", "عصرا": "AF", "مساء": "EV", "مساءا": "EV", "ليلا": "NI",
}

NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
TEEN_WORDS: dict[str, int] = {
    "احد عشر": 11, "احدي عشره": 11, "اثنا عشر": 12, "اثني عشر": 12, "اثنتا عشره": 12, "اثنتي عشره": 12,
}
for _w, _n in NUMBER_WORDS.items():
    if 3 <= _n <= 9:
        TEEN_WORDS[f"{_w} عشر"] = 10 + _n
        TEEN_WORDS[f"{_w} عشره"] = 10 + _n
TENS_WORDS: dict[str, int] = {}
for _stem, _n in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
                  ("ثمان", 80), ("تسع", 90)):
    TENS_WORDS[_stem + "ين"] = _n
    TENS_WORDS[_stem + "ون"] = _n
HUNDRED_WORDS: dict[str, int] = {
    "مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئتان": 200, "مائتان": 200,
    "الف": 1000, "الفين": 2000, "الفان": 2000,
}
for _w, _n in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9)):
    HUNDRED_WORDS[_w + "مئه"] = 100 * _n
    HUNDRED_WORDS[_w + "مائه"] = 100 * _n
# Vague quantities: value "X" in TIMEX3 durations (P3D vs PXD).
VAGUE_QUANTITIES = ("بضع", "بضعه", "عده", "عشرات", "مئات", "الاف", "بعض")

# Ordinal hour names used with الساعة.
HOUR_ORDINALS: dict[str, int] = {
    "الواحده": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6, "السابعه": 7,
    "الثامنه": 8, "التاسعه": 9, "العاشره": 10, "الحاديه عشره": 11, "الحاديه عشر": 11,
    "الثانيه عشره": 12, "الثانيه عشر": 12,
}
MINUTE_FRACTIONS: dict[str, int] = {"النصف": 30, "نصف": 30, "الربع": 15, "ربع": 15, "الثلث": 20, "ثلث": 20}

# Duration units: surface form → (TIMEX3 unit letter, count implied by the form: 1, 2 for a dual, 0 plural).
UNIT_FORMS: dict[str, tuple[str, int]] = {}
for _forms, _unit in (
    (("عام", "عاما", "سنه"), "Y"),
    (("شهر", "شهرا"), "M"),
    (("اسبوع", "اسبوعا"), "W"),
    (("يوم", "يوما"), "D"),
    (("ساعه",), "H"),
    (("دقيقه",), "MIN"),
    (("ثانيه",), "S"),
    (("عقد", "عقدا"), "DE"),
    (("قرن", "قرنا"), "CE"),
):
    for _f in _forms:
        UNIT_FORMS[_f] = (_unit, 1)
for _f, _unit in (("عامين", "Y"), ("عامان", "Y"), ("سنتين", "Y"), ("سنتان", "Y"), ("شهرين", "M"),
                  ("شهران", "M"), ("اسبوعين", "W"), ("اسبوعان", "W"), ("يومين", "D"), ("يومان", "D"),
                  ("ساعتين", "H"), ("ساعتان", "H"), ("دقيقتين", "MIN"), ("عقدين", "DE"), ("قرنين", "CE")):
    UNIT_FORMS[_f] = (_unit, 2)
for _f, _unit in (("اعوام", "Y"), ("سنوات", "Y"), ("سنين", "Y"), ("اشهر", "M"), ("شهور", "M"),
                  ("اسابيع", "W"), ("ايام", "D"), ("ساعات", "H"), ("دقائق", "MIN"), ("ثوان", "S"),
                  ("ثواني", "S"), ("عقود", "DE"), ("قرون", "CE")):
    UNIT_FORMS[_f] = (_unit, 0)

# Definite calendar units used with this/last/next.
CALENDAR_UNITS: dict[str, str] = {
    "اليوم": "D", "الاسبوع": "W", "الشهر": "M", "العام": "Y", "السنه": "Y", "العقد": "DE", "القرن": "CE",
}
LAST_WORDS = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه",
              "المنقضي", "الفارط", "الماضيين", "المنصرمين", "الاخيرين", "الاخيره", "الاخير", "السابقين")
NEXT_WORDS = ("المقبل", "المقبله", "القادم", "القادمه", "التالي", "التاليه", "الاتي", "المقبلين",
              "القادمين", "التاليين")
THIS_WORDS = ("الحالي", "الحاليه", "الجاري", "الجاريه", "الراهن", "الراهنه")

SEASONS: dict[str, str] = {
    "الصيف": "SU", "صيفا": "SU", "صيف": "SU", "الشتاء": "WI", "شتاء": "WI", "شتاءا": "WI",
    "الربيع": "SP", "ربيعا": "SP", "الخريف": "FA", "خريفا": "FA",
}

DECADE_WORDS: dict[str, int] = {
    "العشرينيات": 2, "العشرينات": 2, "الثلاثينيات": 3, "الثلاثينات": 3, "الاربعينيات": 4, "الاربعينات": 4,
    "الخمسينيات": 5, "الخمسينات": 5, "الستينيات": 6, "الستينات": 6, "السبعينيات": 7, "السبعينات": 7,
    "الثمانينيات": 8, "الثمانينات": 8, "التسعينيات": 9, "التسعينات": 9,
}
CENTURY_ORDINALS: dict[str, int] = {
    "التاسع عشر": 19, "العشرين": 20, "الحادي والعشرين": 21, "الحادي و العشرين": 21, "الثامن عشر": 18,
}
ORDINALS: dict[str, int] = {
    "الاول": 1, "الاولي": 1, "الثاني": 2, "الثانيه": 2, "الثالث": 3, "الثالثه": 3, "الرابع": 4,
    "الرابعه": 4, "الاخير": 4, "الاخيره": 4,
}

# Fixed-value references (PRESENT_REF / PAST_REF / FUTURE_REF).
REFERENCE_WORDS: dict[str, str] = {
    "الان": "PRESENT_REF", "حاليا": "PRESENT_REF", "في الوقت الحالي": "PRESENT_REF",
    "في الوقت الراهن": "PRESENT_REF", "هذه الايام": "PRESENT_REF", "في الوقت الحاضر": "PRESENT_REF",
    "مؤخرا": "PAST_REF", "سابقا": "PAST_REF", "في السابق": "PAST_REF", "انذاك": "PAST_REF",
    "حينذاك": "PAST_REF", "في الماضي": "PAST_REF", "الايام الماضيه": "PAST_REF",
    "الايام الاخيره": "PAST_REF", "السنوات الماضيه": "PAST_REF", "السنوات الاخيره": "PAST_REF",
    "الاعوام الماضيه": "PAST_REF", "الاعوام الاخيره": "PAST_REF", "الاشهر الماضيه": "PAST_REF",
    "الاشهر الاخيره": "PAST_REF", "الاسابيع الماضيه": "PAST_REF", "الاسابيع الاخيره": "PAST_REF",
    "الفتره الماضيه": "PAST_REF", "الفتره الاخيره": "PAST_REF",
    "الساعات الماضيه": "PAST_REF", "الساعات الاخيره": "PAST_REF", "الساعات المقبله": "FUTURE_REF",
    "الساعات القادمه": "FUTURE_REF", "الفتره الحاليه": "PRESENT_REF", "الفتره الراهنه": "PRESENT_REF",
    "المرحله الحاليه": "PRESENT_REF", "لاحقا": "FUTURE_REF", "فيما بعد": "FUTURE_REF",
    "قريبا": "FUTURE_REF", "مستقبلا": "FUTURE_REF", "في المستقبل": "FUTURE_REF",
    "الايام المقبله": "FUTURE_REF", "الايام القادمه": "FUTURE_REF", "السنوات المقبله": "FUTURE_REF",
    "السنوات القادمه": "FUTURE_REF", "السنوات اللاحقه": "FUTURE_REF", "الاعوام المقبله": "FUTURE_REF",
    "الاعوام القادمه": "FUTURE_REF", "الاشهر المقبله": "FUTURE_REF", "الاشهر القادمه": "FUTURE_REF",
    "الاسابيع المقبله": "FUTURE_REF", "الاسابيع القادمه": "FUTURE_REF", "الفتره المقبله": "FUTURE_REF",
    "الفتره القادمه": "FUTURE_REF",
}

# Periodic adverbs and adjectives (SET).
SET_WORDS: dict[str, str] = {
    "يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y", "ساعيا": "PT1H",
    "اليوميه": "P1D", "اليومي": "P1D", "يومي": "P1D", "يوميه": "P1D",
    "الاسبوعيه": "P1W", "الاسبوعي": "P1W", "الشهريه": "P1M", "الشهري": "P1M",
    "السنويه": "P1Y", "السنوي": "P1Y",
}

# Ordinal day numbers for "الثالث من أغسطس", "الحادي والعشرين من مايو".
_ORDINAL_UNITS = {
    "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
    "الثامن": 8, "التاسع": 9, "العاشر": 10,
}
DAY_ORDINALS: dict[str, int] = dict(_ORDINAL_UNITS)
for _w, _n in _ORDINAL_UNITS.items():
    if _n < 10:
        _unit = "الحادي" if _n == 1 else _w
        if _n >= 1:
            DAY_ORDINALS[f"{_unit} عشر"] = 10 + _n
        DAY_ORDINALS[f"{_unit} والعشرين"] = 20 + _n
DAY_ORDINALS["العشرين"] = 20
DAY_ORDINALS["الثلاثين"] = 30
DAY_ORDINALS["الحادي والثلاثين"] = 31

# Named holidays: Hijri ones as (month, day) in the Hijri calendar, Gregorian ones as (month, day).
HOLIDAYS: dict[str, tuple[str, int, int]] = {
    "عيد الفطر": ("H", 10, 1), "عيد الاضحي": ("H", 12, 10), "يوم عرفه": ("H", 12, 9),
    "يوم عرفات": ("H", 12, 9), "المولد النبوي": ("H", 3, 12), "ذكري المولد النبوي": ("H", 3, 12),
    "راس السنه الهجريه": ("H", 1, 1), "عاشوراء": ("H", 1, 10), "ليله القدر": ("H", 9, 27),
    "عيد الميلاد المجيد": ("G", 12, 25), "راس السنه الميلاديه": ("G", 1, 1), "عيد العمال": ("G", 5, 1),
}
