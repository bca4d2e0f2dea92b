"""Document-level label consistency: a name the tagger found in one sentence of an article is a name wherever
the same words recur untagged in that article.

The tagger decides sentence by sentence, so a name it recognises in a telling context (الرئيس الفرنسي هيرمان …)
is often missed where the context says little (… وقال هيرمان). News repeats names within an article, so once
the tagger has tagged a word sequence as an entity of one type, every other occurrence of exactly those words
(normalised) in the same document that the tagger left entirely outside any entity gets the same type. A
sequence tagged with two different types in the document is ambiguous and propagates nothing; tagged tokens are
never retagged, so propagation only adds entities. Very short strings (fewer than MIN_CHARS letters) stay as
they are: abbreviations and one-letter tokens are too often something else.

On the ANERcorp dev split this adds recall for a smaller loss of precision (docs/models/ner.md, session 4).
"""

from __future__ import annotations

import functools
from collections import defaultdict

from rasad.ner.arabic import normalize
from rasad.ner.conll import bio_spans

MIN_CHARS = 3  # letters in the whole entity string


def propagate(sentences: list[list[str]], tags: list[list[str]], window: int | None = None) -> list[list[str]]:
    """`tags` with every entity string's other untagged occurrences tagged alike, within the same document.

    With `window` None all `sentences` are one document (one article, as the ner stage passes them); with a
    window, a sentence's document is the sentences at most `window` positions before or after it — for a file of
    consecutive sentences without document boundaries, such as a CoNLL corpus."""
    norms = [[_normalize(token) for token in sentence] for sentence in sentences]
    found = [[(tuple(norms[i][a:b]), kind) for a, b, kind in bio_spans(sentence_tags)]
             for i, sentence_tags in enumerate(tags)]
    out = [list(sentence_tags) for sentence_tags in tags]
    if not any(found):
        return out
    whole = _candidates(found, 0, len(sentences)) if window is None else []
    for i, sentence in enumerate(norms):
        candidates = whole if window is None else _candidates(found, max(0, i - window), i + window + 1)
        firsts = {key[0] for key, _ in candidates}
        starts: dict[str, list[int]] = defaultdict(list)
        for a, word in enumerate(sentence):
            if word in firsts:
                starts[word].append(a)
        for key, kind in candidates:
            n = len(key)
            for a in starts.get(key[0], ()):
                if tuple(sentence[a:a + n]) == key and all(tag == "O" for tag in out[i][a:a + n]):
                    out[i][a:a + n] = ["B-" + kind] + ["I-" + kind] * (n - 1)
    return out


def _candidates(found: list[list[tuple[tuple[str, ...], str]]], first: int, end: int) -> list[tuple[tuple[str, ...], str]]:
    """(entity string, its one type) of the strings tagged in sentences first..end-1 with a single type and at
    least MIN_CHARS letters, longest first: a full name claims its tokens before any shorter name inside it."""
    types: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for spans in found[first:end]:
        for key, kind in spans:
            types[key].add(kind)
    usable = [(key, next(iter(kinds))) for key, kinds in types.items()
              if len(kinds) == 1 and sum(map(len, key)) >= MIN_CHARS]
    return sorted(usable, key=lambda item: len(item[0]), reverse=True)


@functools.lru_cache(maxsize=65536)
def _normalize(token: str) -> str:
    return normalize(token)
