"""The fast decoding paths (single-word greedy loop, batches of words of any lengths, `render_many`) give exactly
the output of the general beam search run with the shipped beam of 1."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from rasad.names.normalize import model_letters, normalize_arabic
from rasad.names.pairs import parse_pair_line, read_pairs
from rasad.names.render import NameRenderer
from rasad.names.seq2seq import MIN_BATCH

SHARED_NAMES = Path(__file__).parents[2] / ".." / "shared" / "data" / "names"

# Written for these tests: names of several lengths (batched together), an article, particles,
# compounds, mixed scripts, a one-letter word and an empty one.
OWN_NAMES = [
    "محمود عباس",
    "كيم جونغ أون",
    "بشار الأسد",
    "عبد الرحمن بن خالد",
    "عبدالله الثاني",
    "حسن نصر الله",
    "أبو بكر البغدادي",
    "فلاديمير بوتين",
    "رجب طيب أردوغان",
    "شي جين بينغ",
    "نيكوس",
    "يوسف",
    "سلمى",
    "ليلى",
    "خالد سمير",
    "جمال كمال",
    "G7 قمة",
    "ب",
    "",
]


@pytest.fixture(scope="module")
def renderer() -> NameRenderer:
    return NameRenderer.load()


def model_words(names: list[str]) -> list[str]:
    return [model_letters(word) for name in names for word in normalize_arabic(name).split()]


def assert_decoders_agree(renderer: NameRenderer, names: list[str]) -> None:
    model = renderer.model
    assert model.beam_size == 1  # the fast paths replace the beam search only for the shipped greedy decoding
    words = model_words(names)
    reference = [model.beam_search(letters) for letters in words]
    assert [model.transliterate(letters) for letters in words] == reference
    assert model.transliterate_many(words) == reference
    fresh = NameRenderer.load(renderer.model_dir)  # empty caches, so render_many really decodes in batches
    assert fresh.render_many(names) == [renderer.render(name) for name in names]


def test_fast_decoding_matches_beam_search_on_own_names(renderer: NameRenderer) -> None:
    assert_decoders_agree(renderer, OWN_NAMES)
    assert len([word for word in model_words(OWN_NAMES) if word]) >= MIN_BATCH  # the batched decoder ran


def test_render_many_keeps_order_duplicates_and_empty_input(renderer: NameRenderer) -> None:
    names = ["يوسف", "", "محمود عباس", "يوسف"]
    rendered = renderer.render_many(names)
    assert len(rendered) == 4
    assert rendered[0] == rendered[3] == renderer.render("يوسف") != ""
    assert rendered[1] == ""
    assert renderer.render_many([]) == []


def test_fast_decoding_matches_beam_search_on_evaluation_names(renderer: NameRenderer) -> None:
    google, wikidata = SHARED_NAMES / "google" / "ar2en-eval.txt", SHARED_NAMES / "wikidata" / "dev.tsv"
    if not (google.is_file() and wikidata.is_file()):
        pytest.skip("the shared name data is not available")
    names = [pair.arabic for pair in read_pairs(google)]
    with wikidata.open(encoding="utf-8") as handle:
        pairs = (parse_pair_line(line) for line in itertools.islice(handle, 3000))
        names += [pair.arabic for pair in pairs if pair is not None]
    assert len(names) > 4000
    assert_decoders_agree(renderer, names)
