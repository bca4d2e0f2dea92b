"""Calendar arithmetic and TIMEX3 value formatting, always relative to an explicit anchor date."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri


def fmt_date(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(d: dt.date, months: int) -> dt.date:
    """First day of the month ``months`` away (only the month matters to callers)."""
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift(anchor: dt.date, unit: str, n: int) -> str | None:
    """TIMEX3 value of the calendar unit ``n`` steps from ``anchor`` (negative = past).

    The granularity follows the unit: years give "2019", months "2023-08", weeks "2023-W36",
    days a full date, decades "201", centuries "20".  Sub-day units are not resolvable without a
    publication time, so they return None.
    """
    try:
        if unit == "Y":
            return f"{anchor.year + n:04d}"
        if unit == "M":
            m = add_months(anchor, n)
            return f"{m.year:04d}-{m.month:02d}"
        if unit == "W":
            return fmt_week(anchor + dt.timedelta(weeks=n))
        if unit == "D":
            return fmt_date(anchor + dt.timedelta(days=n))
        if unit == "DE":
            return f"{(anchor.year // 10 + n):03d}"
        if unit == "CE":
            return f"{(anchor.year // 100 + n):02d}"
    except (OverflowError, ValueError):
        return None
    return None


def shift_ago(anchor: dt.date, unit: str, n: int) -> str | None:
    """Value for "n units ago/later": the same as ``shift`` but decades/centuries count in years."""
    if unit == "DE":
        year = anchor.year + 10 * n
        return f"{year // 10:03d}" if 0 < year < 10000 else None
    if unit == "CE":
        year = anchor.year + 100 * n
        return f"{year // 100:02d}" if 0 < year < 10000 else None
    return shift(anchor, unit, n)


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, P2W, PT5H, PT30M, P2DE, PXY for an unspecified count."""
    count = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    return f"P{count}{unit}"


def weekday_date(anchor: dt.date, weekday: int, direction: int, strict: bool = False) -> dt.date:
    """The date of ``weekday`` relative to ``anchor``.

    direction +1: the next one (today counts unless ``strict``); -1: the last one (today counts
    unless ``strict``); 0: the nearest, within three days either side.
    """
    delta = (weekday - anchor.weekday()) % 7  # 0..6 days ahead
    if direction > 0:
        if strict and delta == 0:
            delta = 7
        return anchor + dt.timedelta(days=delta)
    if direction < 0:
        back = (anchor.weekday() - weekday) % 7
        if strict and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=delta if delta <= 3 else delta - 7)


def nearest_year_for(
    anchor: dt.date, month: int, day: int | None, direction: int = 0, tense: int = 0
) -> int | None:
    """Year for a day/month given without one: the nearest, or the next/previous when told.

    ``tense`` (+1/-1 from the clause's verb) only decides when the nearest candidate is more than
    four months away, i.e. when "nearest" is close to a coin toss.
    """
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = dt.date(year, month, day or 15)
        except ValueError:
            continue
        diff = (cand - anchor).days
        if direction > 0 and (cand.year, cand.month) <= (anchor.year, anchor.month):
            continue
        if direction < 0 and (cand.year, cand.month) >= (anchor.year, anchor.month):
            continue
        if best is None or abs(diff) < best[0]:
            best = (abs(diff), year)
    if direction == 0 and tense and best and best[0] > 120:
        return nearest_year_for(anchor, month, day, tense)
    return best[1] if best else None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_year_of(d: dt.date) -> int | None:
    try:
        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (OverflowError, ValueError):
        return None


def hijri_month_value(year: int, month: int) -> str | None:
    """A Hijri month straddles two Gregorian months; report the Gregorian month of its 15th day."""
    mid = hijri_to_gregorian(year, month, 15)
    return f"{mid.year:04d}-{mid.month:02d}" if mid else None


def hijri_year_value(year: int) -> str | None:
    """A Hijri year straddles two Gregorian years; report the one holding its middle (mid-Rajab)."""
    mid = hijri_to_gregorian(year, 7, 1)
    return f"{mid.year:04d}" if mid else None
