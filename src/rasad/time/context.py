"""Which way a bare weekday points, read from the words just before it (normalised view).

Arabic news names days without a date ("وصل الأحد", "يلتقي الأربعاء"); the verb of the clause tells
past from future.  We look back at most a clause (to the previous sentence mark, ≤ 80 characters) and
take the nearest cue:
  future: حتى just before the day, سوف, a س-prefixed imperfect (سيلتقي), an imperfect verb (يعقد،
          ينعقد، يلتقي — any ي-initial word that is not a known noun);
  past:   منذ just before the day, a perfect verb from a list of reporting/motion verbs (وصل، غادر،
          قال …), كان/قد, or أمس.
"""

from __future__ import annotations

import re

from rasad.time.lexicon import alt

_PERFECT_STEMS = (
    "قال", "اعلن", "اكد", "وصل", "غادر", "ذكر", "اضاف", "اوضح", "اشار", "شهد", "عقد", "اجتمع", "التقي",
    "زار", "بحث", "استقبل", "توجه", "انطلق", "بدا", "جري", "تم", "قام", "افاد", "صرح", "كشف", "نفي",
    "دعا", "وقع", "ادلي", "شارك", "اختتم", "افتتح", "انتهي", "انهي", "تراس", "شن", "قتل", "اصيب",
    "سقط", "اندلع", "هاجم", "اعتقل", "اطلق", "عاد", "حضر", "نظم", "اقيم", "اقام", "اعلنت", "قالت",
    "اكدت", "وصلت", "غادرت", "نشر", "نشرت", "تلقي", "ناقش", "اصدر", "اجري", "رحب", "طالب", "حذر",
    "توفي", "رحل", "فاز", "خسر", "تعادل", "سجل", "اغلق", "ارتفع", "انخفض", "تظاهر", "احتج", "وافق",
    "اتفق", "رفض", "قرر", "اعتبر", "ابلغ", "تحدث", "ابدي", "اعرب", "نقل", "حصل", "حدث", "وقعت", "جرت",
    "كان", "كانت", "قد", "امس", "الامس", "مضي",
)
# Perfect endings: -ت, -وا, -ا, -تا, -ن.
_PAST_RE = alt(_PERFECT_STEMS)
_NOUNS_Y = ("يوم", "يونيو", "يوليو", "يونيه", "يوليه", "يناير", "يمين", "يسار", "يد", "يهود", "يورو",
            "يابان", "يونان", "يوميا", "يوميه", "يومي", "يومين", "يومان", "يوما")
# Feminine/2nd-person imperfects start with ت like many nouns (تقرير، تعاون), so only common ones count.
_IMPERFECT_T = ("تجري", "تعقد", "تنعقد", "تنطلق", "تبدا", "تستمر", "تقام", "تستضيف", "تشهد", "تنظم",
                "تصل", "تزور", "تختتم", "تفتتح", "تلتقي", "تتوجه", "تعود", "تنتهي", "تقوم", "تشارك")
_CUE_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?P<fut>سوف|[وف]?س[يتن]\w{3,}|[وف]?" + alt(_IMPERFECT_T) + r"(?:ان|ون|ين)?|[وف]?(?!" + alt(_NOUNS_Y) + r"(?!\w))ي\w{3,})"
    r"|(?P<past>[وف]?" + _PAST_RE + r"(?:ت|وا|ا|تا|ن)?)"
    r")(?!\w)"
)
# Common nouns that look like س + imperfect prefix (سياسة، سيارة، ستة، سنة، ...).
_NOT_FUTURE = re.compile(
    r"^[وف]?(?:سياس|سيار|سيد|سيطر|سينما|سيول|سيوف|سيف|سيره|سيناء|سته|ستين|ستون|سنه|سنو|سنين|سنتين|ستار|ستاد)"
)
_NEXT_WORD_RE = re.compile(r"\s*[،,]?\s*(\w+)")
_CLAUSE_BREAK = re.compile(r"[.!?؟\n؛]")
_UNTIL_RE = re.compile(r"(?:حتي|لغايه|الي\s+غايه)\s+(?:يوم\s+)?$")
_SINCE_RE = re.compile(r"منذ\s+(?:يوم\s+)?$")


def _cue_direction(text: str) -> int:
    """Direction of the last tense cue in ``text`` (0 if none)."""
    direction = 0
    for m in _CUE_RE.finditer(text):
        if m.group("past"):
            direction = -1
        elif not _NOT_FUTURE.match(m.group(0)):
            direction = 1
    return direction


def weekday_direction(norm: str, start: int, end: int | None = None) -> int:
    """+1 future, -1 past, 0 unknown for a weekday expression at ``norm[start:end]``.

    The clause before the expression decides; failing a cue there, the word right after it (Arabic
    often puts the verb after a fronted adverbial: "وفي يوم الخميس تطرح الشركة …").
    """
    lo = max(0, start - 80)
    window = norm[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    if _UNTIL_RE.search(window):
        return 1
    if _SINCE_RE.search(window):
        return -1
    direction = _cue_direction(window)
    if direction or end is None:
        return direction
    following = _NEXT_WORD_RE.match(norm, end)
    return _cue_direction(following.group(1)) if following else 0
