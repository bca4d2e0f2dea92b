"""Noun phrases around an attribution cue: who is speaking, found from token shapes alone.

There is no parser in rasad, so a source phrase is grown over tokens with a few rules of Arabic noun-phrase
shape that hold well in news prose:
- a head noun, then an annexed noun or an adjective right after it (وسائل إعلام، مسؤولون روس، وكالة نوفوستي);
- after that only adjective-like words (nisba -ي/-ية/-يون, participles م…) continue an indefinite phrase
  (وسائل إعلام محلية), and only definite words continue a definite one (وزارة الخارجية الأميركية);
- a new indefinite noun after a complete phrase starts the object (ووصفت وسائل إعلام محلية | زيارة …), and
  prepositions, time words, relative pronouns and complementisers end the phrase.
Linked mentions and NER spans override the shape rules: a name is taken whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rasad.claims.words import CLOSE_QUOTES, L_CONTINUATIONS, LEFT_STOP, NP_STOP, QUANTIFIERS, QUOTES
from rasad.model import Token

_ADJ_ENDINGS = ("ي", "يه", "يون", "يين", "يان", "يتان", "يتين", "ان")
_DEF_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل")
_CONJ_STRIP = ("وال", "فال", "بال", "لل", "ال", "و", "ف")


def strip_article(norm: str) -> str:
    for p in _DEF_PREFIXES:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            return norm[len(p) :] if p != "لل" else norm[2:]
    return norm


def is_definite(tok: Token) -> bool:
    return tok.norm.startswith(_DEF_PREFIXES) or "ال" in tok.prefix


def adjective_like(tok: Token) -> bool:
    """Nisba adjectives and participles: the words that may follow a complete indefinite phrase."""
    bare = strip_article(tok.norm)
    if len(bare) < 3:
        return False
    if len(bare) == 4 and bare[0] == "ا":  # elatives and colours: الأبيض، الأقصى، الأعلى
        return True
    return bare.endswith(_ADJ_ENDINGS) or (bare.startswith("م") and len(bare) >= 4)


def head_keys(tok: Token) -> tuple[str, ...]:
    """Candidate lexicon keys of a token: its normal form, its stem and the form without article/conjunction."""
    keys = [tok.norm, tok.stem]
    if tok.norm.endswith("ا") and len(tok.norm) > 3:  # accusative tanween: دولًا، مسؤولًا
        keys.append(tok.norm[:-1])
    for p in _CONJ_STRIP:
        if tok.norm.startswith(p) and len(tok.norm) - len(p) >= 2:
            keys.append(tok.norm[len(p) :])
    return tuple(keys)


def is_word(tok: Token) -> bool:
    return tok.kind in ("word", "latin")


def is_conjunction_word(tok: Token, known: Callable[[Token], bool]) -> bool:
    """Does the token begin with the conjunction و/ف (وفي، والولايات)? Known words such as وكالة do not."""
    if not tok.norm.startswith(("و", "ف")) or len(tok.norm) < 3:
        return False
    return not known(tok) and (tok.prefix.startswith(("و", "ف")) or tok.norm[1:] in NP_STOP)


@dataclass(frozen=True, slots=True)
class PhraseContext:
    """What the phrase rules need to know about names: `name_end(i)` → index past the name starting at or
    covering token i (a linked mention or an NER span), or -1; `known_head(tok)` → the token can head a source
    (a source noun or a known name word); `lexicon_head(tok)` → it is a source noun of the cue lexicon."""

    tokens: Sequence[Token]
    name_end: Callable[[int], int]
    known_head: Callable[[Token], bool]
    lexicon_head: Callable[[Token], bool]


def forward_phrase(ctx: PhraseContext, i: int, limit: int, max_words: int = 9) -> int:
    """Index past the noun phrase that starts at token i (i itself when no phrase starts there)."""
    toks = ctx.tokens
    if i >= limit:
        return i
    j = i
    while j < limit and toks[j].text in QUOTES:  # a name in quotes: وكالة "نوفوستي"
        j += 1
    if j >= limit or not is_word(toks[j]) or toks[j].norm in NP_STOP:
        return i
    name = ctx.name_end(j)
    head = toks[j]
    j = name if name > j else j + 1
    prev_definite = is_definite(toks[j - 1])
    # A definite head (الحكومة) takes adjectives only; an indefinite one may be annexed (وزارة الخارجية).
    head_definite = name <= 0 and prev_definite
    # بعض وسائل الإعلام، معظم المسؤولين: a quantifier lets the noun after it head the phrase.
    head_known = name > 0 or ctx.known_head(head) or head.norm in QUANTIFIERS
    after_adjective = False
    last_was_name = name > 0
    words = 1
    last_word_end = j
    open_quote = sum(1 for t in toks[i:j] if t.text == '"') % 2 == 1
    while j < limit and words < max_words:
        tok = toks[j]
        if tok.text in QUOTES:
            if tok.text == '"':
                open_quote = not open_quote
            j += 1
            if not open_quote:
                last_word_end = j if toks[j - 2].text != '"' else last_word_end
            continue
        if open_quote and is_word(tok) and words < 5:  # a quoted name: صحيفة "نيويورك تايمز"
            j += 1
            words += 1
            continue
        name = ctx.name_end(j)
        if name > j:
            if last_was_name:  # two names in a row: subject and object (تتهم واشنطن موسكو)
                break
            last_was_name = True
            j = name
            last_word_end = j
            prev_definite = True
            words += 1
            continue
        if not is_word(tok) or tok.norm in NP_STOP:
            break
        last_was_name = False
        if tok.norm == "باسم":  # المتحدث باسم وزارة الخارجية: a new annexed phrase follows
            j += 1
            words += 1
            # the article is fine (المتحدث باسم الحكومة); a clitic conjunction or preposition is not
            if (
                j < limit
                and is_word(toks[j])
                and toks[j].norm not in NP_STOP
                and toks[j].prefix in ("", "ال")
            ):
                prev_definite = head_definite = is_definite(toks[j])
                j += 1
                last_word_end = j
                words += 1
            continue
        if tok.norm.startswith("ل") and tok.prefix.startswith("ل"):
            if words >= 2 and tok.stem in L_CONTINUATIONS:
                j += 1
                last_word_end = j
                words += 1
                continue
            break
        if tok.norm.startswith(("ب", "ك")) and tok.prefix.startswith(("ب", "ك")):
            break
        if is_conjunction_word(tok, ctx.known_head):
            break
        definite = is_definite(tok)
        adjective = adjective_like(tok)
        if definite:
            # وسائل إعلام محلية | الزيارة …؛ وكالة نوفوستي الروسية (a name, then its adjective) continues.
            if (after_adjective or head_definite) and not adjective:
                break
            # after the first definite annex only adjectives follow (وزارة الخارجية الأميركية | الاتحاد …)
            head_definite = True
        else:
            if prev_definite or ((words >= 2 or not head_known) and not adjective):
                break
            after_adjective = words >= 2 or adjective
        prev_definite = definite
        j += 1
        last_word_end = j
        words += 1
    return last_word_end


def backward_phrase(
    ctx: PhraseContext, v: int, lower: int, is_cue: Callable[[int], bool]
) -> tuple[int, int] | None:
    """(start, end) token indices of the phrase that ends right before the verb at token v (SVO order), or None.

    Skips قد/لقد and one comma (دولًا غربية وفي مقدمها الولايات المتحدة، تخشى …); the phrase starts after the
    nearest boundary word and must be headed by a known source noun or a name.
    """
    toks = ctx.tokens
    j = v - 1
    while j >= lower and toks[j].norm in ("قد", "لقد"):
        j -= 1
    if j >= lower and toks[j].text in ("،", ","):
        j -= 1
    end = j + 1
    words = 0
    while j >= lower:
        tok = toks[j]
        if tok.text in QUOTES:
            j -= 1
            continue
        if not is_word(tok) or tok.norm in LEFT_STOP or is_cue(j):
            break
        words += 1
        if words > 10:
            return None
        j -= 1
    start = j + 1
    while start < end and toks[start].text in QUOTES:
        start += 1
    while end > start and toks[end - 1].text in QUOTES and toks[end - 1].text not in CLOSE_QUOTES:
        end -= 1
    if start >= end:
        return None
    # Before a verb any noun could be the subject's neighbour, so only a source noun from the lexicon or a
    # recognised name heads the phrase (not a bare KB name word, which can be a common word).
    head = toks[start]
    if head.norm in QUANTIFIERS and start + 1 < end:  # كبار المسؤولين الإيرانيين
        head = toks[start + 1]
    if not (ctx.lexicon_head(head) or ctx.name_end(start) > start):
        return None
    return start, end
