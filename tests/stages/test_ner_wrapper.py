"""The NER stage wrapper: sentence token ranges and BIO decoding into token-aligned spans."""

from __future__ import annotations

from rasad.model import Sentence
from rasad.stages.ner import bio_to_spans, sentence_token_ranges
from rasad.text.tokenize import tokenize

TEXT = "التقى بوتين كيم جونغ أون في فلاديفوستوك. وغادر."


def test_bio_decoding_handles_b_i_runs_label_switches_stray_i_and_sentence_end() -> None:
    tokens = tokenize(TEXT)
    words = [t.text for t in tokens]
    assert words[:6] == ["التقى", "بوتين", "كيم", "جونغ", "أون", "في"]
    tags = ["O", "B-PER", "B-PER", "I-PER", "I-PER", "O", "I-LOC", "O"]
    spans = bio_to_spans(TEXT, tokens, 0, tags)
    assert [(s.text, s.label, s.first_token, s.last_token) for s in spans] == [
        ("بوتين", "PER", 1, 1),
        ("كيم جونغ أون", "PER", 2, 4),
        ("فلاديفوستوك", "LOC", 6, 6),  # a stray I- opens a span
    ]
    # A span still open at the end of the sentence is closed there; a label switch inside I- closes and reopens.
    tail = bio_to_spans(TEXT, tokens, 0, ["O", "O", "B-PER", "I-PER", "I-LOC"])
    assert [(s.text, s.label) for s in tail] == [("كيم جونغ", "PER"), ("أون", "LOC")]
    for s in spans + tail:
        assert TEXT[s.start : s.end] == s.text


def test_sentence_token_ranges_follow_sentence_spans() -> None:
    tokens = tokenize(TEXT)
    cut = TEXT.index("وغادر")
    ranges = sentence_token_ranges([Sentence(0, cut - 1), Sentence(cut, len(TEXT))], tokens)
    assert ranges == [(0, 8), (8, 10)]
    assert [t.text for t in tokens[8:10]] == ["وغادر", "."]


class _FirstOccurrenceTagger:
    """Tags هيرمان as a person only in the first sentence it sees, as a tagger may where the context is weak."""

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [["B-PER" if w == "هيرمان" and k == 0 else "O" for w in s] for k, s in enumerate(sentences)]


def test_the_stage_makes_the_article_consistent() -> None:
    from types import MappingProxyType

    from rasad.model import Document
    from rasad.resources import Resources
    from rasad.stages import ner, text

    doc = Document(id="d1", text="قال المدرب هيرمان إن الفريق جاهز. وأضاف هيرمان أن المباراة صعبة.")
    resources = Resources(overrides={"ner_tagger": _FirstOccurrenceTagger()})
    layers = dict(text.run(doc, MappingProxyType({}), resources))
    spans = ner.run(doc, MappingProxyType(layers), resources)["ner"]
    assert [(s.text, s.label) for s in spans] == [("هيرمان", "PER"), ("هيرمان", "PER")]
    assert spans[1].start == doc.text.rindex("هيرمان")
