"""Rules for calendar-named expressions: dates, months, years, Hijri dates, relative units, eras."""

from __future__ import annotations

import datetime as dt
import re

from rasad.time import lexicon as lx
from rasad.time import resolve as rv
from rasad.time.context import weekday_direction
from rasad.time.rules import NEXT_TOKEN_RE, Found, Match, Rule, direction_of, span_of, squash

_MONTH_RE = re.compile(lx.alt(lx.MONTHS))
_SIGNAL_LEADS = frozenset(("في", "منذ", "حتي", "الي", "من", "خلال", "قبل", "بعد", "مع"))
# After these leads a bare four-digit number is a year whatever follows it.
_SURE_YEAR_LEADS = frozenset(("في", "منذ", "خلال"))
# Words that may follow a bare year ("2019 م", "2002 و2003", "2019 الى 2020").
_YEAR_FOLLOWERS = frozenset(("و", "الي", "حتي", "م", "او", "ثم", "وحتي", "والي", "فيما", "حين", "عندما"))
# "2005 و2010", "1910 و 1912": a bare number listed right after a year is a year too.
_YEAR_LIST_RE = re.compile(r"\d{4}\s*(?:م\s*)?(?:و|،|,|-|–|/)\s*$")
_RANGE_START_RE = re.compile(r"\d{4}\s*(?:م\s*)?$")
_ORDINAL_NUMBER = {"الاول": 1, "الاولي": 1, "الثاني": 2, "الثانيه": 2, "الثالث": 3, "الثالثه": 3,
                   "الرابع": 4, "الرابعه": 4}
_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_WEAK_HIJRI = frozenset(("صفر", "رجب", "شعبان", "رمضان", "محرم"))


def _months_in(s: str) -> list[int]:
    return [lx.MONTHS[squash(x)] for x in _MONTH_RE.findall(s)]


def _all_weak(s: str) -> bool:
    return all(squash(x) in lx.WEAK_MONTHS for x in _MONTH_RE.findall(s))


def _day_month_value(
    day: int, month: int, year: int | None, pub: dt.date | None, direction: int, tense: int = 0
) -> str | None:
    if year is None and pub is not None:
        year = rv.nearest_year_for(pub, month, day, direction, tense)
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def _month_value(month: int, year: int | None, pub: dt.date | None, mod: str | None, tense: int = 0) -> str:
    if year is None and pub is not None:
        direction = direction_of(mod)
        year = pub.year if (mod and not direction) else rv.nearest_year_for(pub, month, None, direction, tense)
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


def rule_date(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    months = _months_in(m.group("dm"))
    day = int(m.group("dd")) if m.group("dd") else lx.DAY_ORDINALS[squash(m.group("ddo"))]
    year = int(m.group("dy")) if m.group("dy") else None
    mod = m.group("dmod")
    if not months or not 1 <= day <= 31:
        return []
    direction = direction_of(mod)
    if year is None and pub is not None and mod and not direction:
        year = pub.year  # "12 أبريل الجاري"
    tense = weekday_direction(norm, m.start("k_date")) if year is None and pub and not mod else 0
    value = _day_month_value(day, months[0], year, pub, direction, tense)
    return span_of(m, "date", "DATE", value) if value else []


def rule_range_days(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    months = _months_in(m.group("rgm"))
    year = int(m.group("rgy")) if m.group("rgy") else None
    d1, d2 = int(m.group("rg1")), int(m.group("rg2"))
    if not months or not (1 <= d1 < d2 <= 31):
        return []
    mod = m.group("rgmod")
    direction = direction_of(mod)
    if year is None and pub is not None and mod and not direction:
        year = pub.year  # "10 و11 أبريل الجاري"
    v1 = _day_month_value(d1, months[0], year, pub, direction)
    v2 = _day_month_value(d2, months[0], year, pub, direction)
    return [Found(m.start("rg1"), m.end("rg1"), "DATE", v1),
            Found(m.start("rg2"), m.end("k_range_days"), "DATE", v2)]


def rule_month(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    names = m.group("mm")
    months = _months_in(names)
    paired = len(months) > 1
    if not months or (_all_weak(names) and not (m.group("mpre") or m.group("my") or paired)):
        return []
    year = int(m.group("my")) if m.group("my") else None
    tense = weekday_direction(norm, m.start("k_month")) if year is None and pub and not m.group("mmod") else 0
    return span_of(m, "month", "DATE", _month_value(months[0], year, pub, m.group("mmod"), tense))


def _nearest_hijri_year(pub: dt.date, month: int, day: int | None, direction: int) -> int | None:
    """Hijri year of the occurrence of (month, day) nearest to ``pub``, or the next/previous one."""
    base = rv.hijri_year_of(pub)
    if base is None:
        return None
    best: tuple[int, int] | None = None
    for year in (base - 1, base, base + 1):
        g = rv.hijri_to_gregorian(year, month, day or 15)
        if g is None:
            continue
        diff = (g - pub).days
        if (direction > 0 and diff <= 0) or (direction < 0 and diff >= 0):
            continue
        if best is None or abs(diff) < best[0]:
            best = (abs(diff), year)
    return best[1] if best else None


def rule_hijri(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    name = squash(m.group("hm"))
    month = lx.HIJRI_MONTHS[name]
    day = int(m.group("hd")) if m.group("hd") else lx.DAY_ORDINALS.get(squash(m.group("hdo") or ""))
    year = int(m.group("hy")) if m.group("hy") else None
    # weak names need a day, a year, "شهر" or a preposition like في/خلال before them
    if name in _WEAK_HIJRI and not (day or year or m.start("hpre") != -1 or m.group("hmod")):
        return []
    if year is None and pub is not None:
        year = _nearest_hijri_year(pub, month, day, direction_of(m.group("hmod")))
    if year is None:
        return span_of(m, "hijri", "DATE", None)
    if day is not None:
        g = rv.hijri_to_gregorian(year, month, day) if 1 <= day <= 30 else None
        return span_of(m, "hijri", "DATE", rv.fmt_date(g)) if g else []
    return span_of(m, "hijri", "DATE", rv.hijri_month_value(year, month))


def rule_holiday(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    calendar, month, day = lx.HOLIDAYS[squash(m.group("hol"))]
    direction = direction_of(m.group("holmod"))
    greg_year = int(m.group("holy")) if m.group("holy") else None
    date: dt.date | None = None
    if calendar == "G":
        if greg_year is None and pub is not None:
            greg_year = rv.nearest_year_for(pub, month, day, direction)
        if greg_year is None:
            return span_of(m, "holiday", "DATE", f"XXXX-{month:02d}-{day:02d}")
        date = dt.date(greg_year, month, day)
    elif greg_year is not None:
        # the Hijri year whose holiday falls in that Gregorian year
        base = rv.hijri_year_of(dt.date(greg_year, 6, 30))
        for hy in (base - 1, base, base + 1) if base else ():
            g = rv.hijri_to_gregorian(hy, month, day)
            if g and g.year == greg_year:
                date = g
                break
    elif pub is not None:
        near = _nearest_hijri_year(pub, month, day, direction)
        date = rv.hijri_to_gregorian(near, month, day) if near else None
    return span_of(m, "holiday", "DATE", rv.fmt_date(date) if date else None)


def rule_numeric(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    a, b, c = m.group("n1"), m.group("n2"), m.group("n3")
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        # Arabic news writes day/month/year; a first number above 12 can only be the day anyway.
        day, month, year = int(a), int(b), int(c)
        if month > 12 and day <= 12:
            day, month = month, day
    else:
        return []
    if m.group("nh"):
        g = rv.hijri_to_gregorian(year, month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None
        return span_of(m, "numeric", "DATE", rv.fmt_date(g)) if g else []
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return []
    return span_of(m, "numeric", "DATE", rv.fmt_date(d))


def rule_year(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    year = int(m.group("yy"))
    lead = squash(m.group("ylead") or "")
    start = m.start("k_year")
    explicit = bool(m.group("yah") or m.group("yad").strip())
    if lead in _SIGNAL_LEADS:
        start = m.start("yy") if m.start("k_year") == m.start("ylead") else start
    if m.group("yah"):
        value = rv.hijri_year_value(year)
        return [Found(start, m.end("k_year"), "DATE", value)] if value else []
    if not 1000 <= year <= 2100:
        return []
    sure = explicit or (lead and lead not in _SIGNAL_LEADS) or lead in _SURE_YEAR_LEADS
    if lead in ("الي", "حتي") and _RANGE_START_RE.search(norm, max(0, m.start("k_year") - 20), m.start("k_year")):
        sure = True  # "من 2000 إلى 2005"
    if not sure:
        if not 1900 <= year <= 2100:
            return []
        nxt = NEXT_TOKEN_RE.match(norm, m.end("k_year"))
        word = nxt.group(1) if nxt else ""
        after_year = _YEAR_LIST_RE.search(norm, max(0, m.start("k_year") - 24), m.start("yy"))
        if word and word[0].isalpha() and word not in _YEAR_FOLLOWERS and not (
            word.startswith("و") and word[1:2].isdigit()
        ) and not after_year:
            return []
    if lead and lead not in _SIGNAL_LEADS and 1350 <= year <= 1500:
        # Saudi and Gulf papers write Hijri years without هـ ("العام 1433"); Gregorian years in
        # that range hardly occur in news.
        value = rv.hijri_year_value(year)
        return [Found(start, m.end("k_year"), "DATE", value)] if value else []
    return [Found(start, m.end("k_year"), "DATE", f"{year:04d}")]


def rule_rel_unit(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    if m.group("uthis") or m.group("ubare"):
        unit, n = lx.CALENDAR_UNITS[m.group("uthis") or m.group("ubare")], 0
    else:
        unit, n = lx.CALENDAR_UNITS[m.group("uu")], direction_of(m.group("um"))
    value = rv.shift(pub, unit, n) if pub else None
    return span_of(m, "rel_unit", "DATE", value)


def _century_of(word: str, pub: dt.date | None) -> int | None:
    """TIMEX3 century prefix ("19" = 1900s) of an ordinal or relative century word."""
    word = squash(word)
    if word in lx.CENTURY_ORDINALS:
        return lx.CENTURY_ORDINALS[word] - 1
    if pub is None:
        return None
    return pub.year // 100 + direction_of(word)


def rule_decade(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    if m.group("dec"):
        digit = lx.DECADE_WORDS[m.group("dec")]
        century = _century_of(m.group("decc"), pub) if m.group("decc") else 19
        return span_of(m, "decade", "DATE", f"{century:02d}{digit}" if century is not None else None)
    century = _century_of(m.group("cen"), pub)
    return span_of(m, "decade", "DATE", f"{century:02d}" if century is not None else None)


def rule_season(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    word = m.group("se")
    code = lx.SEASONS[word]
    mod = m.group("sem")
    if m.group("sey"):
        year: int | None = int(m.group("sey"))
    elif word == "صيف" or (word == "الربيع" and norm.startswith("العربي", m.end("se") + 1)):
        return []  # bare construct-state "صيف" and the Arab Spring are not dates
    elif pub is None:
        year = None
    else:
        direction, start_month = direction_of(mod), _SEASON_START_MONTH[code]
        year = pub.year
        if direction < 0 and start_month >= pub.month:
            year -= 1
        elif direction > 0 and start_month <= pub.month:
            year += 1
    # "فصل" (season of) is left out of the span, as in TimeML practice: "فصل الصيف" → "الصيف".
    return [Found(m.start("se"), m.end("k_season"), "DATE", f"{year:04d}-{code}" if year else f"XXXX-{code}")]


def rule_half(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    kind = "H" if m.group("hq") == "النصف" else "Q"
    index = _ORDINAL_NUMBER.get(m.group("hqo"), 2 if kind == "H" else 4)
    if kind == "H" and index > 2:
        return []
    year_text = m.group("hqy") or m.group("hqy2")
    year: int | None = None
    if year_text:
        year = int(year_text)
    elif pub:
        year = pub.year + direction_of(m.group("hqm"))
    return span_of(m, "half", "DATE", f"{year:04d}-{kind}{index}" if year else f"XXXX-{kind}{index}")


def rule_ref(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    return span_of(m, "ref", "DATE", lx.REFERENCE_WORDS[squash(m.group("k_ref"))])


RULES_B: dict[str, Rule] = {
    "date": rule_date, "range_days": rule_range_days, "month": rule_month, "hijri": rule_hijri,
    "numeric": rule_numeric, "year": rule_year, "rel_unit": rule_rel_unit, "decade": rule_decade,
    "season": rule_season, "half": rule_half, "ref": rule_ref, "holiday": rule_holiday,
}
