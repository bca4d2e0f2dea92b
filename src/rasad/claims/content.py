"""Close the content span of every frame and turn frames into Claim objects.

A forward content (after أن, a colon, an object, or after وبحسب X،) runs to the end of its sentence unless a
following frame opens a new clause first (، كما واعتبرت …؛ … وفق X) or a comma brings a discourse connector
(، لا سيما …؛ ، بينما …). A backward content (… وفق X) starts at the sentence start or after the previous report's
attribution phrase in the same sentence. Quotations run to their closing mark.
"""

from __future__ import annotations

from rasad.claims.document import DocIndex
from rasad.claims.frame import Frame
from rasad.claims.phrases import is_word
from rasad.claims.words import CLAUSE_CONNECTORS, CLOSE_QUOTES, OPEN_QUOTES, QUOTES
from rasad.model import Claim, ClaimSource, Span

_CONNECTOR_PAIRS = frozenset({("لا", "سيما"), ("في", "حين"), ("الا", "ان"), ("غير", "ان"), ("في", "المقابل")})
_CLOSER_OF = {"«": "»", "“": "”", "„": "”", '"': '"'}
_QUOTE_REACH = 400
_QUOTE_OPENS_AFTER = frozenset(
    [".", ":", "؛", ";", "!", "?", "؟"]
)  # tokens a quotation may run past its sentence (multi-sentence quotes)


def clause_break(norms: list[str], j: int, end: int) -> bool:
    """Does the comma at token j open a clause that is no longer part of the report (، لا سيما …)?"""
    if j + 1 >= end:
        return False
    nxt = norms[j + 1]
    return nxt in CLAUSE_CONNECTORS or (j + 2 < end and (nxt, norms[j + 2]) in _CONNECTOR_PAIRS)


def close_frames(doc: DocIndex, frames: list[Frame]) -> list[Claim]:
    contents: dict[int, tuple[int, int]] = {}
    for idx, frame in enumerate(frames):
        if frame.via is not None:
            continue
        span = _content(doc, frames, idx)
        if span is not None:
            contents[id(frame)] = span
    for frame in frames:
        if frame.via is not None and id(frame.via) in contents:
            contents[id(frame)] = contents[id(frame.via)]
    _relay_post(doc, frames, contents)
    for frame in frames:  # وقال X بحسب صحيفة Y «…»: Y vouches for the same words
        if frame.same_as is not None and id(frame.same_as) in contents:
            contents[id(frame)] = contents[id(frame.same_as)]
    return _claims(doc, frames, contents)


def _content(doc: DocIndex, frames: list[Frame], idx: int) -> tuple[int, int] | None:
    f = frames[idx]
    toks = doc.tokens
    if f.mode == "same":
        return None  # filled in from the report it sits in
    assert f.intro_tok is not None or f.mode == "backward"
    if f.mode == "colon":
        start = f.intro_tok + 1  # type: ignore[operator]
        if start < len(toks) and toks[start].text in OPEN_QUOTES | {'"'}:
            return _quotation(doc, start)
        return _forward(doc, frames, idx, start)
    if f.mode == "quote":
        return _quotation(doc, f.intro_tok)  # type: ignore[arg-type]
    if f.mode == "quote_before":
        return _quotation_before(doc, f.intro_tok)  # type: ignore[arg-type]
    if f.mode == "that":
        return _forward(doc, frames, idx, f.intro_tok + 1)  # type: ignore[operator]
    if f.mode in ("object", "after_source"):
        return _forward(doc, frames, idx, f.intro_tok, min_words=2)  # type: ignore[arg-type]
    if f.mode == "backward":
        start = f.lo
        for g in frames[:idx]:
            if g.sent == f.sent and g.region_end() <= f.cue_tok:
                start = max(start, g.region_end())
        return _trim(doc, start, f.region_start(), min_words=2)
    return None


def _forward(
    doc: DocIndex, frames: list[Frame], idx: int, start: int, min_words: int = 1
) -> tuple[int, int] | None:
    f = frames[idx]
    toks, norms = doc.tokens, doc.norms
    end = f.hi
    for g in frames[idx + 1 :]:
        if g.sent != f.sent:
            break
        gs = g.region_start()
        if start < gs < end and (g.breaks or g.mode == "backward") and g.via is not f:
            end = gs
            break
    for j in range(start, end):
        text = toks[j].text
        if text in ("؛", ";"):
            end = j
            break
        if text in ("،", ",") and clause_break(norms, j, end):
            end = j
            break
    return _trim(doc, start, end, min_words)


def _trim(doc: DocIndex, start: int, end: int, min_words: int = 1) -> tuple[int, int] | None:
    toks = doc.tokens
    while (
        start < end
        and not is_word(toks[start])
        and toks[start].kind != "number"
        and toks[start].text not in QUOTES
    ):
        start += 1
    while (
        end > start
        and not is_word(toks[end - 1])
        and toks[end - 1].kind != "number"
        and toks[end - 1].text not in QUOTES
    ):
        end -= 1
    # A quote mark left dangling at either end (its partner outside the span) is dropped.
    inside = [t.text for t in toks[start:end] if t.text in QUOTES]
    if end > start and toks[start].text in QUOTES and len(inside) % 2:
        start += 1
    elif end > start and toks[end - 1].text in QUOTES and len(inside) % 2:
        end -= 1
    words = sum(1 for t in toks[start:end] if is_word(t) or t.kind == "number")
    if words < min_words:
        return None
    return toks[start].start, toks[end - 1].end


def _quotation(doc: DocIndex, open_tok: int) -> tuple[int, int] | None:
    toks = doc.tokens
    closer = _CLOSER_OF.get(toks[open_tok].text)
    if closer is None:
        return None
    limit = min(len(toks), open_tok + _QUOTE_REACH)
    for j in range(open_tok + 1, limit):
        if toks[j].text == closer or (closer == '"' and toks[j].text == "”"):
            return _trim(doc, open_tok + 1, j)
    # An unclosed quotation: take the rest of the sentence.
    _, _, hi = doc.sentence_of(open_tok)
    return _trim(doc, open_tok + 1, hi)


def _quotation_before(doc: DocIndex, close_tok: int) -> tuple[int, int] | None:
    toks = doc.tokens
    closing = toks[close_tok].text
    for j in range(close_tok - 1, max(-1, close_tok - _QUOTE_REACH), -1):
        text = toks[j].text
        if (
            (closing == "»" and text == "«")
            or (closing == "”" and text == "“")
            or (closing == '"' and text == '"')
        ):
            # the quotation must open its clause («…»، قال X), not close an earlier report's content
            if j > 0 and toks[j - 1].text not in _QUOTE_OPENS_AFTER and doc.sentence_of(j)[1] != j:
                return None
            return _trim(doc, j + 1, close_tok)
        if closing == "»" and text in CLOSE_QUOTES:
            return None
    return None


def _relay_post(doc: DocIndex, frames: list[Frame], contents: dict[int, tuple[int, int]]) -> None:
    """ "ذكرت X أن … نقلًا عن Y": the post-posed relay reports the same content, via X's claim."""
    for idx, f in enumerate(frames):
        if f.cue.cls != "relay" or f.mode != "backward" or idx == 0:
            continue
        prev = frames[idx - 1]
        if prev.sent == f.sent and prev.kind != "according_to" and id(prev) in contents:
            f.via = prev
            contents[id(f)] = contents[id(prev)]


def _claims(doc: DocIndex, frames: list[Frame], contents: dict[int, tuple[int, int]]) -> list[Claim]:
    text = doc.text
    ids: dict[int, str] = {}
    out: list[Claim] = []
    seen: set[tuple[int, int, int, int]] = set()
    for f in frames:
        span = contents.get(id(f))
        if span is None or f.source is None:
            continue
        if f.via is not None and id(f.via) not in ids:
            continue
        s_start, s_end = f.source
        entity = None
        mention = doc.mention_in(s_start, s_end)
        if mention is not None:
            entity = mention.entity
            if not f.inherited and not f.passive and s_start <= mention.start < s_end:
                s_end = max(s_end, mention.end)
        key = (s_start, s_end, span[0], span[1])
        if key in seen:
            continue
        seen.add(key)
        cue_start = _cue_start(doc, f)
        cue_end = doc.tokens[f.cue_end_tok - 1].end
        claim_id = f"c{len(out) + 1}"
        ids[id(f)] = claim_id
        out.append(
            Claim(
                id=claim_id,
                kind=f.kind,
                source=ClaimSource(s_start, s_end, text[s_start:s_end], entity, f.anonymous),
                cue=Span(cue_start, cue_end, text[cue_start:cue_end]),
                content=Span(span[0], span[1], text[span[0] : span[1]]),
                via=ids[id(f.via)] if f.via is not None else None,
            )
        )
    return out


def _cue_start(doc: DocIndex, f: Frame) -> int:
    """The cue starts after its conjunction (وقالت → قالت); diacritics after the و stay with it."""
    tok = doc.tokens[f.cue_tok]
    if not f.cue.prefixed:
        return tok.start
    i = tok.start + 1
    while i < tok.end and not tok.text[i - tok.start].isalpha():
        i += 1
    return i
