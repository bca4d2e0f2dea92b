"""Arabic-aware search terms, user-query parsing and snippets on the original text.

A document is indexed as the sequence of its word *stems*: each raw token is normalised (`normalize_key`:
diacritics, tatweel and alef/yaa/taa-marbuta variants folded) and its clitics (و ف ب ل ك س ال, pronoun suffixes)
are set aside by the project's segmenter. A query goes through exactly the same function, so السعودية,
السعوديه, السعوديّة and والسعودية all become the one term سعوديه and find the same documents.

The stem is a function of the *normalised* word only (the tokenizer looks at the surface to decide whether a
final ه may be a pronoun; here a final ه is never stripped), so a query typed with ه instead of ة cannot stem
differently from the text it should find.

User query syntax is deliberately small and can never break the SQL: words are ANDed, a balanced "double-quoted
phrase" matches words in sequence, everything else (operators, `*`, parentheses, stray quotes, SQL) is just text
that goes through the same tokenizer and ends up as quoted terms or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rasad.text.normalize import normalize_key
from rasad.text.tokenize import Segmenter, iter_raw_tokens

MAX_QUERY_TERMS = 24  # more terms than this add nothing but cost; the rest of a long query is ignored
MAX_QUERY_CHARS = 4000
SNIPPET_CHARS = 220

_SEGMENTER: Segmenter | None = None


def segmenter() -> Segmenter:
    """The project's clitic segmenter (vocabulary-driven when installed), loaded once per process."""
    global _SEGMENTER
    if _SEGMENTER is None:
        from rasad.resources import default_resources

        try:
            _SEGMENTER = default_resources().get("segmenter")
        except (KeyError, OSError):  # no shipped vocabulary: rule-only segmentation is still consistent
            _SEGMENTER = Segmenter()
    return _SEGMENTER


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def stem_of(surface: str, seg: Segmenter | None = None) -> str:
    """The search term of one raw word/number token ("" when nothing searchable is left)."""
    norm = normalize_key(surface)
    if not _is_arabic(norm):
        return norm.casefold()
    sg = (seg or segmenter()).segment(norm, allow_suffix=not norm.endswith("ه"))
    stem = sg.stem or norm[sg.prefix_len : len(norm) - sg.suffix_len]
    return stem or norm


def iter_terms(text: str, seg: Segmenter | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) for every searchable token of `text`, offsets into `text` itself."""
    seg = seg or segmenter()
    for start, end, kind in iter_raw_tokens(text):
        if kind == "punct":
            continue
        term = stem_of(text[start:end], seg)
        if term:
            yield start, end, term


def index_terms(text: str, title: str | None = None, seg: Segmenter | None = None) -> list[str]:
    """The term sequence a document is indexed under (title first, so title words count too)."""
    seg = seg or segmenter()
    terms = [t for _, _, t in iter_terms(title, seg)] if title else []
    terms.extend(t for _, _, t in iter_terms(text, seg))
    return terms


@dataclass(frozen=True)
class ParsedQuery:
    """A user query as a conjunction of clauses; each clause is one term or a phrase (several terms)."""

    clauses: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for clause in self.clauses for t in clause)


_PHRASE_RE = re.compile(r'"([^"]*)"')


def parse_query(q: str | None, seg: Segmenter | None = None) -> ParsedQuery:
    """Parse user input into clauses of search terms; never raises, whatever the input."""
    if not q:
        return ParsedQuery(())
    q = q[:MAX_QUERY_CHARS]
    clauses: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()

    def add(clause: tuple[str, ...]) -> None:
        if clause and clause not in seen and len(clauses) < MAX_QUERY_TERMS:
            seen.add(clause)
            clauses.append(clause)

    for m in _PHRASE_RE.finditer(q):
        add(tuple(t for _, _, t in iter_terms(m.group(1), seg))[:MAX_QUERY_TERMS])
    rest = _PHRASE_RE.sub(" ", q).replace('"', " ")
    for _, _, term in iter_terms(rest, seg):
        add((term,))
    return ParsedQuery(tuple(clauses))


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression in which every user term is a quoted string (so no operator can leak in)."""
    return " AND ".join(_fts5_string(" ".join(clause)) for clause in query.clauses)


def _ts_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_tsquery(query: ParsedQuery) -> str:
    """A tsquery literal (cast with ::tsquery, not parsed by a text-search configuration)."""
    parts = []
    for clause in query.clauses:
        lexemes = [_ts_lexeme(t) for t in clause]
        parts.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


def pg_tsvector(terms: list[str]) -> str:
    """A tsvector literal with positions, so phrases work and no text-search parser re-tokenises Arabic."""
    positions: dict[str, list[int]] = {}
    for i, term in enumerate(terms, start=1):
        positions.setdefault(term, []).append(min(i, 16383))
    return " ".join(f"{_ts_lexeme(t)}:{','.join(map(str, sorted(set(p))[:256]))}" for t, p in positions.items())


@dataclass(frozen=True)
class Snippet:
    """A window of the ORIGINAL text; `start` is its offset in the document, highlights are relative to it."""

    text: str
    start: int
    highlights: tuple[tuple[int, int], ...]


def _expand_to_space(text: str, pos: int, direction: int, limit: int) -> int:
    """Move `pos` to the nearest whitespace within `limit` characters (so a snippet does not cut a word)."""
    for k in range(limit):
        p = pos + direction * k
        if p <= 0 or p >= len(text):
            return max(0, min(p, len(text)))
        if text[p].isspace():
            return p + (1 if direction < 0 else 0)
    return pos


def make_snippet(text: str, query: ParsedQuery, width: int = SNIPPET_CHARS, seg: Segmenter | None = None) -> Snippet:
    """The densest window of query hits, with hit spans as (start, end) code points into the snippet."""
    wanted = query.terms
    hits = [(s, e) for s, e, t in iter_terms(text, seg) if t in wanted] if wanted else []
    if not hits:
        end = _expand_to_space(text, min(len(text), width), 1, 30)
        return Snippet(text[:end].strip(), 0, ())
    best, best_count = 0, 0
    j = 0
    for i, (s, _) in enumerate(hits):
        while j < len(hits) and hits[j][1] <= s + width:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    first = hits[best][0]
    lead = min(width // 4, first)
    start = _expand_to_space(text, first - lead, -1, 30)
    end = _expand_to_space(text, min(len(text), start + width), 1, 30)
    window = text[start:end]
    shift = len(window) - len(window.lstrip())
    window = window.strip()
    spans = tuple(
        (s - start - shift, e - start - shift) for s, e in hits if s >= start + shift and e <= start + shift + len(window)
    )
    return Snippet(window, start + shift, spans)


def terms_fingerprint(seg: Segmenter | None = None) -> str:
    """Identifies the segmenter's behaviour (its vocabulary and names): an index built under another one is stale.

    Search terms are stems, and stems depend on the shipped vocabulary; after an upgrade that changes it, stored
    terms no longer match what a query stems to, so the store compares this value and rebuilds its index.
    """
    import hashlib

    global _FINGERPRINT
    if seg is None and _FINGERPRINT is not None:
        return _FINGERPRINT
    default = seg is None
    seg = seg or segmenter()
    h = hashlib.sha256()
    vocab = seg.vocabulary
    for word in sorted(vocab):
        h.update(f"{word}\t{vocab[word]}\n".encode())
    names = seg.names
    if isinstance(names, (set, frozenset)):
        for name in sorted(names):
            h.update(f"{name}\n".encode())
    if default:
        _FINGERPRINT = h.hexdigest()[:16]
    return h.hexdigest()[:16]


_FINGERPRINT: str | None = None
