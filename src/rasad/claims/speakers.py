"""Who speaks when a cue has no subject of its own (وأضاف أن …، مضيفًا أن …، وقال في كلمته إن …).

Arabic news drops the subject of a report that continues an earlier one. The rules here look for the speaker
nearby, from the closest evidence to the farthest, and give up rather than reach across a change of topic:
a report earlier in the same sentence, the subject that opens the sentence, then the sentence right before.
"""

from __future__ import annotations

from bisect import bisect_left

from rasad.claims.agreement import agrees
from rasad.claims.document import DocIndex
from rasad.claims.frame import Frame
from rasad.claims.lexicon import Cue
from rasad.claims.phrases import forward_phrase, is_word
from rasad.claims.words import CLAUSE_WORDS, CLOSE_QUOTES, NP_STOP, OPEN_QUOTES

ANTECEDENT_SENTENCES = 3  # how far back "وأضاف أن" may look for the speaker
PARTICIPLE_REACH = 40  # tokens: how far back a participle (مضيفًا) looks for the report it continues
CLAUSE_PUNCT = frozenset(["،", ",", ":", "؛", ";"])


class SpeakerResolver:
    """Mixed into the frame finder: reads its document and the frames found so far."""

    doc: DocIndex
    frames: list[Frame]

    def is_cue(self, j: int) -> bool:  # provided by the frame finder, which knows the cue index
        raise NotImplementedError

    def _antecedent(
        self, si: int, cue: Cue, same_sentence: bool = False, after_tok: int = -1
    ) -> Frame | None:
        """The speaker of the latest report nearby (وأضاف أن … continues it) whose number and gender agree with
        the cue: وقال الوزير … وقالت المتحدثة … وأضاف أن continues the minister, not the spokeswoman."""
        reach = 0 if same_sentence else ANTECEDENT_SENTENCES
        for f in reversed(self.frames):
            if si - f.sent > reach or f.cue_tok < after_tok:
                return None
            usable = f.kind != "according_to" and f.source is not None and not f.passive
            if usable and f.source is not None and agrees(cue, self.doc, f.source, f.cue):
                return f
        return None

    def _agreeing(self, cue: Cue, src: tuple[int, int] | None) -> tuple[int, int] | None:
        """A subject phrase (token range) found for a subjectless cue, or None when it cannot be its speaker."""
        if src is None:
            return None
        toks = self.doc.tokens
        return src if agrees(cue, self.doc, (toks[src[0]].start, toks[src[1] - 1].end)) else None

    def _implicit_source(
        self, i: int, lo: int, si: int, cue: Cue, mode: str
    ) -> tuple[tuple[int, int] | None, Frame | None]:
        """Who speaks when the cue has no subject of its own: (source tokens, None) or (None, earlier report).

        A participle (مضيفًا، مشيرًا) continues a report made just before it in its sentence, else the clause's
        subject. A verb inherits only when it opens a clause (وأضاف، ، ذكر …), never inside one (مؤشرات تشير إلى
        أن …): first from a report earlier in its sentence, then from the subject of its own sentence, and — when
        it opens the sentence — from the report or the subject of the sentences before.
        """
        toks, norms = self.doc.tokens, self.doc.norms
        if self._inside_quotation(lo, i):
            # «… ويرى فيكم ملاذًا …»: a third-person verb inside someone's quoted words speaks of another
            # person named in the quotation, not of the quoted speaker.
            return None, None
        if cue.cls == "participle":
            ante = self._antecedent(si, cue, same_sentence=True, after_tok=i - PARTICIPLE_REACH)
            if ante is not None:
                return None, ante
            return (
                self._agreeing(cue, self._clause_subject(lo, i)) if i - lo <= PARTICIPLE_REACH else None
            ), None
        if cue.cls != "verb" or mode == "object":
            return None, None
        before = toks[i - 1].text if i > lo else ""
        opens_clause = (
            cue.prefixed or i == lo or before in CLAUSE_PUNCT or (i > lo and norms[i - 1] in CLAUSE_WORDS)
        )
        if not opens_clause:
            return None, None
        ante = self._antecedent(si, cue, same_sentence=True)
        if ante is not None:
            return None, ante
        if i > lo + 2:
            src = self._agreeing(cue, self._clause_subject(lo, i))
            if src is not None:
                return src, None
        opens_sentence = i <= lo + 1 or (before in CLAUSE_PUNCT and i - lo <= 8)
        if not opens_sentence:
            return None, None
        # Only the sentence right before: its latest report, else its subject. Reaching further back picks
        # speakers the text has moved away from.
        ante = self._antecedent(si, cue)
        if ante is not None and ante.sent == si - 1:
            return None, ante
        if ante is not None and ante.sent == si - 2 and self._is_heading(si - 1):
            return None, ante  # a sub-heading between the report and its continuation
        return self._agreeing(cue, self._previous_sentence_subject(si, i)), None

    def _inside_quotation(self, lo: int, i: int) -> bool:
        """Whether token i is inside a quotation opened earlier in its sentence. Straight quotes only count when
        the sentence has an even number of them: news often drops the opening one (الصحة"، مضيفا "أنا …)."""
        toks = self.doc.tokens
        hi = self.doc.sentence_of(i)[2]
        straight_total = sum(1 for t in toks[lo:hi] if t.text == '"')
        depth = 0
        straight = False
        for tok in toks[lo:i]:
            if tok.text == '"':
                straight = not straight
            elif tok.text in OPEN_QUOTES:
                depth += 1
            elif tok.text in CLOSE_QUOTES:
                depth = max(0, depth - 1)
        return (straight and straight_total % 2 == 0) or depth > 0

    def _is_heading(self, si: int) -> bool:
        """A line of at most four tokens: a sub-heading, not a sentence that could bring a new speaker."""
        doc = self.doc
        sent = doc.sentences[si]
        return bisect_left(doc.starts, sent.end) - bisect_left(doc.starts, sent.start) <= 4

    def _clause_subject(self, lo: int, limit: int) -> tuple[int, int] | None:
        """The subject phrase that opens a clause: after a dateline (صحيفة X:) or a short adverbial (من جهته،),
        either first (الوزير علق قائلا) or right after the opening verb (وجه الإعلامي فلان نقدا … قائلا)."""
        doc = self.doc
        toks = doc.tokens
        start = lo
        for j in range(lo, min(lo + 5, limit)):
            if toks[j].text in (":", "،", ","):
                start = j + 1
                break
        for k in (start, start + 1):
            if k >= limit or not is_word(toks[k]) or self.is_cue(k):
                continue
            mention = doc.name_map.get(k)
            named = mention is not None and mention[1] is not None and mention[1].label in ("PER", "ORG")
            # lexicon heads only: KB name words include common words (عد، أرض) that open clauses
            if named or (doc.lexicon_head(toks[k]) and toks[k].norm not in NP_STOP):
                e = forward_phrase(doc.phrase, k, limit)
                if e > k:
                    return k, e
        return None

    def _previous_sentence_subject(self, si: int, i: int) -> tuple[int, int] | None:
        """For a report with no subject and no earlier report: the subject of the sentence before, when both are
        in the same paragraph (وندد الوزير فلان بـ…. وقال في كلمته إن …)."""
        doc = self.doc
        if si == 0:
            return None
        prev, cur = doc.sentences[si - 1], doc.sentences[si]
        if "\n" in doc.text[prev.end : cur.start]:
            return None
        lo = bisect_left(doc.starts, prev.start)
        hi = bisect_left(doc.starts, prev.end)
        return self._clause_subject(lo, hi)
