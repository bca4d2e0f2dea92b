"""rasad.time: Arabic temporal expressions, found and normalised to TIMEX3 against the publication date."""

from rasad.time.extract import TimexSpan, find_timexes

__all__ = ["TimexSpan", "find_timexes"]
