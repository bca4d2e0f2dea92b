"""Per-document indexes the claim finder needs: token ↔ sentence lookup and names over token ranges.

Built once per document with a few list comprehensions and bisects; nothing here scans text with regexes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container, Sequence

from rasad.claims.lexicon import CueLexicon
from rasad.claims.phrases import PhraseContext, head_keys
from rasad.model import Mention, NerSpan, Sentence, Token

_PUNCT_STRONG = frozenset(".!?؟؛;…")


class DocIndex:
    """Token/sentence/name lookups over one document."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        sentences: Sequence[Sentence],
        lexicon: CueLexicon,
        mentions: Sequence[Mention] = (),
        ner: Sequence[NerSpan] = (),
        names: Container[str] = frozenset(),
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.norms = [t.norm for t in tokens]
        self.starts = [t.start for t in tokens]
        self.sentences = sentences or (Sentence(0, len(text)),)
        self.sent_starts = [s.start for s in self.sentences]
        self.lexicon = lexicon
        self.names = names
        # token index → (index past the name, mention or None); mentions win over NER spans.
        self.name_map: dict[int, tuple[int, Mention | None]] = {}
        for span in ner:
            for k in range(span.first_token, span.last_token + 1):
                self.name_map[k] = (span.last_token + 1, None)
        for m in mentions:
            first = bisect_left(self.starts, m.start)
            last = bisect_left(self.starts, m.end)
            for k in range(first, last):
                self.name_map[k] = (last, m)
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.phrase = PhraseContext(tokens, self.name_end, self.known_head, self.lexicon_head)

    def name_end(self, i: int) -> int:
        hit = self.name_map.get(i)
        return hit[0] if hit else -1

    def known_head(self, tok: Token) -> bool:
        heads = self.lexicon.source_heads
        return any(k in heads or k in self.names for k in head_keys(tok))

    def lexicon_head(self, tok: Token) -> bool:
        heads = self.lexicon.source_heads
        return any(k in heads for k in head_keys(tok))

    def is_anonymous_head(self, tok: Token) -> bool:
        return any(k in self.lexicon.anonymous_heads for k in head_keys(tok))

    def sentence_of(self, i: int) -> tuple[int, int, int]:
        """(sentence index, first token, past-last token) of the sentence holding token i."""
        si = max(0, bisect_right(self.sent_starts, self.tokens[i].start) - 1)
        sent = self.sentences[si]
        lo = bisect_left(self.starts, sent.start)
        hi = bisect_left(self.starts, sent.end)
        return si, lo, max(hi, i + 1)

    def is_strong_punct(self, i: int) -> bool:
        return self.tokens[i].text in _PUNCT_STRONG

    def mention_in(self, start: int, end: int) -> Mention | None:
        """The linked mention that names the source span: the first inside it that is not a nisba adjective
        (مسؤولون روس is not Russia) and is not part of a coordinated addition (دول غربية وفي مقدمها …)."""
        for m in self.mentions:
            if m.start >= end:
                break
            if m.end <= start or m.kind == "nisba":
                continue
            first = bisect_left(self.starts, start)
            at = bisect_left(self.starts, m.start)
            if any(self.tokens[k].prefix.startswith("و") for k in range(first + 1, at)):
                return None
            return m
        return None
