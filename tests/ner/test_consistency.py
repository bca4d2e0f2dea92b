from rasad.ner.consistency import propagate


def _sentences(*texts: str) -> list[list[str]]:
    return [text.split() for text in texts]


def test_a_name_tagged_once_is_tagged_where_it_recurs_untagged_in_the_document() -> None:
    sentences = _sentences("قال الرئيس هيرمان كوتس إن", "وأضاف هيرمان كوتس أمس", "وصل هيرمان إلى المدينة")
    tags = [["O", "O", "B-PER", "I-PER", "O"], ["O", "O", "O", "O"], ["O", "O", "O", "O"]]
    out = propagate(sentences, tags)
    assert out[1] == ["O", "B-PER", "I-PER", "O"]
    assert out[2] == ["O", "O", "O", "O"]  # a part of a name is not the name: only whole strings propagate
    assert tags[1] == ["O", "O", "O", "O"]  # the input is not changed


def test_normalised_matching_ambiguity_short_strings_and_tagged_tokens() -> None:
    sentences = _sentences("زار أورفان مصر", "أورڤان", "وأورفان", "اورفان", "كان أب هنا", "أب")
    tags = [["O", "B-MISC", "B-LOC"], ["O"], ["O"], ["B-ORG"], ["O", "B-PER", "O"], ["O"]]
    out = propagate(sentences, tags)
    # اورفان is أورفان normalised, and was tagged MISC and ORG: ambiguous, so nothing propagates; a clitic
    # form (وأورفان) is another string; the two-letter أب is too short to trust.
    assert out == tags
    tags[3] = ["B-MISC"]
    out = propagate(sentences, tags)
    assert out[1:4] == [["O"], ["O"], ["B-MISC"]] and out[5] == ["O"]
    # tokens already inside an entity are never retagged
    assert propagate(_sentences("مصر مصر"), [["B-LOC", "B-ORG"]]) == [["B-LOC", "B-ORG"]]


def test_longest_string_claims_its_tokens_first_and_the_window_bounds_the_document() -> None:
    sentences = _sentences("البنك التجاري الدولي", "التجاري", "البنك التجاري الدولي اليوم")
    tags = [["B-ORG", "I-ORG", "I-ORG"], ["B-ORG"], ["O", "O", "O", "O"]]
    assert propagate(sentences, tags)[2] == ["B-ORG", "I-ORG", "I-ORG", "O"]
    far = _sentences("هيرمان", "ثم", "ثم", "وقال هيرمان")
    far_tags = [["B-PER"], ["O"], ["O"], ["O", "O"]]
    assert propagate(far, far_tags, window=2)[3] == ["O", "O"]  # three sentences away: another document
    assert propagate(far, far_tags, window=3)[3] == ["O", "B-PER"]
    assert propagate(far, far_tags)[3] == ["O", "B-PER"]  # no window: the whole call is one document
    assert propagate([], []) == []
