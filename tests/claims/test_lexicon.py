"""The cue table: loading, clitic variants and multi-word cues."""

from __future__ import annotations

import pytest

from rasad.claims.lexicon import CueLexicon
from rasad.resources import RESOURCE_ROOT


def test_shipped_table_loads_with_variants() -> None:
    lex = CueLexicon.load(RESOURCE_ROOT / "lexicons" / "attribution_cues.tsv")
    (said,) = lex.lookup("قالت")
    assert said.cls == "verb" and said.lemma == "قال" and not said.prefixed
    assert lex.lookup("وقالت")[0].prefixed  # the conjunction variant is indexed too
    assert {c.cls for c in lex.lookup("وبحسب")} == {"according", "marker"}  # بحسب X / بحسب ما ذكرت X
    # longer cues first: "وفق ما" (a marker before a verb) wins over "وفق"
    assert [c.follow for c in lex.lookup("وفق")][:1] == [("ما",)]
    assert "وكاله" in lex.source_heads and "مصادر" in lex.anonymous_heads
    assert lex.lookup("بين") == ()  # "between", never a cue


def test_rows_are_validated() -> None:
    with pytest.raises(ValueError):
        CueLexicon.from_rows([("قال", "speech", "that", "قال")])
    lex = CueLexicon.from_rows(
        [("وفقا ل+", "according", "", "وفق"), ("مصدر", "anonymous_source", "", "مصدر")]
    )
    assert lex.lookup("فوفقا")[0].follow == ("ل+",)
    assert lex.anonymous_heads == frozenset({"مصدر"}) <= lex.source_heads
