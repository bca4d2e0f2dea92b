"""Within-document person coreference: parts of a full name link to the person named in full.

After كيم جونغ أون, the parts جونغ أون and كيم (and وجونغ أون, with its clitic) are that person. The index holds
every contiguous proper part of each person's names (KB names and aliases, or the text of an NER person span),
except parts that begin or end with a name particle (بن، عبد، أبو، الله …), parts that begin right after one
(سلمان in محمد بن سلمان is the father; سعود in آل سعود the family), single words under three letters, single
words from the middle of a name (كامل in نوري كامل المالكي) and ordinals, months and weekdays (الثاني، مايو).
A single word that is frequent in news (`frequent`: صالح، كيم is not) refers to the person only after the full
name; rarer parts may come first (a headline's بوتين before the body's فلاديمير بوتين).
When two persons share a part, the one mentioned last before the part wins (else the first mentioned).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rasad.kb.context import PERSON_TITLES
from rasad.kb.index import NOT_SURNAMES, PATRONYMIC_MARKERS
from rasad.kb.matcher import original_index
from rasad.model import Token
from rasad.text.normalize import REMOVED, normalize_key, word_set

NAME_PARTICLES = word_set("بن بنت ابن أبو أبي آل عبد ال الله الدين")
MAX_PART_WORDS = 3


def name_parts(words: Sequence[str], common: frozenset[str] = frozenset()) -> Iterable[tuple[str, ...]]:
    """Contiguous proper parts of a name usable on their own.

    Left out: parts that begin or end with a particle (بن، عبد، الله …) or begin right after one (the father's or
    family name), parts that begin with a title (الملك in the alias الملك سلمان), and single words that are short,
    from the middle of the name, ordinals/months/weekdays or too common in news to stand for one person (`common`).
    """
    n = len(words)
    for length in range(1, min(n, MAX_PART_WORDS + 1)):
        for i in range(n - length + 1):
            part = tuple(words[i : i + length])
            if part[0] in NAME_PARTICLES or part[-1] in NAME_PARTICLES or part[0] in PERSON_TITLES:
                continue
            if i > 0 and words[i - 1] in PATRONYMIC_MARKERS:
                continue
            if length == 1 and (
                len(part[0]) < 3
                or part[0] in common
                or part[0] in NOT_SURNAMES
                or 0 < i < n - 1  # a middle name
            ):
                continue
            yield part


class PartIndex:
    """Parts of the full names of the persons of one document → their entity ids (in order of first mention)."""

    def __init__(self, common: frozenset[str] = frozenset(), frequent: frozenset[str] = frozenset()) -> None:
        self.common = common
        self.frequent = frequent  # single words that need the full name before them
        self.parts: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self.full: dict[tuple[str, ...], str] = {}
        self.first_words: set[str] = set()

    def add(self, entity_id: str, words: Sequence[str]) -> None:
        self.full.setdefault(tuple(words), entity_id)
        for part in name_parts(words, self.common):
            if entity_id not in self.parts[part]:
                self.parts[part].append(entity_id)
                self.first_words.add(part[0])

    def lookup(self, words: tuple[str, ...], position: int, mentions: dict[str, list[int]]) -> str | None:
        ids = self.parts.get(words)
        if not ids:
            return None
        if len(words) == 1 and words[0] in self.frequent:
            ids = [i for i in ids if any(p < position for p in mentions.get(i, []))]
            if not ids:
                return None
        if len(ids) == 1:
            return ids[0]
        before = [
            (max(p for p in mentions.get(i, []) if p < position), i)
            for i in ids
            if any(p < position for p in mentions.get(i, []))
        ]
        return max(before)[1] if before else ids[0]


def token_heads(tok: Token) -> list[tuple[str, int]]:
    """(normalised form, original start) a name may begin with inside this token: whole, or after clitics."""
    heads = [(tok.norm, tok.start)]
    if tok.prefix.endswith("ال") and not tok.prefix.endswith("ل+ال"):
        # The article stays with the word (والمالكي → المالكي); a name part never drops it (الشعار ≠ شعار).
        article = len(normalize_key(tok.text[: tok.stem_start - tok.start])) - 2
        if article > 0:
            heads.append(("ال" + tok.stem, tok.start + original_index(tok.text, article)))
    elif tok.prefix and tok.stem != tok.norm:
        heads.append((tok.stem, tok.stem_start))
    return heads


def find_parts(
    tokens: Sequence[Token], index: PartIndex, covered: Sequence[bool], mentions: dict[str, list[int]]
) -> list[tuple[int, int, int, int, str]]:
    """(start, end, first token, last token, entity id) of every name part found in uncovered word tokens."""
    found: list[tuple[int, int, int, int, str]] = []
    firsts = index.first_words
    if not firsts:
        return found
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if (
            covered[i]
            or tok.kind != "word"
            or tok.suffix
            or (tok.norm not in firsts and tok.stem not in firsts)
        ):
            i += 1
            continue
        hit = None
        for length in range(MAX_PART_WORDS, 0, -1):
            j = i + length - 1
            if j >= n or any(covered[k] or tokens[k].kind != "word" for k in range(i, j + 1)):
                continue
            tail = tuple(t.norm for t in tokens[i + 1 : j + 1])
            for head, start in token_heads(tok):
                if length == 1 and _alef_maqsura_mismatch(tokens[i], head):
                    continue
                entity_id = index.lookup((head, *tail), start, mentions)
                if entity_id is not None:
                    hit = (start, tokens[j].end, i, j, entity_id)
                    break
            if hit:
                break
        if hit:
            found.append(hit)
            mentions.setdefault(hit[4], []).append(hit[0])
            i = hit[3] + 1
        else:
            i += 1
    return found


def _alef_maqsura_mismatch(tok: Token, head: str) -> bool:
    """True when the surface ends in ى where the name has ي: على ("on") is not the name علي."""
    return head.endswith("ي") and tok.text.rstrip(_MARKS).endswith("ى")


_MARKS = "".join(REMOVED)
