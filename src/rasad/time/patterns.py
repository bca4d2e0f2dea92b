"""The compiled matcher: one alternation regex over the normalised view (see ``textview``).

Python's ``re`` takes the first alternative that matches at the leftmost position, so the families are
listed from the most specific (full dates, ranges, compounds) to the most general (a bare weekday or
month).  Each family owns a named group ("k_<family>") so the extractor knows which rule fired; inner
named groups carry the parts it needs to compute the value.
"""

from __future__ import annotations

import re

from rasad.time import lexicon as lx
from rasad.time.lexicon import alt

S = r"\s+"
END = r"(?!\w)"

WEEKDAY = alt(lx.WEEKDAYS)
WEEKDAY_BARE = alt(w[2:] for w in lx.WEEKDAYS)  # "كل يوم جمعة"
LAST = alt(lx.LAST_WORDS)
NEXT = alt(lx.NEXT_WORDS)
THIS = alt(lx.THIS_WORDS)
REL_MOD = f"(?:{LAST}|{NEXT}|{THIS})"
HMONTH = alt(lx.HIJRI_MONTHS).replace(r"\ ", r"\s+")
MONTH = alt(lx.MONTHS).replace(r"\ ", r"\s+")
# "يوليو/تموز", "مايو/ أيار", "سبتمبر (أيلول)", "أيلول - سبتمبر"
MONTH_PAIR = rf"{MONTH}(?:\s*[/\-–]\s*{MONTH}|\s*\(\s*{MONTH}\s*\))?"
DAY_NUM = r"\d{1,2}(?!\d)"
DAY_ORDINAL = alt(lx.DAY_ORDINALS)
YEAR_NUM = r"\d{4}(?!\d|[/.\-]\d{1,2}(?!\d))"
AD_SUFFIX = r"(?:\s*م(?!\w)|\s+ميلادي(?:ه)?|\s+للميلاد)?"
AH_SUFFIX = r"(?:\s*ه(?!\w)|\s+هجري(?:ه)?|\s+للهجره)"
MONTH_PREFIX = r"(?:(?:من\s+)?شهر\s+|من\s+)?"
PERIOD_WORD = r"(?:بدايه|بدايات|مطلع|اوائل|اول|منتصف|اواسط|اواخر|نهايه|نهايات|اخر|اخير)"
PERIOD_MOD = rf"(?:{PERIOD_WORD}\s+)?"

NUMBER = (
    "(?:"
    + alt(lx.HUNDRED_WORDS)
    + rf"(?:\s+و\s?(?:{alt(lx.TEEN_WORDS)}|{alt(lx.NUMBER_WORDS)}\s+و\s?{alt(lx.TENS_WORDS)}"
    + rf"|{alt(lx.TENS_WORDS)}|{alt(lx.NUMBER_WORDS)}))?"
    + rf"|{alt(lx.NUMBER_WORDS)}\s+و\s?{alt(lx.TENS_WORDS)}"
    + rf"|{alt(lx.TEEN_WORDS)}|{alt(lx.TENS_WORDS)}|{alt(lx.NUMBER_WORDS)}"
    + r"|\d+(?:[.,]\d+)?(?!\d)"
    + "|"
    + alt(lx.VAGUE_QUANTITIES)
    + ")"
).replace(r"\ ", r"\s+")
UNIT_ANY = alt(lx.UNIT_FORMS)
UNIT_DUAL = alt(w for w, (_u, n) in lx.UNIT_FORMS.items() if n == 2)
UNIT_PLURAL = alt(w for w, (_u, n) in lx.UNIT_FORMS.items() if n == 0)
UNIT_SING = alt(w for w, (_u, n) in lx.UNIT_FORMS.items() if n == 1)
QUANTIFIER = r"(?:(?:اكثر|اقل|ازيد)\s+من\s+|نحو\s+|حوالي\s+|قرابه\s+|زهاء\s+)?"


def quantity(p: str) -> str:
    """A quantity of time ("ثلاثة أيام", "75 عاما", "يومين", "العامين الماضيين", "السنوات الخمس الماضية").

    Group names carry the prefix ``p`` because the same shape appears in more than one family.
    """
    return (
        rf"(?:(?:ال\s?(?=\d))?(?P<{p}n>{NUMBER})\s+(?P<{p}u>{UNIT_ANY})(?:\s+(?P<{p}nm>{LAST}|{NEXT}))?"
        rf"|(?P<{p}d>ال)?(?P<{p}du>{UNIT_DUAL})(?!\s*\d)(?:\s+(?P<{p}dm>{LAST}|{NEXT}))?"
        rf"|ال(?P<{p}pu>{UNIT_PLURAL})\s+(?:ال)?(?P<{p}pn>{NUMBER})\s+(?P<{p}pm>{LAST}|{NEXT})"
        rf"|(?P<{p}vu>{UNIT_PLURAL})\s+(?:عديده|قليله|طويله|كثيره))"
    )


DAY_REL = r"(?:اول\s+من\s+امس|اول\s+امس|امس\s+الاول|بعد\s+غد|بعد\s+الغد|البارحه|الامس|امس|اليوم|غدا|الغد|غد)"
# "اليوم" followed by an ordinal or an adjective is a day in a sequence or a named day, not today.
NOT_TODAY = (r"(?!\s+(?:" + alt([*lx.ORDINALS, *lx.DAY_ORDINALS]) + r"|التالي|السابق|الوطني|العالمي|"
             r"الدولي|الاخير|الذي|الاخر|المفتوح|الختامي|الاخيره|الموعود)(?!\w))")
# Newspaper and channel names: روسيا اليوم، المصري اليوم، أخبار اليوم.
NOT_MEDIA = r"(?<!روسيا\s)(?<!المصري\s)(?<!مصر\s)(?<!اخبار\s)"
DAY_REL_X = rf"(?:{NOT_MEDIA}{DAY_REL}{NOT_TODAY})"
WEEKDAY_X = rf"(?:يومي?\s+)?{WEEKDAY}(?:\s+(?P<wdm_{{n}}>{LAST}|{NEXT}|{THIS}))?"
POD_NOUN = alt(lx.PARTS_OF_DAY).replace(r"\ ", r"\s+")
POD_ADV = alt(lx.PART_OF_DAY_ADVERBS)
HOUR_WORD = alt(lx.HOUR_ORDINALS).replace(r"\ ", r"\s+")
MINUTES = (
    rf"(?:\s+و\s?(?P<tfr>{alt(lx.MINUTE_FRACTIONS)})|\s+و\s?(?P<tmin>\d{{1,2}}|{NUMBER})\s+دقيق(?:ه|تين)?|"
    rf"\s+الا\s+(?P<tless>ربعا|الربع|ثلثا|الثلث|ربع|ثلث))"
)
YEAR_LEAD = r"(?:(?:ال)?عام|(?:ال)?سنه|عامي|سنتي|العامين)"
# "الثلاثاء 12 سبتمبر", "يوم السبت الموافق 7/11/1436هـ", "الثلاثاء؛ 19 شوال 1436": one date.
WEEKDAY_PREFIX = rf"(?:يوم\s+)?{WEEKDAY}\s*[،,؛]?\s*(?:الموافق\s+(?:ل)?)?"
# "العام الدراسي المقبل", "السنة المالية الحالية"
YEAR_KIND = r"(?:(?:الدراسي|الدراسيه|المالي|الماليه|الهجري|الهجريه|الميلادي|الميلاديه)\s+)?"
SIGNAL_LEAD = r"(?:في|منذ|حتي|الي|من|خلال|قبل|بعد|مع)"


def _families() -> list[tuple[str, str]]:
    """(family name, pattern) in priority order."""
    return [
        # "من 10 إلى 12 سبتمبر 2023", "10-12 مايو": the first day takes the month and year of the second.
        ("range_days", rf"(?P<rg1>{DAY_NUM})\s*(?:-|–|الي|و|حتي)\s*(?P<rg2>{DAY_NUM})\s+{MONTH_PREFIX}"
                       rf"(?P<rgm>{MONTH_PAIR})(?:\s*[،,]?\s*(?P<rgy>{YEAR_NUM}){AD_SUFFIX}|\s+(?P<rgmod>{REL_MOD}))?"),
        # "الثلاثاء 12 سبتمبر 2023", "12 من شهر مايو/أيار", "أيلول 2023", "سبتمبر الماضي"
        ("date", rf"(?:{WEEKDAY_PREFIX})?(?:(?P<dd>{DAY_NUM})|(?P<ddo>{DAY_ORDINAL})(?=\s+من\s))\s+{MONTH_PREFIX}"
                 rf"(?P<dm>{MONTH_PAIR})(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?(?P<dy>{YEAR_NUM}){AD_SUFFIX}"
                 rf"|\s+(?P<dmod>{REL_MOD}))?"),
        ("hijri", rf"(?:{WEEKDAY_PREFIX}(?=\d))?(?:(?:(?P<hd>{DAY_NUM})|(?P<hdo>{DAY_ORDINAL})(?=\s+من\s))\s+(?:من\s+)?)?(?P<hpre>شهر\s+|(?<=في\s)|(?<=خلال\s)|(?<=منذ\s)|(?<=طوال\s)|(?<=طيله\s))?(?P<hm>{HMONTH})"
                  rf"(?:\s+(?P<hy>\d{{3,4}}){AH_SUFFIX}?|\s+(?P<hmod>{REL_MOD}))?"),
        ("month", rf"{PERIOD_MOD}(?P<mpre>شهر\s+)?(?P<mm>{MONTH_PAIR})(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|العام\s+)?"
                  rf"(?P<my>{YEAR_NUM}){AD_SUFFIX}|\s+(?P<mmod>{REL_MOD}))?"),
        ("numeric", rf"(?:{WEEKDAY_PREFIX})?" r"(?P<n1>\d{1,4})(?P<sep>[/.\-])(?P<n2>\d{1,2})(?P=sep)(?P<n3>\d{1,4})(?!\d)(?:(?P<nh>" + AH_SUFFIX
                    + ")|" + AD_SUFFIX + ")"),
        # "الساعة العاشرة صباحا", "الساعة 10:30 من صباح اليوم", "الثالثة والنصف عصرا"
        ("clock", rf"(?:(?:يوم\s+)?(?P<tpre>{DAY_REL_X}|{WEEKDAY})\s+(?:في\s+)?(?=الساعه))?(?:الساعه\s+(?:(?P<th>{HOUR_WORD})|(?P<tn>\d{{1,2}})(?:[:.](?P<tm>\d{{2}}))?)|(?P<tn2>\d{{1,2}}):(?P<tm2>\d{{2}}))"
                  rf"{MINUTES}?(?:\s+(?P<tpa>{POD_ADV})|\s+(?:من\s+)?(?P<tpn>{POD_NOUN})(?:\s+(?:يوم\s+)?(?P<tref>{DAY_REL_X}|{WEEKDAY}))?)?"
                  rf"(?:\s+(?:بتوقيت|حسب\s+توقيت)\s+\w+(?:\s+(?:المحلي|غرينتش|مكه\s+المكرمه))?)?"),
        # "صباح اليوم", "مساء الأحد", "ليلة أمس", "فجر يوم الجمعة الماضي"
        ("pod_day", rf"(?P<pn>{POD_NOUN})\s+(?:(?:يوم\s+)?(?P<pr>{DAY_REL_X})(?:\s+(?P<pw>{WEEKDAY}))?|"
                    rf"{WEEKDAY_X.format(n='p')})"),
        ("pod_this", rf"(?:هذا|هذه)\s+(?P<ptn>الصباح|المساء|الليله)|(?P<ptl>الليله)(?:\s+(?P<ptm>{LAST}|{NEXT}))?"),
        ("day_rel", rf"(?P<rr>{DAY_REL_X})(?:\s+(?P<rw>{WEEKDAY}))?(?:\s+(?P<rpa>{POD_ADV}))?"),
        ("ago", rf"(?P<ag>قبل|بعد){S}(?:{QUANTIFIER}{quantity('a')}|(?P<avp>{UNIT_PLURAL})(?!\s+من\b))"),
        ("dur_lead", rf"(?P<dl>منذ|لمده|مده|خلال|طوال|طيله|مدي|مدار){S}(?P<dlbody>{QUANTIFIER}"
                     rf"(?:(?!عقد\b)(?P<dls>{UNIT_SING})(?!\s*\d|\s+(?:{MONTH}|{HMONTH}))|(?P<dlp>{UNIT_PLURAL})))"),
        ("weekday", WEEKDAY_X.format(n="w")),
        ("set", rf"كل\s+(?:(?P<sw>{WEEKDAY})|يوم\s+(?:(?P<sw2>{WEEKDAY})|(?P<sw3>{WEEKDAY_BARE}))|(?P<sn>{NUMBER})\s+(?P<snu>{UNIT_ANY})|"
                rf"(?P<sd>{UNIT_DUAL})|(?P<ss>{UNIT_SING}))|(?P<sa>{alt(lx.SET_WORDS)})(?!\s+\d)"),
        ("duration", rf"{QUANTIFIER}{quantity('q')}"),
        ("year", rf"{PERIOD_MOD}(?P<ylead>{YEAR_LEAD}\s*|{SIGNAL_LEAD}\s+)?(?P<yy>{YEAR_NUM})(?P<yah>{AH_SUFFIX})?"
                 rf"(?P<yad>{AD_SUFFIX})"),
        ("rel_unit", rf"{PERIOD_MOD}(?:(?:هذا|هذه)\s+(?P<uthis>{alt(lx.CALENDAR_UNITS)})|"
                     rf"(?P<uu>{alt(lx.CALENDAR_UNITS)})\s+{YEAR_KIND}(?P<um>{REL_MOD}))"
                     # "نهاية العام", "منتصف الشهر": the current one
                     rf"|(?P<uper>{PERIOD_WORD})\s+(?P<ubare>الاسبوع|الشهر|العام|السنه)(?!\s+\d)"),
        ("decade", rf"(?P<dec>{alt(lx.DECADE_WORDS)})(?:\s+(?:من\s+)?القرن\s+(?P<decc>{alt(lx.CENTURY_ORDINALS)}|"
                   rf"{LAST}|{THIS}))?|القرن\s+(?P<cen>{alt(lx.CENTURY_ORDINALS)}|{LAST}|{NEXT}|{THIS})"),
        ("season", rf"(?:(?P<sef>فصل)\s+)?(?P<se>{alt(lx.SEASONS)})(?:\s+(?P<sem>{REL_MOD})|\s+(?:عام\s+|العام\s+)?(?P<sey>{YEAR_NUM}))?"),
        ("half", rf"(?P<hq>النصف|الربع)\s+(?P<hqo>{alt(lx.ORDINALS)})\s+(?:من\s+)?(?:(?:(?:ال)?عام|(?:ال)?سنه)"
                 rf"(?:\s+(?P<hqy>{YEAR_NUM})|\s+(?P<hqm>{REL_MOD}))?|(?P<hqy2>{YEAR_NUM}))"),
        ("holiday", rf"(?P<hol>{alt(lx.HOLIDAYS)})(?:\s+(?:المبارك|السعيد))?(?:\s+(?P<holmod>{REL_MOD})|"
                    rf"\s+(?:لعام\s+|عام\s+)?(?P<holy>\d{{4}}))?"),
        ("ref", alt(lx.REFERENCE_WORDS).replace(r"\ ", r"\s+")),
    ]


def _compile() -> re.Pattern[str]:
    body = "|".join(f"(?P<k_{name}>{pat})" for name, pat in _families())
    # Clitics (و ف then ب ل ك) sit outside the span; the article of "للعام" is the second lam.
    return re.compile(rf"(?<!\w)(?:[وف]?[بلك]?)(?P<x>{body}){END}")


MATCHER = _compile()
FAMILIES = tuple(name for name, _ in _families())
