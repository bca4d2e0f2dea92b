"""Context cues the linker reads around a mention: person titles, place/travel cues, actor cues, saying verbs.

Metonymy rule (kept simple and general): a capital city stands for its state (mention kind "metonym") only with
positive evidence that it acts — the subject of a verb right before it (حذرت موسكو، وتتفاوض طهران، زودت موسكو)
or right after it (الرياض ترحب), the subject after إن/أن, a partner/target preposition (مع، ضد، على، لدى، تجاه; بين after a relation noun: العلاقات بين باريس وطهران), the dative clitic
(لبيونغيانغ), a relation noun it governs as possessor (حرب موسكو، نظام طهران، علاقات …), or "من" after a noun
of communication or pressure (تحذيرات من واشنطن). It stays the city when the words around it make it a place —
a locative preposition (في، إلى، من، عبر …, or the clitic ب: بموسكو), a verb of travel (غادر، وصل، زار …),
a place or institution noun (مدينة، العاصمة، منطقة، غرفة، مؤتمر …), a dateline dash (الرياض - واس، … – كابول); agreements and talks are named after their venue (اتفاق فيينا) — and
when nothing decides (جريدة الرياض، يزور الجبير موسكو): a place name is a place unless shown to act.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasad.model import Token
from rasad.text.normalize import normalize_key, word_set

PERSON_TITLES = word_set(
    "الرئيس رئيس الزعيم زعيم وزير الوزير وزيرة الملك ملك الملكة ملكة الأمير أمير الأميرة أميرة الشيخ السيد السيدة المستشار المستشارة "
    "نائب الجنرال الفريق اللواء العميد العقيد المتحدث الناطق السفير المبعوث الأمين القائد قائد رئيسة المرشد "
    "الإمام البابا الرئيسة المدير مدير الدكتور د النائب السيناتور الحاكم حاكم ولي العهد المندوب الحاج الحاجة السلطان"
)
PLACE_PREPOSITIONS = word_set("في الى إلى من حتى نحو عبر قرب داخل خارج أنحاء ضواحي وسط شمال جنوب شرق غرب حول")
PLACE_NOUNS = word_set(
    "مدينة المدينة العاصمة بلدة قرية محافظة ولاية مطار شوارع سكان أهالي مقر منطقة إمارة أمانة بلدية شرطة غرفة "
    "بنك بورصة جامعة مؤتمر قمة مهرجان معرض ماراثون نادي فندق ميناء هجمات هجوم تفجيرات انفجار مترو شرق غرب"
)
ACTOR_PREPOSITIONS = word_set("مع ضد على لدى تجاه إن أن لأن")  # إن/أن introduce a subject
RELATION_NOUNS = word_set(
    "حرب سياسة سياسات موقف مواقف حكومة نظام قرار قرارات دعم عقوبات علاقات تطبيع حليف حلفاء "
    "قيام سعي رغبة تدخل جهود اعتراف رفض موافقة مطالب شروط قلق مخاوف استعداد نفوذ دور"
)
# بين X وY joins actors after these nouns (العلاقات بين باريس وطهران), places otherwise (الطريق بين دمشق وحلب).
BETWEEN_ACTOR_NOUNS = RELATION_NOUNS | word_set(
    "تقارب خلاف خلافات توتر توترات محادثات حوار مفاوضات اتفاق صفقة تعاون لقاء قمة مواجهة أزمة حرب نزاع صراع"
)
NOT_VERBS = word_set("وقت بيت صوت ذات تحت سبت بنت اخت كانت")
TRAVEL_VERBS = word_set(
    "غادر غادرت يغادر تغادر وصل وصلت يصل تصل زار زارت يزور تزور توجه توجهت يتوجه تتوجه عاد عادت يعود تعود "
    "سافر سافرت يسافر قدم قدمت هبط هبطت حل حلت حط حطت دخل دخلت يدخل انتقل انتقلت زيارة رحلة"
)
SOURCE_NOUNS = word_set(
    "تحذيرات تحذير انتقادات انتقاد اتهامات اتهام دعوات دعوة مطالبات مطالبة تهديدات تهديد ضغوط ضغط رد ردا "
    "موقف عرض عروض طلب طلبات شكوى احتجاج تصريحات بيان دعم مساعدات"
)
SAYING_VERBS = word_set(
    "قال قالت أعلن أعلنت أكد أكدت حذر حذرت ذكر ذكرت أفاد أفادت اعتبر اعتبرت أدان أدانت نفى نفت رحب رحبت "
    "دعا دعت طالب طالبت أوضح أوضحت أشار أشارت اتهم اتهمت رفض رفضت هدد هددت قرر قررت تقول يقول تحذر تعلن"
)
DATELINE_MARKS = frozenset("-–—:(")
QUOTES = frozenset("\"«»“”'‘’")


def previous_word(tokens: Sequence[Token], i: int) -> int | None:
    """Index of the nearest word token before i, skipping quotes (None at a sentence break or the start)."""
    j = i - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in QUOTES:
        j -= 1
    if j < 0 or tokens[j].kind not in ("word", "latin"):
        return None
    return j


def _forms(tok: Token) -> tuple[str, ...]:
    """The token's whole normalised form, its stem, and the stem with the article when it has one."""
    if tok.prefix.endswith("ال"):
        return tok.norm, tok.stem, "ال" + tok.stem
    return tok.norm, tok.stem


def is_place_use(tokens: Sequence[Token], i: int) -> bool:
    """True when the city name at token i is a place (travel, location) rather than its state acting."""
    tok = tokens[i]
    if "ب" in tok.prefix.split("+"):
        return True  # بموسكو: "in Moscow"
    if (i + 1 < len(tokens) and tokens[i + 1].text in DATELINE_MARKS) or (
        i > 0 and tokens[i - 1].text in "-–—"
    ):
        return True  # a dateline: الرياض - واس، عين اليوم – كابول
    j = previous_word(tokens, i)
    if j is None:
        return False
    prev_forms = _forms(tokens[j])
    if tokens[j].stem == "بين":
        return not _between_actors(tokens, j)
    if any(f in PLACE_PREPOSITIONS for f in prev_forms):
        if normalize_key(tokens[j].stem) == "من":
            k = previous_word(tokens, j)
            if k is not None and any(f in SOURCE_NOUNS for f in _forms(tokens[k])):
                return False
        return True
    if any(f in TRAVEL_VERBS or f in PLACE_NOUNS for f in prev_forms):
        return True
    # An apposition with an adjective between: العاصمة الروسية موسكو.
    k = previous_word(tokens, j)
    return (
        k is not None
        and tokens[j].norm.endswith(("ي", "يه"))
        and any(f in PLACE_NOUNS for f in _forms(tokens[k]))
    )


def _between_actors(tokens: Sequence[Token], j: int) -> bool:
    k = previous_word(tokens, j)
    return k is not None and any(f in BETWEEN_ACTOR_NOUNS for f in _forms(tokens[k]))


def _looks_like_verb(tok: Token) -> bool:
    """A finite verb before a name: past 3rd fem. (حذرت، زودت، قاطعتها) or imperfect (تتفاوض، يرفض)."""
    if tok.prefix.endswith("ال") or len(tok.stem) < 4 or tok.stem in NOT_VERBS:
        return False
    if tok.stem.endswith("ت") and not tok.stem.endswith("ات"):
        return True
    return tok.stem[0] in "تي" and not tok.stem.endswith(("ات", "ه"))


def is_state_actor(tokens: Sequence[Token], i: int) -> bool:
    """True when the capital at token i acts for its state (see the module docstring)."""
    if is_place_use(tokens, i):
        return False
    tok = tokens[i]
    if tok.prefix.split("+")[-1:] == ["ل"]:
        return True  # الحليف التاريخي لبيونغيانغ
    nxt = i + 1
    if nxt < len(tokens) and tokens[nxt].kind == "word":
        after = tokens[nxt]
        if any(f in SAYING_VERBS for f in _forms(after)) or (not after.prefix and _looks_like_verb(after)):
            return True  # subject first: موسكو تحذر، الرياض ترحب
    j = previous_word(tokens, i)
    if j is None:
        return False
    forms = _forms(tokens[j])
    if any(f in ACTOR_PREPOSITIONS or f in RELATION_NOUNS or f in SAYING_VERBS for f in forms):
        return True
    if tokens[j].stem == "بين":
        return _between_actors(tokens, j)
    if tokens[j].stem == "من":
        k = previous_word(tokens, j)
        return k is not None and any(f in SOURCE_NOUNS for f in _forms(tokens[k]))
    return _looks_like_verb(tokens[j])


def has_title_before(tokens: Sequence[Token], i: int, skip: frozenset[int] = frozenset()) -> bool:
    """A person title within three words before token i (tokens in `skip` — e.g. a nisba — are passed over)."""
    j = previous_word(tokens, i)
    steps = 0
    while j is not None and steps < 3:
        if any(f in PERSON_TITLES for f in _forms(tokens[j])):
            return True
        if j not in skip:
            return False
        j = previous_word(tokens, j)
        steps += 1
    return False


def after_saying_verb(tokens: Sequence[Token], i: int) -> bool:
    j = previous_word(tokens, i)
    return j is not None and any(f in SAYING_VERBS for f in _forms(tokens[j]))
