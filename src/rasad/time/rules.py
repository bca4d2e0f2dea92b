"""Per-family interpretation of a matcher hit: which part is the span, its TIMEX3 type and value.

Every function takes the regex match (over the normalised view), the view text and the anchor date
(or None) and returns a list of ``Found`` (normalised offsets); an empty list rejects the hit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from rasad.time import lexicon as lx
from rasad.time import patterns as pt
from rasad.time import resolve as rv
from rasad.time.context import weekday_direction


class Found(NamedTuple):
    start: int
    end: int
    type: str
    value: str | None


Match = re.Match[str]
Rule = Callable[[Match, str, dt.date | None], list[Found]]

_WEEKDAY_RE = re.compile(pt.WEEKDAY)
_LAST = frozenset(lx.LAST_WORDS)
_NEXT = frozenset(lx.NEXT_WORDS)
_DAY_OFFSETS = {
    "اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "اول امس": -2, "اول من امس": -2, "امس الاول": -2,
    "غدا": 1, "الغد": 1, "غد": 1, "بعد غد": 2, "بعد الغد": 2,
}
_NUMBER_PARTS = {**lx.NUMBER_WORDS, **lx.TENS_WORDS, **lx.HUNDRED_WORDS,
                 "احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_VAGUE = frozenset(lx.VAGUE_QUANTITIES)
NEXT_TOKEN_RE = re.compile(r"\s*(\S+)")


def squash(s: str) -> str:
    return " ".join(s.split())


def direction_of(mod: str | None) -> int:
    if not mod:
        return 0
    mod = squash(mod)
    return -1 if mod in _LAST else 1 if mod in _NEXT else 0


def parse_number(s: str) -> float | None:
    """'75', '1.5', 'خمسه وسبعين', 'ثلاثه عشر', 'مئه وعشرين' → number; vague quantities → None."""
    s = squash(s)
    if s[:1].isdigit():
        try:
            return float(s.replace(",", "."))
        except ValueError:
            return None
    if s in _VAGUE:
        return None
    total = 0
    for tok in s.split(" "):
        if tok not in _NUMBER_PARTS and tok.startswith("و"):
            tok = tok[1:]
        if not tok:
            continue
        if tok not in _NUMBER_PARTS:
            return None
        total += _NUMBER_PARTS[tok]
    return float(total) if total else None


def _quantity(m: Match, p: str) -> tuple[float | None, str, int] | None:
    """(count or None if vague, unit letter, direction of a trailing الماضية/المقبلة)."""
    g = m.group
    if g(p + "u"):
        return parse_number(g(p + "n")), lx.UNIT_FORMS[squash(g(p + "u"))][0], 0
    if g(p + "du"):
        return 2.0, lx.UNIT_FORMS[g(p + "du")][0], direction_of(g(p + "dm"))
    if g(p + "pu"):
        return parse_number(g(p + "pn")), lx.UNIT_FORMS[g(p + "pu")][0], direction_of(g(p + "pm"))
    if g(p + "vu"):
        return None, lx.UNIT_FORMS[g(p + "vu")][0], 0
    return None


def span_of(m: Match, fam: str, typ: str, value: str | None) -> list[Found]:
    return [Found(m.start("k_" + fam), m.end("k_" + fam), typ, value)]


def _weekday_value(m: Match, norm: str, pub: dt.date | None, start: int, mod: str | None) -> tuple[str | None, dt.date | None]:
    wd_match = _WEEKDAY_RE.search(m.group(0))
    if wd_match is None:
        return None, None
    wd = lx.WEEKDAYS[wd_match.group(0)]
    if pub is None:
        return f"XXXX-WXX-{wd + 1}", None
    mod_dir = direction_of(mod)
    if mod_dir:
        day = rv.weekday_date(pub, wd, mod_dir, strict=True)
    elif mod:  # الحالي / الجاري: this week's
        day = rv.weekday_date(pub, wd, 0)
    else:
        day = rv.weekday_date(pub, wd, weekday_direction(norm, start, m.end()))
    return rv.fmt_date(day), day


# "الاثنين" is also "the two": "بين الاثنين", "كلا الاثنين", "الاثنين معا".
_THE_TWO_BEFORE_RE = re.compile(r"(?:بين|كلا|هذين|هذان|من)\s+$")
# ... and "الاثنين المقبوض عليهما": a definite participle after it (other than the day's own
# modifiers, which the matcher has already taken into the span, or الموافق) means "the two".
_THE_TWO_AFTER_RE = re.compile(r"\s+(?:معا|منهما|كليهما|ال(?!موافق|ساعه|ماضي|مقبل|قادم|حالي|جاري)\w+)(?!\w)")


def rule_weekday(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    start = m.start("k_weekday")
    if "اثنين" in m.group("k_weekday") and not m.group("k_weekday").startswith("يوم") and (
        _THE_TWO_BEFORE_RE.search(norm, max(0, start - 8), start) or _THE_TWO_AFTER_RE.match(norm, m.end())
    ):
        return []
    value, _ = _weekday_value(m, norm, pub, m.start("k_weekday"), m.group("wdm_w"))
    return span_of(m, "weekday", "DATE", value)


def rule_day_rel(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    offset = _DAY_OFFSETS[squash(m.group("rr"))]
    if pub is None and m.group("rw"):  # "أمس الإثنين" without a date still names the weekday
        wd = lx.WEEKDAYS[m.group("rw")] + 1
        return span_of(m, "day_rel", "DATE", f"XXXX-WXX-{wd}")
    day = pub + dt.timedelta(days=offset) if pub else None
    if m.group("rpa"):
        suffix = lx.PART_OF_DAY_ADVERBS[m.group("rpa")]
        return span_of(m, "day_rel", "TIME", f"{rv.fmt_date(day)}T{suffix}" if day else None)
    return span_of(m, "day_rel", "DATE", rv.fmt_date(day) if day else None)


def rule_pod_day(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    suffix = lx.PARTS_OF_DAY[squash(m.group("pn"))]
    start = m.start("k_pod_day")
    value: str | None
    if m.group("pr") and pub is None and m.group("pw"):  # "مساء اليوم الأحد" still names the weekday
        value = f"XXXX-WXX-{lx.WEEKDAYS[m.group('pw')] + 1}T{suffix}"
    elif m.group("pr"):
        offset = _DAY_OFFSETS[squash(m.group("pr"))]
        value = f"{rv.fmt_date(pub + dt.timedelta(days=offset))}T{suffix}" if pub else None
    else:
        date_value, _ = _weekday_value(m, norm, pub, start, m.group("wdm_p"))
        value = f"{date_value}T{suffix}" if date_value else None
    return span_of(m, "pod_day", "TIME", value)


def rule_pod_this(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    word = m.group("ptn") or m.group("ptl")
    suffix = {"الصباح": "MO", "المساء": "EV", "الليله": "NI"}[word]
    offset = -1 if direction_of(m.group("ptm")) < 0 else 0
    value = f"{rv.fmt_date(pub + dt.timedelta(days=offset))}T{suffix}" if pub else None
    return span_of(m, "pod_this", "TIME", value)


def _clock_hour_minute(m: Match) -> tuple[int, int] | None:
    g = m.group
    hour = lx.HOUR_ORDINALS[squash(g("th"))] if g("th") else int(g("tn") or g("tn2"))
    minute = int(g("tm") or g("tm2") or 0)
    if g("tfr"):
        minute = lx.MINUTE_FRACTIONS[g("tfr")]
    elif g("tmin"):
        n = parse_number(g("tmin"))
        minute = int(n) if n is not None else 0
    elif g("tless"):
        minute = 60 - (15 if "ربع" in g("tless") else 20)
        hour = (hour - 1) % 24 or 12
    pod = lx.PART_OF_DAY_ADVERBS.get(g("tpa") or "") or lx.PARTS_OF_DAY.get(squash(g("tpn") or ""))
    # Afternoon/evening hours are written 1-11; night 6-11 means 18-23 (2 at night stays 02); noon 1-5 → 13-17.
    afternoon = pod in ("AF", "EV") and hour < 12
    if afternoon or (pod == "NI" and 6 <= hour < 12) or (pod == "MI" and hour <= 5):
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return hour % 24, minute


def rule_clock(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    hm = _clock_hour_minute(m)
    if hm is None:
        return []
    clock = f"T{hm[0]:02d}:{hm[1]:02d}"
    # The day may come before ("الاثنين الساعة العاشرة") or after ("الساعة 9 من صباح اليوم").
    ref_text = m.group("tref") or m.group("tpre")
    if not ref_text:
        return span_of(m, "clock", "TIME", clock)
    ref = squash(ref_text)
    date_value: str | None
    if ref in _DAY_OFFSETS:
        date_value = rv.fmt_date(pub + dt.timedelta(days=_DAY_OFFSETS[ref])) if pub else None
    else:
        date_value, _ = _weekday_value(m, norm, pub, m.start("k_clock"), None)
    return span_of(m, "clock", "TIME", date_value + clock if date_value else None)


def rule_ago(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    q = (None, lx.UNIT_FORMS[m.group("avp")][0], 0) if m.group("avp") else _quantity(m, "a")
    if q is None:
        return []
    n, unit, _ = q
    sign = -1 if m.group("ag") == "قبل" else 1
    vague = "PAST_REF" if sign < 0 else "FUTURE_REF"
    if pub is None or n is None or unit in ("H", "MIN", "S") or not float(n).is_integer():
        return span_of(m, "ago", "DATE", vague)
    return span_of(m, "ago", "DATE", rv.shift_ago(pub, unit, sign * int(n)) or vague)


def rule_duration(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    q = _quantity(m, "q")
    if q is None:
        return []
    n, unit, _ = q
    return span_of(m, "duration", "DURATION", rv.duration(n, unit))


def rule_dur_lead(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    # The preposition (منذ، لمدة، خلال) is a signal, not part of the expression.
    if m.group("dls"):
        value = rv.duration(1, lx.UNIT_FORMS[m.group("dls")][0])
    else:
        value = rv.duration(None, lx.UNIT_FORMS[m.group("dlp")][0])
    return [Found(m.start("dlbody"), m.end("k_dur_lead"), "DURATION", value)]


def rule_set(m: Match, norm: str, pub: dt.date | None) -> list[Found]:
    g = m.group
    wd = g("sw") or g("sw2") or (g("sw3") and "ال" + g("sw3"))
    if wd:
        value = f"XXXX-WXX-{lx.WEEKDAYS[wd] + 1}"
    elif g("snu"):
        value = rv.duration(parse_number(g("sn")), lx.UNIT_FORMS[g("snu")][0])
    elif g("sd"):
        value = rv.duration(2, lx.UNIT_FORMS[g("sd")][0])
    elif g("ss"):
        value = rv.duration(1, lx.UNIT_FORMS[g("ss")][0])
    else:
        value = lx.SET_WORDS[g("sa")]
    return span_of(m, "set", "SET", value)


RULES_A: dict[str, Rule] = {
    "weekday": rule_weekday, "day_rel": rule_day_rel, "pod_day": rule_pod_day, "pod_this": rule_pod_this,
    "clock": rule_clock, "ago": rule_ago, "duration": rule_duration, "dur_lead": rule_dur_lead,
    "set": rule_set,
}
