"""A small hand-written corpus of analysed documents (texts written for these tests, offsets computed in code).

It exercises every layer the store indexes: linked and unlinked mentions, entities with coordinates, timexes,
events with actors/recipients/locations inside claims, a syndicated near-duplicate, spelling variants of
السعودية (with ة/ه, a clitic و, a shadda, tatweel) and an article whose text and title are HTML/JS payloads.
"""

from __future__ import annotations

from rasad.model import (
    Analysis,
    Argument,
    Claim,
    ClaimSource,
    Document,
    Entity,
    Event,
    Geo,
    Mention,
    Sentence,
    Span,
    Timex,
)

PUTIN = Entity("Q7747", "PER", "فلاديمير بوتين", "Vladimir Putin", "Q7747", None, "RU", True)
KIM = Entity("Q56226", "PER", "كيم جونغ أون", "Kim Jong Un", "Q56226", None, "KP", True)
VLADIVOSTOK = Entity("Q959", "GPE", "فلاديفوستوك", "Vladivostok", "Q959", Geo(43.1155, 131.8855, "RU", 2013348), "RU", True)
RIYADH = Entity("Q3692", "GPE", "الرياض", "Riyadh", "Q3692", Geo(24.6877, 46.7219, "SA", 108410), "SA", True)
SAUDI = Entity("Q851", "GPE", "السعودية", "Saudi Arabia", "Q851", Geo(24.0, 45.0, "SA", 102358), "SA", True)
KREMLIN = Entity("local:kremlin", "ORG", "الكرملين", "Kremlin", None, None, "RU", False)

VISIT_TEXT = (
    "قال الكرملين إن الرئيس فلاديمير بوتين استقبل كيم جونغ أون في فلاديفوستوك يوم الأربعاء.\n"
    "وبحث الزعيمان التعاون العسكري بين البلدين، وناقشا مشاريع النقل والطاقة في الشرق الأقصى، "
    "واتفقا على مواصلة الاتصالات بين الوزارات المعنية خلال الأشهر المقبلة، "
    "كما تفقد الضيف منشآت صناعية ومرفأ المدينة قبل أن يغادر في المساء."
)
# A syndicated copy: same report, one word changed and a different source line.
VISIT_COPY_TEXT = VISIT_TEXT.replace("يوم الأربعاء", "صباح الأربعاء") + "\nالمصدر: وكالة أنباء."
SAUDI_TEXT = (
    "وصل وفد تجاري إلى الرياض لبحث الاستثمار مع السعوديّة. وقالت مصادر إن والسعودية عنوان المرحلة، "
    "وإن الســعودية ستستضيف المعرض."
)
# The emoji (outside the BMP: two UTF-16 units, one code point) checks that the UI maps offsets correctly.
XSS_TEXT = 'نص فيه <script>alert("x")</script> و <img src=x onerror=alert(1)> 😀 من الرياض.'
XSS_TITLE = '<img src=x onerror="window.__xss=1">عنوان'
PLAIN_TEXT = "مقال قصير عن الطقس في مدينة ساحلية بلا أسماء أعلام معروفة، ودرجات الحرارة مرتفعة."


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(text: str, mid: str, needle: str, label: str, entity: str | None, nth: int = 0) -> Mention:
    s, e = _at(text, needle, nth)
    return Mention(mid, s, e, needle, label, entity)


def _arg(text: str, needle: str, entity: str | None) -> Argument:
    s, e = _at(text, needle)
    return Argument(s, e, needle, entity)


def _visit(doc_id: str, text: str, published: str, source: str, date_word: str) -> Analysis:
    cue = _at(text, "قال")
    content_start = _at(text, "الرئيس")[0]
    content_end = text.index(".")
    trig = _at(text, "استقبل")
    ts, te = _at(text, date_word)
    claim = Claim(
        "c1", "indirect", ClaimSource(*_at(text, "الكرملين"), "الكرملين", KREMLIN.id),
        Span(*cue, "قال"), Span(content_start, content_end, text[content_start:content_end]),
    )
    consult = Event(
        "e1", "CONSULT", "visit", "042", (_arg(text, "فلاديمير بوتين", PUTIN.id),), (_arg(text, "كيم جونغ أون", KIM.id),),
        _arg(text, "فلاديفوستوك", VLADIVOSTOK.id), "2023-09-13", "asserted", Span(*trig, "استقبل"), 0, "c1",
    )
    trig2 = _at(text, "بحث")
    discuss = Event(
        "e2", "CONSULT", None, "040", (Argument(*_at(text, "الزعيمان"), "الزعيمان", None),), (), None, None,
        "asserted", Span(*trig2, "بحث"), 1, None,
    )
    first_end = text.index("\n")
    return Analysis(
        document=Document(doc_id, text, "بوتين يستقبل كيم", source, f"https://example.org/{doc_id}", published),
        sentences=(Sentence(0, first_end), Sentence(first_end + 1, len(text))),
        mentions=(
            _mention(text, "m1", "الكرملين", "ORG", KREMLIN.id),
            _mention(text, "m2", "فلاديمير بوتين", "PER", PUTIN.id),
            _mention(text, "m3", "كيم جونغ أون", "PER", KIM.id),
            _mention(text, "m4", "فلاديفوستوك", "GPE", VLADIVOSTOK.id),
        ),
        entities=(KREMLIN, PUTIN, KIM, VLADIVOSTOK),
        timexes=(Timex("t1", ts, te, text[ts:te], "DATE", "2023-09-13", "c1"),),
        events=(consult, discuss),
        claims=(claim,),
    )


def _saudi() -> Analysis:
    t = SAUDI_TEXT
    trig = _at(t, "وصل")
    return Analysis(
        document=Document("news/2023/saudi?id=7", t, "وفد تجاري في الرياض", "الرياض اليوم", None, "2023-09-14"),
        sentences=(Sentence(0, len(t)),),
        mentions=(
            _mention(t, "m1", "الرياض", "GPE", RIYADH.id),
            _mention(t, "m2", "السعوديّة", "GPE", SAUDI.id),
            _mention(t, "m3", "السعودية", "GPE", SAUDI.id),
        ),
        entities=(RIYADH, SAUDI),
        events=(
            Event("e1", "COOPERATE", None, "030", (Argument(*_at(t, "وفد تجاري"), "وفد تجاري", None),), (),
                  _arg(t, "الرياض", RIYADH.id), None, "asserted", Span(*trig, "وصل"), 0, None),
        ),
    )


def _xss() -> Analysis:
    t = XSS_TEXT
    return Analysis(
        document=Document("xss<script>", t, XSS_TITLE, "<b>source</b>", "javascript:alert(1)", "2023-09-15"),
        sentences=(Sentence(0, len(t)),),
        mentions=(
            _mention(t, "m1", '<script>alert("x")</script>', "MISC", None),
            _mention(t, "m2", "الرياض", "GPE", RIYADH.id),
        ),
        entities=(RIYADH,),
    )


def build_corpus() -> list[Analysis]:
    """Six documents; the second is a near-duplicate of the first (one story), all ids distinct."""
    return [
        _visit("visit-1", VISIT_TEXT, "2023-09-13", "وكالة أ", "يوم الأربعاء"),
        _visit("https://example.net/world/visit-copy.html", VISIT_COPY_TEXT, "2023-09-13", "صحيفة ب", "صباح الأربعاء"),
        _saudi(),
        _xss(),
        Analysis(document=Document("plain", PLAIN_TEXT, "الطقس", "وكالة أ", None, "2023-08-01"),
                 sentences=(Sentence(0, len(PLAIN_TEXT)),)),
        Analysis(document=Document("undated", "خبر بلا تاريخ عن السعودية والرياض.", None, None, None, None)),
    ]
