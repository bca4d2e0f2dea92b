from __future__ import annotations

import pytest

from rasad.store.search import fts5_match, make_snippet, parse_query, pg_tsquery, pg_tsvector, stem_of


@pytest.mark.parametrize("variant", ["السعوديه", "والسعودية", "السعوديّة", "الســعودية", "للسعودية", "وبالسعودية"])
def test_spelling_and_clitic_variants_share_one_term(variant: str) -> None:
    assert stem_of(variant) == stem_of("السعودية")


def test_different_words_keep_different_terms() -> None:
    assert stem_of("الرياض") != stem_of("السعودية")
    assert stem_of("Putin") == "putin"
    assert stem_of("٢٠٢٣") == "2023"


@pytest.mark.parametrize(
    "hostile",
    ['" OR 1=1 --', '"unbalanced', "*", "NEAR(", "a AND OR NOT b", "'; DROP TABLE documents; --", "x" * 10_000, "\x00"],
)
def test_hostile_input_becomes_quoted_terms(hostile: str) -> None:
    q = parse_query(hostile)
    expr = fts5_match(q)
    # every clause is a double-quoted string; no bare operator survives
    for clause in expr.split(" AND ") if expr else []:
        assert clause.startswith('"') and clause.endswith('"')
    assert len(q.clauses) <= 24


def test_quoted_phrase_is_one_clause_and_terms_are_stems() -> None:
    q = parse_query('"الملك سلمان" والسعودية')
    assert q.clauses == ((stem_of("الملك"), stem_of("سلمان")), (stem_of("السعودية"),))
    assert pg_tsquery(q) == f"('{q.clauses[0][0]}' <-> '{q.clauses[0][1]}') & '{q.clauses[1][0]}'"


def test_tsvector_literal_escapes_quotes_and_keeps_positions() -> None:
    assert pg_tsvector(["a", "b'c", "a"]) == "'a':1,3 'b''c':2"


def test_snippet_highlights_point_at_the_original_words() -> None:
    text = "مقدمة طويلة " * 40 + "وصل الوفد إلى الســعوديّة أمس. " + "خاتمة " * 40
    snip = make_snippet(text, parse_query("السعودية"))
    assert snip.highlights
    s, e = snip.highlights[0]
    assert snip.text[s:e] == "الســعوديّة"  # tatweel and shadda kept: the ORIGINAL text is highlighted
    assert text[snip.start + s : snip.start + e] == "الســعوديّة"
    assert len(snip.text) < 300


def test_snippet_without_query_is_the_beginning() -> None:
    snip = make_snippet("أول الكلام ثم بقية النص", parse_query(""))
    assert snip.start == 0 and snip.text.startswith("أول") and snip.highlights == ()
