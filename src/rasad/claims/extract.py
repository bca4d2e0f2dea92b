"""Find attributed claims: a cue (speech verb, بحسب/وفق, a quotation), its source and its reported content.

Two passes over a document:
1. every token whose normal form is in the cue index opens a *frame*: the cue, its source phrase (after a verb,
   before it in SVO order, after لـ in سبق لـ X أن, after بحسب …) and where the content starts (after أن/إن/بأن,
   a colon or an opening quote; the object of وصف/اعتبر/تخشى; or the clause before a post-posed بحسب X);
2. content spans are closed against the sentence and against the frames that follow (a new report opened by
   "، كما واعتبرت …" or a post-posed "… وفق X" ends the previous content).
Only frames with both a source and a content become claims (precision first). Relayed reports keep both levels:
"نقلت X عن Y أن …" gives X's claim and Y's claim with via = X's claim id.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass

from rasad.claims.content import clause_break, close_frames
from rasad.claims.document import DocIndex
from rasad.claims.frame import Frame
from rasad.claims.lexicon import Cue, CueLexicon
from rasad.claims.phrases import backward_phrase, forward_phrase, is_word
from rasad.claims.speakers import SpeakerResolver
from rasad.claims.words import (
    APPOSITION_OPENERS,
    BACKGROUND_FORMULAS,
    MODAL_BEFORE,
    NAME_WORDS,
    NAMELESS_VERBS,
    NEGATIONS,
    NOT_THAT_BEFORE,
    NP_STOP,
    OBJECT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    OPEN_QUOTES,
    QUOTES,
    RELATIVES,
    THAT_WORDS,
)
from rasad.model import Claim, Mention, NerSpan, Sentence, Token

_INTRO_WINDOW = 20  # tokens between a verb (or its source) and أن/colon/quote
_ANTECEDENT_SENTENCES = 3  # how far back "وأضاف أن" may look for the speaker
# "وتعتبر القاعدة موقعًا استراتيجيًا" (is considered), "يوصف بأنه": imperfects of these need أن to report.
_NO_IMPERFECT_OBJECT = frozenset(["اعتبر", "وصف", "كشف"])
_PARTICIPLE_REACH = 40  # tokens: how far back a participle (مضيفًا) looks for the report it continues
_CLAUSE_PUNCT = frozenset(["،", ",", ":", "؛", ";"])
_ILA_VERBS = frozenset(["أشار", "لفت", "نوه", "ألمح", "خلص", "ذهب"])
_SABAQA = frozenset(("سبق", "وسبق", "فسبق"))


@dataclass(frozen=True)
class ClaimExtractor:
    lexicon: CueLexicon
    names: Container[str] = frozenset()

    def extract(
        self,
        text: str,
        tokens: Sequence[Token],
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention] = (),
        ner: Sequence[NerSpan] = (),
    ) -> list[Claim]:
        lookup = self.lexicon.cues.get
        hits = [i for i, n in enumerate(t.norm for t in tokens) if n in self.lexicon.cues]
        if not hits:
            return []
        doc = DocIndex(text, tokens, sentences, self.lexicon, mentions, ner, self.names)
        finder = _FrameFinder(doc)
        for i in hits:
            if i in finder.consumed:
                continue
            for cue in lookup(doc.norms[i], ()):
                matched = finder.match(i, cue)
                if matched is None:
                    continue
                end, attached = matched
                if finder.open_frame(i, end, attached, cue):
                    break
                if cue.cls == "marker":
                    break
        return close_frames(doc, finder.frames)


class _FrameFinder(SpeakerResolver):
    def __init__(self, doc: DocIndex) -> None:
        self.doc = doc
        self.frames: list[Frame] = []
        self.consumed: set[int] = set()
        self.marker_before: dict[int, int] = {}  # verb token index → marker token index (حسبما ذكرت …)

    # -- matching ---------------------------------------------------------------------------------------------
    def match(self, i: int, cue: Cue) -> tuple[int, bool] | None:
        """(index past the cue words, whether a final ل+ is attached to the next word) or None."""
        norms = self.doc.norms
        k = i + 1
        attached = False
        for word in cue.follow:
            if k >= len(norms):
                return None
            if word == "ل+":
                if norms[k] == "ل":
                    k += 1
                elif norms[k].startswith("ل") and len(norms[k]) > 2:
                    attached = True
                else:
                    return None
            elif norms[k] == word:
                k += 1
            else:
                return None
        return k, attached

    def is_cue(self, j: int) -> bool:
        """Does a (non-marker) cue start at token j? Multi-word cues must match in full (على لسان, not على)."""
        cues = self.doc.lexicon.cues.get(self.doc.norms[j], ())
        return any(c.cls != "marker" and self.match(j, c) is not None for c in cues)

    # -- frames -------------------------------------------------------------------------------------------------
    def open_frame(self, i: int, end: int, attached: bool, cue: Cue) -> bool:
        if cue.cls == "marker":
            if end < len(self.doc.tokens):
                self.marker_before[end] = i
            return False
        if cue.cls in ("according", "relay"):
            return self._according(i, end, attached, cue)
        return self._verb(i, end, cue)

    def _source_frame(self, s: int, e: int, strip_l: bool = False) -> tuple[int, int, bool]:
        """Character span of the source phrase tokens[s:e] (+ an anonymity clause) and its anonymity."""
        toks = self.doc.tokens
        while s < e and toks[s].text in QUOTES:
            s += 1
        start = toks[s].start
        if strip_l:
            start = toks[s].stem_start if toks[s].prefix.startswith("ل") else toks[s].start + 1
        end_tok = e
        # Keep quote marks balanced: وكالة "إنترفاكس" takes its closing mark, a stray trailing one is dropped.
        if sum(1 for t in toks[s:end_tok] if t.text in QUOTES) % 2:
            if end_tok < len(toks) and toks[end_tok].text in QUOTES:
                end_tok += 1
            elif toks[end_tok - 1].text in QUOTES:
                end_tok -= 1
        anonymous = self.doc.is_anonymous_head(toks[s])
        # "مصدر مسؤول رفض الكشف عن اسمه": the refusal to be named belongs to the source.
        if e < len(toks) and toks[e].norm in NAMELESS_VERBS:
            for j in range(e + 1, min(e + 6, len(toks))):
                if toks[j].norm in NAME_WORDS:
                    return start, toks[j].end, True
        return start, toks[end_tok - 1].end, anonymous

    def _sabaqa_source(self, i: int, lo: int) -> tuple[int, int] | None:
        """وسبق للبيت الأبيض أن حذر …: the source is the phrase after لـ, before أن."""
        norms = self.doc.norms
        if i - 1 < lo or norms[i - 1] not in THAT_WORDS:
            return None
        for j in range(i - 2, max(lo, i - 10) - 1, -1):
            if norms[j] in _SABAQA and j + 1 < i - 1 and norms[j + 1].startswith("ل"):
                k = j + 1
                if norms[k] == "ل":
                    k += 1
                e = forward_phrase(self.doc.phrase, k, i - 1)
                return (k, e) if e > k else None
        return None

    def _find_intro(
        self, k: int, hi: int, window: int = _INTRO_WINDOW, ila: bool = False
    ) -> tuple[str, int, int] | None:
        """Where the content starts after token k: (mode, token index, past-gap index) for a colon, a quotation
        or أن/إن/بأن. The search gives up at a sentence end, at another cue and at a new clause (، و… / ، لا سيما)."""
        doc = self.doc
        toks, norms = doc.tokens, doc.norms
        j = k
        steps = 0
        gap_words = 0
        gap_clean = (
            True  # only name-like words so far: a quotation may follow (قالت المستشارة أنجيلا ميركل "…")
        )
        while j < hi and steps < window:
            text = toks[j].text
            if text == ":":
                return "colon", j, j
            if (text in OPEN_QUOTES or text == '"') and gap_clean and gap_words <= 3:
                after = self._after_closing_quote(j, hi)
                # ذكرت مصادر "للعربية.نت" أن …: a quoted adjunct, the report is the أن-clause after it
                if after is None or norms[after] not in THAT_WORDS:
                    return "quote", j, j
                return "that", after, after
            # إلى أن is "until", except after the verbs that take إلى (أشار إلى أن، لفت إلى أن).
            if norms[j] in THAT_WORDS and (
                j == 0 or norms[j - 1] not in NOT_THAT_BEFORE or (ila and norms[j - 1] == "الي")
            ):
                return "that", j, j
            if doc.is_strong_punct(j):
                return None
            if self.is_cue(j) and norms[j] not in ("نقلا",):
                if not self._is_according(j):  # قال X بحسب صحيفة Y «…» goes on past the بحسب
                    return None
                gap_clean = False
            if text in ("،", ",") and j + 1 < hi:
                nxt = norms[j + 1]
                if clause_break(norms, j, hi) or (
                    nxt.startswith(("و", "ف"))
                    and len(nxt) >= 4
                    and nxt not in APPOSITION_OPENERS
                    and not doc.known_head(toks[j + 1])
                ):
                    return None
            if is_word(toks[j]):
                gap_words += 1
                gap_clean = gap_clean and norms[j] not in NP_STOP and not toks[j].prefix
            elif text not in QUOTES:
                gap_clean = False
            j += 1
            steps += 1
        return None

    def _after_closing_quote(self, j: int, hi: int) -> int | None:
        """Index of the token after the mark that closes the quotation opened at j, within the sentence."""
        toks = self.doc.tokens
        closer = {"«": "»", "“": "”", "„": "”"}.get(toks[j].text, '"')
        for m in range(j + 1, hi - 1):
            if toks[m].text == closer or (closer == '"' and toks[m].text == "”"):
                return m + 1
        return None

    def _inner_relay(self, k: int, hi: int, verb_is_relay: bool) -> tuple[int, int, int, int] | None:
        """(cue start tok, cue end tok, source start tok, source end tok) of "عن Y" / "نقلا عن Y" at token k."""
        norms = self.doc.norms
        if k < hi and norms[k] == "عن" and verb_is_relay:
            e = forward_phrase(self.doc.phrase, k + 1, hi)
            return (k, k + 1, k + 1, e) if e > k + 1 else None
        if k + 1 < hi and norms[k] in ("نقلا", "ونقلا") and norms[k + 1] == "عن":
            e = forward_phrase(self.doc.phrase, k + 2, hi)
            return (k, k + 2, k + 2, e) if e > k + 2 else None
        return None

    def _verb(self, i: int, end: int, cue: Cue) -> bool:
        doc = self.doc
        toks, norms = doc.tokens, doc.norms
        si, lo, hi = doc.sentence_of(i)
        if (
            i > lo
            and i not in self.marker_before
            and (
                norms[i - 1] in NEGATIONS | MODAL_BEFORE
                or (norms[i - 1] in ("قد", "وقد") and norms[i].lstrip("وف").startswith(("ي", "ت")))
            )
        ):  # لم يذكر التقرير أن …: nothing was claimed
            return False
        if norms[i] in BACKGROUND_FORMULAS and end < hi and (norms[end] in THAT_WORDS or norms[end] == "الي"):
            return False
        src: tuple[int, int] | None = None
        k = end
        strip_l = False
        passive_relay = cue.cls == "relay_verb" and k < hi and norms[k] == "عن"
        while k < hi and norms[k] in OBJECT_PRONOUNS:  # يكشف لنا …، أكد له …
            k += 1
        sab = self._sabaqa_source(i, lo)
        if sab is not None:
            src, strip_l = sab, True
        elif passive_relay:  # نُقل عن X أن …
            e = forward_phrase(doc.phrase, k + 1, hi)
            if e > k + 1:
                src, k = (k + 1, e), e
        elif i > lo and norms[i - 1] in RELATIVES:
            pass  # الأصوات التي تتهم بوتين …: the subject is the relative's antecedent, after the verb is the object
        elif cue.cls != "participle" and k < hi and self._may_start_subject(k):
            # An object verb inside a clause (المسؤولون الإيرانيون يتهمون إدارة أوباما بـ…) has its subject
            # before it and its object after it; only a clause-opening one is read verb-subject-object.
            left = None
            if cue.frame == "obj" and not cue.prefixed and i > lo and toks[i - 1].text not in ("،", ",", ":"):
                left = backward_phrase(doc.phrase, i, lo, self.is_cue)
            e = forward_phrase(doc.phrase, k, hi)
            if left is not None:
                src = left
            elif e > k and (cue.frame != "obj" or doc.known_head(toks[k]) or doc.name_end(k) > k):
                src, k = (k, e), e
        if src is None and not cue.prefixed and cue.cls in ("verb", "relay_verb"):
            src = backward_phrase(doc.phrase, i, lo, self.is_cue)
        relay = self._inner_relay(k, hi, cue.cls == "relay_verb") if src is not None else None
        if relay is not None:
            k = relay[3]
        intro = self._find_intro(
            k, hi, window=8 if cue.frame == "obj" else _INTRO_WINDOW, ila=cue.lemma in _ILA_VERBS
        )
        frame = Frame(cue_tok=i, cue_end_tok=end, sent=si, lo=lo, hi=hi, cue=cue)
        frame.breaks = cue.prefixed or cue.cls == "participle" or (i > lo and toks[i - 1].text in ("،", ","))
        marker = self.marker_before.get(i)
        if marker is not None:
            frame.region_tok = marker
            frame.breaks = True
        if intro is not None:
            mode, j, _ = intro
            quoted = mode == "that" and (
                (j + 1 < hi and toks[j + 1].text in OPEN_QUOTES)
                or (j > 0 and toks[j - 1].text in OPEN_QUOTES)
            )
            frame.kind = "indirect" if mode == "that" and not quoted else "direct"
            frame.intro_tok = j
            frame.mode = mode
        elif marker is not None and src is not None and self._ends_clause(src[1], hi):
            # … حسبما ذكرت وكالة X. — but not "كما أبلغت X عن …", where more follows the source.
            frame.kind, frame.mode = "according_to", "backward"
        elif self._quote_before(i, lo) is not None and src is not None and src[0] > i:  # «…»، قال X
            frame.kind, frame.mode = "direct", "quote_before"
            frame.intro_tok = self._quote_before(i, lo)
        elif (
            cue.frame == "obj"
            and (src is not None or cue.cls == "participle")
            and not (cue.lemma in _NO_IMPERFECT_OBJECT and norms[i].lstrip("وف").startswith(("ي", "ت")))
        ):
            while k < hi and (norms[k] in OBJECT_PREPOSITIONS or toks[k].text in ("،", ",")):
                k += 1
            if k >= hi or not is_word(toks[k]):
                return False
            frame.kind, frame.mode, frame.intro_tok = "indirect", "object", k
        else:
            return False
        ante: Frame | None = None
        if src is None:
            src, ante = self._implicit_source(i, lo, si, cue, frame.mode)
        if src is None:
            if ante is not None and ante.source is not None:
                frame.source, frame.anonymous, frame.inherited = ante.source, ante.anonymous, True
            elif cue.cls == "passive":
                start = toks[i].start + 1 if cue.prefixed else toks[i].start
                frame.source, frame.anonymous, frame.passive = (start, toks[end - 1].end), True, True
            else:
                return False
        else:
            s_start, s_end, anon = self._source_frame(src[0], src[1], strip_l)
            frame.source, frame.anonymous = (s_start, s_end), anon
            frame.source_toks = src
            if src[0] < i and sab is None:
                frame.region_tok = min(frame.region_tok if frame.region_tok is not None else i, src[0])
                # كانت وكالة X قد ذكرت: the report starts at كانت.
                if src[0] - 1 >= lo and norms[src[0] - 1] in (
                    "وكانت",
                    "وكان",
                    "وكانوا",
                    "كانت",
                    "كان",
                    "كانوا",
                ):
                    frame.region_tok = src[0] - 1
                    frame.breaks = frame.breaks or norms[src[0] - 1].startswith("و")
            if sab is not None:
                frame.region_tok = max(lo, src[0] - 1)
                frame.breaks = True
        self.frames.append(frame)
        if relay is not None:
            self._add_relay(frame, relay)
        return True

    def _add_relay(self, outer: Frame, relay: tuple[int, int, int, int]) -> None:
        cs, ce, ss, se = relay
        words = " ".join(self.doc.norms[cs:ce])
        cue = Cue(words, "relay", "", "نقل")
        inner = Frame(cue_tok=cs, cue_end_tok=ce, sent=outer.sent, lo=outer.lo, hi=outer.hi, cue=cue)
        inner.kind, inner.mode, inner.intro_tok = outer.kind, outer.mode, outer.intro_tok
        s_start, s_end, anon = self._source_frame(ss, se)
        inner.source, inner.anonymous, inner.source_toks = (s_start, s_end), anon, (ss, se)
        inner.via = outer
        self.frames.append(inner)
        self.consumed.update(range(cs, ce))

    def _is_according(self, j: int) -> bool:
        cues = self.doc.lexicon.cues.get(self.doc.norms[j], ())
        return any(c.cls == "according" and self.match(j, c) is not None for c in cues)

    def _ends_clause(self, k: int, hi: int) -> bool:
        """Only punctuation (or nothing) between token k and the end of the clause."""
        toks = self.doc.tokens
        return k >= hi or (not is_word(toks[k]) and toks[k].text not in QUOTES)

    def _may_start_subject(self, k: int) -> bool:
        tok = self.doc.tokens[k]
        if tok.text in QUOTES:
            return k + 1 < len(self.doc.tokens) and is_word(self.doc.tokens[k + 1])
        if not is_word(tok) or tok.norm in NP_STOP or self.is_cue(k):
            return False
        # لرويترز، لوكالة الأنباء، بالأمس: a preposition opens an adjunct, not the subject.
        return not tok.prefix.startswith(("ل", "ب"))

    def _quote_before(self, i: int, lo: int) -> int | None:
        """«…»، قال X: the index of the closing quote right before the verb, or None."""
        toks = self.doc.tokens
        j = i - 1
        if j >= lo and toks[j].text in ("،", ","):
            j -= 1
        if j >= lo and toks[j].text in ("»", "”", '"'):
            return j
        return None

    def _according(self, i: int, end: int, attached: bool, cue: Cue) -> bool:
        doc = self.doc
        toks = doc.tokens
        si, lo, hi = doc.sentence_of(i)
        k = end
        if k >= hi:
            return False
        e = forward_phrase(doc.phrase, k, hi)
        if e <= k:
            return False
        head = k + 1 if toks[k].text in QUOTES and k + 1 < e else k
        head_tok = toks[head]
        # A lexicon source noun or a recognised name; bare KB name words are not enough here: they include
        # common nouns (وفق خطة زمنية، استنادًا إلى اتفاقية) that these prepositions take far more often.
        known = doc.lexicon_head(head_tok) or doc.name_end(head) > head
        if attached and not known:
            known = any(key in doc.lexicon.source_heads for key in (head_tok.norm[1:], head_tok.norm[3:]))
        if not known:
            return False
        s_start, s_end, anon = self._source_frame(k, e, strip_l=attached)
        frame = Frame(cue_tok=i, cue_end_tok=end, sent=si, lo=lo, hi=hi, cue=cue)
        frame.source, frame.anonymous, frame.source_toks = (s_start, s_end), anon, (k, e)
        frame.kind = "according_to"
        frame.breaks = True
        host = self.frames[-1] if self.frames else None
        if (
            host is not None
            and host.sent == si
            and host.intro_tok is not None
            and host.cue_tok < i < host.intro_tok
        ):
            frame.mode, frame.same_as, frame.breaks = "same", host, False
            self.frames.append(frame)
            return True
        # After its clause (… وفق X) or before it (وبحسب X، …): a sentence that goes on after the source with
        # "فإن" or after a comma that also precedes the cue is read forward, one that starts before it backward.
        words_before = sum(1 for j in range(lo, i) if is_word(toks[j]) and toks[j].norm not in ("و", "ف"))
        words_after = sum(1 for j in range(e, hi) if is_word(toks[j]))
        then_clause = e < hi and (
            doc.norms[e] in ("فان", "فانه", "فانها")
            or (toks[e].text in ("،", ",") and e + 1 < hi and doc.norms[e + 1] in ("فان", "فانه", "فانها"))
        )
        if words_after < 2 or (words_before >= 2 and not then_clause):
            frame.mode = "backward"
        else:
            j = e
            while j < hi and (toks[j].text in ("،", ",") or doc.norms[j] in ("فان", "فانه", "فانها")):
                j += 1
            if j >= hi:
                return False
            frame.mode, frame.intro_tok = "after_source", j
        self.frames.append(frame)
        return True
