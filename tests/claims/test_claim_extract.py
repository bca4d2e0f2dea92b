"""Claim extraction on sentences written for these tests (none taken from ../shared)."""

from __future__ import annotations

from rasad.model import Mention


def _one(claims, source_part: str):  # type: ignore[no-untyped-def]
    hits = [c for c in claims if source_part in c.source.text]
    assert hits, [c.source.text for c in claims]
    return hits[0]


def test_vso_verb_with_that_clause(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وذكرت وكالة الأنباء الأردنية أن الوزير وصل إلى بغداد صباح الخميس.")
    assert len(claims) == 1
    c = claims[0]
    assert c.kind == "indirect"
    assert c.source.text == "وكالة الأنباء الأردنية"
    assert c.cue.text == "ذكرت"
    assert c.content.text == "الوزير وصل إلى بغداد صباح الخميس"


def test_svo_with_kana_qad(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract('وكانت صحيفة "الأيام" المحلية قد أفادت بأن الجسر أغلق أمام حركة السير.')
    c = _one(claims, "صحيفة")
    assert c.source.text == 'صحيفة "الأيام" المحلية'
    assert c.content.text == "الجسر أغلق أمام حركة السير"


def test_descriptor_source_stops_before_object(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("ووصفت صحف إقليمية الاتفاق الجديد بالمهم، لا سيما أنه الأول منذ سنوات.")
    c = _one(claims, "صحف")
    assert c.source.text == "صحف إقليمية"
    assert c.content.text == "الاتفاق الجديد بالمهم"


def test_according_to_after_and_before_its_clause(extract) -> None:  # type: ignore[no-untyped-def]
    text = "ويشارك في المؤتمر مئة وفد وفق مصادر دبلوماسية، من بينهم وزراء المالية بحسب وكالة أنباء الإمارات."
    claims = extract(text)
    assert [c.kind for c in claims] == ["according_to", "according_to"]
    first, second = claims
    assert first.source.text == "مصادر دبلوماسية" and first.source.anonymous
    assert first.content.text == "ويشارك في المؤتمر مئة وفد"
    assert second.source.text == "وكالة أنباء الإمارات"
    assert second.content.text == "من بينهم وزراء المالية"
    before = extract("وبحسب وزارة الصحة، ارتفع عدد المصابين إلى أربعين.")[0]
    assert before.source.text == "وزارة الصحة"
    assert before.content.text == "ارتفع عدد المصابين إلى أربعين"


def test_prepositional_cue_needs_a_source_noun(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("وسيجري تطبيق القرار وفق القانون الجديد.") == []
    assert extract("يحضر الطالب المحاضرة كل يوم بعد أن قال أستاذه ذلك.") == []


def test_direct_quotation_after_colon_and_before_verb(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وقال وزير الزراعة في مؤتمر صحفي: «لن نستورد القمح هذا العام». وأضاف أن المخزون يكفي.")
    assert [c.kind for c in claims] == ["direct", "indirect"]
    assert claims[0].content.text == "لن نستورد القمح هذا العام"
    # the second report has no subject: its speaker is the one named just before
    assert claims[1].source.text == claims[0].source.text == "وزير الزراعة"
    assert claims[1].content.text == "المخزون يكفي"
    before = extract("«سنعيد بناء المدرسة»، قال رئيس البلدية للصحفيين.")
    assert before[0].kind == "direct" and before[0].source.text == "رئيس البلدية"
    assert before[0].content.text == "سنعيد بناء المدرسة"


def test_relay_keeps_both_claims(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("ونقلت وكالة رويترز عن مصدر أمني رفض الكشف عن اسمه أن المحادثات توقفت.")
    outer, inner = claims
    assert outer.source.text == "وكالة رويترز" and outer.via is None
    assert inner.source.text == "مصدر أمني رفض الكشف عن اسمه" and inner.source.anonymous
    assert inner.via == outer.id
    assert inner.content == outer.content and outer.content.text == "المحادثات توقفت"
    relayed = extract("وقالت الشرطة نقلا عن شهود عيان إن اللصوص فروا بسيارة.")
    assert [c.source.text for c in relayed] == ["الشرطة", "شهود عيان"]
    assert relayed[1].via == relayed[0].id


def test_sabaqa_source_and_clause_boundary(extract) -> None:  # type: ignore[no-untyped-def]
    text = 'وسبق للبنك المركزي أن حذر المصارف من أنها "ستواجه العقوبات" إذا خالفت القواعد، كما واعتبرت وزارة المالية أمس أن القرار ضروري.'
    first, second = extract(text)
    assert first.source.text.endswith("بنك المركزي")
    assert "ستواجه العقوبات" in first.content.text and "وزارة" not in first.content.text
    assert second.source.text == "وزارة المالية"
    assert second.content.text == "القرار ضروري"


def test_stance_verb_with_source_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "إلا أن دولا أوروبية وفي مقدمها فرنسا، تخشى من تدفق المهاجرين عبر الحدود، لا سيما بعد الحرب."
    (c,) = extract(text)
    assert c.source.text == "دولا أوروبية وفي مقدمها فرنسا"
    assert c.content.text == "تدفق المهاجرين عبر الحدود"


def test_passive_and_negated_cues(extract) -> None:  # type: ignore[no-untyped-def]
    (c,) = extract("وأفيد بأن حريقا اندلع قرب الميناء.")
    assert c.source.anonymous and c.source.text == "أفيد"
    assert c.content.text == "حريقا اندلع قرب الميناء"
    assert extract("ولم يذكر التقرير أن الأسعار ارتفعت.") == []


def test_participle_continues_the_speaker(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وأكدت مصادر مطلعة أن الملك سيزور باريس الشهر المقبل، مضيفة أن الزيارة ستستغرق يومين.")
    assert [c.content.text for c in claims] == ["الملك سيزور باريس الشهر المقبل", "الزيارة ستستغرق يومين"]
    assert all(c.source.text == "مصادر مطلعة" and c.source.anonymous for c in claims)


def test_post_marker_puts_content_before(extract) -> None:  # type: ignore[no-untyped-def]
    (c,) = extract("وصل الوفد إلى عمّان مساء السبت، حسبما ذكرت وكالة الأنباء الرسمية.")
    assert c.kind == "according_to"
    assert c.source.text == "وكالة الأنباء الرسمية"
    assert c.content.text == "وصل الوفد إلى عمّان مساء السبت"


def test_mentions_give_the_source_its_entity(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده سترسل مساعدات."
    start = text.index("إيمانويل")
    mention = Mention("m1", start, start + len("إيمانويل ماكرون"), "إيمانويل ماكرون", "PER", "Q3052772")
    (c,) = extract(text, mentions=[mention])
    assert c.source.text == "الرئيس الفرنسي إيمانويل ماكرون"
    assert c.source.entity == "Q3052772"
    (bare,) = extract(text)
    assert bare.source.entity is None and bare.source.text == "الرئيس الفرنسي"


def test_two_names_in_a_row_are_subject_and_object(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وتتهم طهران الرياض بتمويل الجماعات المسلحة."
    a, b = text.index("طهران"), text.index("الرياض")
    mentions = [
        Mention("m1", a, a + 5, "طهران", "GPE", "Q3616"),
        Mention("m2", b, b + 6, "الرياض", "GPE", "Q3692"),
    ]
    (c,) = extract(text, mentions=mentions)
    assert c.source.text == "طهران" and c.source.entity == "Q3616"
    assert c.content.text == "الرياض بتمويل الجماعات المسلحة"


def test_no_claims_without_cues(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("انخفضت درجات الحرارة في المدينة إلى ما دون الصفر ليلة الجمعة.") == []


def test_background_formulas_and_relative_clauses_are_not_reports(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("ويذكر أن المصنع افتتح قبل عشرين عاما.") == []
    # the phrase after a verb in a relative clause is its object, not its speaker
    assert extract("ورغم الأصوات الكثيرة التي تتهم الحكومة بالتقصير، استمر العمل في المشروع.") == []
    # a verb inside a clause (مؤشرات تشير إلى أن) does not inherit the previous speaker
    claims = extract("وقال الوزير إن الوضع مستقر. وليس هناك مؤشرات تشير إلى أن الأزمة ستتفاقم.")
    assert [c.cue.text for c in claims] == ["قال"]


def test_according_inside_a_report_shares_its_content(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وقال رئيس الوزراء بحسب صحيفة «الأيام» «إن الحكومة لن تستقيل».")
    assert [c.kind for c in claims] == ["direct", "according_to"]
    assert claims[0].source.text == "رئيس الوزراء" and claims[1].source.text == "صحيفة «الأيام»"
    assert claims[0].content == claims[1].content and claims[0].content.text == "الحكومة لن تستقيل"


def test_quotation_closing_an_earlier_report_is_not_reused(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract('ذكرت صحف محلية أن الرئيس "في صحة جيدة" وأكد عضو في مكتبه الأمر.')
    assert [c.source.text for c in claims] == ["صحف محلية"]


def test_elided_speaker_comes_from_the_sentence_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = "من جهته، انتقد وزير الخارجية الإيطالي القرار بشدة. وقال في مؤتمر صحفي إن بلاده سترد بالمثل."
    (c,) = extract(text)
    assert c.source.text == "وزير الخارجية الإيطالي"
    assert c.content.text == "بلاده سترد بالمثل"


def test_object_verb_inside_a_clause_takes_the_subject_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وتقول مصادر إن كبار المسؤولين الإيرانيين يتهمون الحكومة السابقة بالكذب.")
    inner = [c for c in claims if c.cue.text == "يتهمون"]
    assert inner and inner[0].source.text == "كبار المسؤولين الإيرانيين"
    assert inner[0].content.text == "الحكومة السابقة بالكذب"


def test_hypothetical_cues_report_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("لقد حان الوقت لكي يقول العرب للعالم إن الظلم انتهى.") == []
    assert extract("قد يرى البعض أن القرار خاطئ.") == []


def test_spokesman_of_a_definite_body(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("وقالت المتحدثة باسم الحكومة إن الاجتماع تأجل إلى الأسبوع المقبل.")
    assert [c.source.text for c in claims] == ["المتحدثة باسم الحكومة"]
    # a clitic preposition after باسم is not part of the name of the body
    claims = extract("وقال المتحدث باسمهم بالأمس إن الاجتماع تأجل.")
    assert all("بالأمس" not in c.source.text for c in claims)


def test_prepositional_cue_with_a_common_noun_is_not_an_attribution(extract) -> None:  # type: ignore[no-untyped-def]
    # KB name words include common nouns (خطة، اتفاقية، البرنامج); they do not make a source for وفق/استنادًا إلى
    assert extract("وتجري أعمال الصيانة في الطرق الرئيسية وفق خطة زمنية معينة.") == []
    assert extract("وخفضت الشركة ضرائبها بشكل كبير، استنادا إلى اتفاقية في عام 2001.") == []
    assert extract("وسيواصل الفريق تدريباته في المعسكر وفق البرنامج المعد من الجهاز الفني.") == []
    kept = extract("وخفضت الشركة ضرائبها بشكل كبير، استنادا إلى وثائق حكومية.")
    assert [c.source.text for c in kept] == ["وثائق حكومية"]


def test_second_person_pronoun_object_before_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    claims = extract("ويرى فيكم المراقبون أنكم الأمل الأخير للحل.")
    assert [c.source.text for c in claims] == ["المراقبون"]
