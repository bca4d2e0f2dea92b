"""Event extraction on our own sentences, with hand-built mentions, timexes and claims."""

from __future__ import annotations

from event_helpers import by_type, claim, timex


def test_visit_vso_with_destination_place_and_date(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وصل الرئيس التركي رجب طيب أردوغان أمس إلى القاهرة في زيارة رسمية تستمر يومين."
    events = extract(
        text,
        mentions=[("التركي", "NORP", "Q43"), ("رجب طيب أردوغان", "PER", "Q39723"), ("القاهرة", "GPE", "Q85")],
        timexes=[timex(text, "أمس", "2024-03-04")],
    )
    consult = by_type(events, "CONSULT")
    assert len(consult) == 1  # وصل … في زيارة is one happening
    ev = consult[0]
    assert ev.mode == "visit" and ev.cameo == "042" and ev.modality == "asserted"
    assert [a.entity for a in ev.actors] == ["Q39723"]
    assert ev.location is not None and ev.location.entity == "Q85"
    assert ev.date == "2024-03-04"
    assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text == "وصل"


def test_svo_plural_verb_takes_generic_actor_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الشرطة إن مسلحين مجهولين اختطفوا مهندسا أجنبيا في مدينة البصرة."
    events = extract(text, mentions=[("البصرة", "GPE", "Q48195")])
    ev = by_type(events, "ASSAULT")[0]
    assert ev.mode == "abduct"
    assert [a.text for a in ev.actors] == ["مسلحين مجهولين"] and ev.actors[0].entity is None
    assert ev.location is not None and ev.location.text == "البصرة"


def test_passive_casualty_verb_makes_victims_recipients(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("قتل 12 شخصا وأصيب آخرون في انفجار سيارة مفخخة وسط السوق.")
    assault = by_type(events, "ASSAULT")
    assert assault and not assault[0].actors
    assert "شخصا" in [r.text for r in assault[0].recipients]
    assert any(e.mode == "explosives" for e in assault)


def test_coordinated_actors_and_expected_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = "ومن المتوقع أن يلتقي ماكرون وشولتس في برلين الأسبوع المقبل."
    events = extract(
        text, mentions=[("ماكرون", "PER", "Q3052772"), ("شولتس", "PER", "Q61053"), ("برلين", "GPE", "Q64")]
    )
    ev = by_type(events, "CONSULT")[0]
    assert ev.modality == "expected"
    assert [a.entity for a in ev.actors] == ["Q3052772", "Q61053"]
    assert ev.date is None  # a forecast does not happen on the publication date


def test_relative_clause_subject_and_that_clause(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وسبق لوزارة الخارجية الفرنسية أن حذرت إيران من عواقب التصعيد."
    events = extract(text, mentions=[("وزارة الخارجية الفرنسية", "ORG", "Q1"), ("إيران", "GPE", "Q794")])
    ev = by_type(events, "THREATEN")[0]
    assert [a.entity for a in ev.actors] == ["Q1"] and [r.entity for r in ev.recipients] == ["Q794"]
    text = "وقال إن الوفد الذي زار دمشق عاد أمس."
    events = extract(text, mentions=[("الوفد", "ORG", None), ("دمشق", "GPE", "Q3766")])
    ev = by_type(events, "CONSULT")[0]
    assert [a.text for a in ev.actors] == ["الوفد"] and [r.text for r in ev.recipients] == ["دمشق"]


def test_hypothetical_conditional_and_negated(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("وتخشى أثينا من قيام أنقرة بتزويد الفصائل بطائرات مسيرة.")
    assert [e.modality for e in by_type(events, "AID")] == ["hypothetical"]
    events = extract("وهدد الوزير بالرد في حال هاجمت القوات قبرص.", mentions=[("قبرص", "GPE", "Q229")])
    assert [e.modality for e in by_type(events, "ASSAULT")] == ["conditional"]
    events = extract("ولم يلتق الرئيس نظيره اليوناني منذ عامين.", mentions=[("اليوناني", "NORP", "Q41")])
    assert [e.modality for e in by_type(events, "CONSULT")] == ["negated"]
    events = extract("وناقش الوزيران صفقة أسلحة محتملة.")
    assert [e.modality for e in by_type(events, "AID")] == ["hypothetical"]
    assert [e.modality for e in by_type(events, "CONSULT")] == ["asserted"]


def test_nominal_event_genitive_actor_and_target(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وأدان المجلس الهجوم الإسرائيلي على مخيم جنين."
    events = extract(text, mentions=[("الإسرائيلي", "NORP", "Q801"), ("مخيم جنين", "LOC", "Q1")])
    ev = by_type(events, "ASSAULT")[0]
    assert [a.entity for a in ev.actors] == ["Q801"]
    assert [r.text for r in ev.recipients] == ["مخيم جنين"]
    assert by_type(events, "ACCUSE")


def test_protest_generic_actor_and_implicit_protest(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("وتجمع مئات المتظاهرين أمام مقر البرلمان احتجاجا على قانون الضرائب.")
    protest = by_type(events, "PROTEST")
    assert len(protest) == 1 and protest[0].mode == "demo"
    assert "المتظاهرين" in protest[0].actors[0].text
    # No protest verb at all: the protesters themselves mark the event.
    events = extract("وندد آلاف المتظاهرين بالقرار في العاصمة.")
    assert by_type(events, "PROTEST") and by_type(events, "ACCUSE")


def test_claim_and_background_date(extract) -> None:  # type: ignore[no-untyped-def]
    text = "وقال المتحدث إن الوزير زار الرياض عام 2019 للمرة الأخيرة."
    events = extract(
        text,
        mentions=[("الوزير", "PER", None), ("الرياض", "GPE", "Q3692")],
        timexes=[timex(text, "عام 2019", "2019")],
        claims=[claim(text, "المتحدث", "قال", "الوزير زار الرياض عام 2019 للمرة الأخيرة")],
    )
    ev = by_type(events, "CONSULT")[0]
    assert ev.claim == "c1" and ev.date == "2019"


def test_non_events_are_not_triggers(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("وتضم القوات الروسية وحدات من قوات الدعم السريع.") == ()
    assert extract("وقال طالب في الجامعة إن الامتحانات صعبة.") == ()


def test_event_ids_and_offsets_are_consistent(extract) -> None:  # type: ignore[no-untyped-def]
    text = "هاجم مسلحون قافلة عسكرية، فيما اعتقلت قوات الأمن خمسة مشتبهين."
    events = extract(text)
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    for e in events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for a in (*e.actors, *e.recipients):
            assert text[a.start : a.end] == a.text
    assert {e.type for e in events} == {"ASSAULT", "COERCE"}


def test_empty_and_eventless_text(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract("") == ()
    assert extract("الطقس معتدل اليوم في معظم المناطق.") == ()


def test_weapons_supplied_are_not_attacks(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("وتخشى الحكومة من قيام الجماعة بتزويد المسلحين بصواريخ وقذائف هاون.")
    assert not by_type(events, "ASSAULT")
    assert [e.modality for e in by_type(events, "AID")] == ["hypothetical"]
    assert by_type(extract("وسقطت عدة قذائف على حي سكني شرق المدينة."), "ASSAULT")


def test_title_phrases_and_subject_object_adjacency(extract) -> None:  # type: ignore[no-untyped-def]
    text = "واستقبل الملك رئيس وزراء العراق في عمان."
    events = extract(text, mentions=[("العراق", "GPE", "Q796"), ("عمان", "GPE", "Q3805")])
    ev = by_type(events, "CONSULT")[0]
    assert ev.mode == "host" and [a.text for a in ev.actors] == ["الملك"]
    assert [(r.text, r.entity) for r in ev.recipients] == [("رئيس وزراء العراق", "Q796")]
    assert ev.location is not None and ev.location.entity == "Q3805"
    # A definite subject followed by a name is subject + object, not one phrase.
    events = extract("وزار الرئيس روسيا.", mentions=[("روسيا", "GPE", "Q159")])
    ev = by_type(events, "CONSULT")[0]
    assert [a.text for a in ev.actors] == ["الرئيس"] and [r.entity for r in ev.recipients] == ["Q159"]
