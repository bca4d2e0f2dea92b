"""English (Latin-script) renderings of Arabic names for entities that the knowledge base does not know.

`NameRenderer.render("محمود عباس")` → "Mahmoud Abbas" (best effort; see docs/models/names.md for accuracy).
Each word goes through a learned character-level encoder–decoder (`rasad.names.seq2seq`); a few conventions of
Arabic names are handled around it:

- the article ال: the model was trained to drop it, and the renderer writes it as a lower-case "al-" particle
  (الأسد → al-Asad). When the model keeps an initial "al"/"el" itself, the letters belong to the name and no
  particle is added (rare: foreign names are usually written with أل, ألبرت → Albert, which has no article);
- compounds: عبد الله → Abdullah, عبد + an ال-word → "Abd al-..." (عبد الرحمن → Abd al-Rahman), and any other
  word + الله is one name (نصر الله → Nasrallah);
- kinship/family particles have fixed spellings: بن → bin, بنت → bint, ابن → ibn, أبو → Abu, آل → Al;
- diacritics, tatweel and bidi marks are stripped; hamza forms and taa marbuta are kept for the model;
- digits and Latin letters pass through; output words are in Title Case.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasad.names.normalize import model_letters, normalize_arabic, split_script_runs
from rasad.names.seq2seq import Seq2SeqModel

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "models" / "names"
MODEL_FILE = "seq2seq.npz"

# Fixed spellings; the value's case is kept (lower-case particles stay lower-case inside a name).
PARTICLES = {
    "بن": "bin",
    "بنت": "bint",
    "ابن": "ibn",
    "إبن": "ibn",
    "أبو": "Abu",
    "ابو": "Abu",
    "أبي": "Abi",
    "آل": "Al",
    "الله": "Allah",
}
ABD = "عبد"
ALLAH = "الله"
ABDULLAH = "Abdullah"
ARTICLE = "ال"
ARTICLE_PARTICLE = "al-"
DECODED_LIMIT = 100_000  # words kept from `render_many` batches before starting afresh


def title_word(latin: str) -> str:
    """Upper-case the first letter of each hyphen-separated part, except a leading "al-" particle."""
    parts = latin.split("-")
    out = []
    for index, part in enumerate(parts):
        keep_lower = index == 0 and len(parts) > 1 and part == "al"
        out.append(part if keep_lower or not part else part[0].upper() + part[1:])
    return "-".join(out)


def _split_joined_abd(word: str) -> list[str]:
    """عبدالله / عبدالرحمن are often written without the space; treat them like the spaced forms."""
    if word.startswith(ABD + ARTICLE) and len(word) >= len(ABD) + 4:
        return [ABD, word[len(ABD) :]]
    return [word]


class NameRenderer:
    """Arabic name → English rendering with a small learned model; picklable (reloads lazily)."""

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = Path(model_dir)
        self._model: Seq2SeqModel | None = None
        self._cached_word: Any = None
        self._lock = threading.Lock()
        # Model outputs decoded ahead by `render_many` (model letters → raw Latin); only ever added to, so a
        # reader in another thread sees either a correct entry or none (and then decodes the word itself).
        self._decoded: dict[str, str] = {}

    @classmethod
    def load(cls, model_dir: Path | None = None) -> NameRenderer:
        """A renderer for the model in `model_dir` (default: the shipped model); weights load on first use."""
        directory = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        if not (directory / MODEL_FILE).is_file():
            raise FileNotFoundError(f"name model not found: {directory / MODEL_FILE}")
        return cls(directory)

    def __getstate__(self) -> dict[str, Any]:
        return {"model_dir": str(self.model_dir)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(Path(state["model_dir"]))  # type: ignore[misc]

    def _ensure_loaded(self) -> Any:
        if self._cached_word is None:
            with self._lock:
                if self._cached_word is None:
                    self._model = Seq2SeqModel.load(self.model_dir / MODEL_FILE)
                    self._cached_word = functools.lru_cache(maxsize=100_000)(self._render_word)
        return self._cached_word

    @property
    def model(self) -> Seq2SeqModel:
        self._ensure_loaded()
        assert self._model is not None
        return self._model

    def transliterate(self, letters: str) -> str:
        """The model's raw lower-case output for one word (no article or particle handling)."""
        return self.model.transliterate(model_letters(normalize_arabic(letters)))

    def _render_word(self, word: str) -> str:
        if word in PARTICLES:
            return PARTICLES[word]
        letters = model_letters(word)
        if not letters:
            return ""
        latin = self._decoded.get(letters)
        if latin is None:
            assert self._model is not None
            latin = self._model.transliterate(letters)
        if not latin:
            return ""
        has_article = letters.startswith(ARTICLE) and len(letters) >= 4 and not letters.startswith(ALLAH)
        if has_article and not latin.startswith(("al", "el")):
            return ARTICLE_PARTICLE + title_word(latin)
        return title_word(latin)

    def render(self, arabic: str) -> str:
        """Best-effort English rendering of an Arabic name; Latin letters and digits pass through."""
        return self._render_with(arabic, self._ensure_loaded())

    def render_many(self, names: list[str]) -> list[str]:
        """`render` of each name (identical results), with all their new words decoded in one batch."""
        self._ensure_loaded()
        wanted: set[str] = set()

        def collect(word: str) -> str:
            if word not in PARTICLES:
                wanted.add(model_letters(word))
            return ""

        for arabic in names:
            self._render_with(arabic, collect)
        new_letters = sorted(letters for letters in wanted if letters and letters not in self._decoded)
        if len(self._decoded) + len(new_letters) > DECODED_LIMIT:
            self._decoded = {}  # a fresh dict, not .clear(): other threads may be reading the old one
        self._decoded.update(zip(new_letters, self.model.transliterate_many(new_letters), strict=True))
        return [self.render(arabic) for arabic in names]

    def _render_with(self, arabic: str, render_word: Callable[[str], str]) -> str:
        words = [part for word in normalize_arabic(arabic).split() for part in _split_joined_abd(word)]
        pieces: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            following = words[index + 1] if index + 1 < len(words) else ""
            if following == ALLAH and word == ABD:
                pieces.append(ABDULLAH)
                index += 2
                continue
            if following == ALLAH and model_letters(word) == word and word not in PARTICLES:
                # Theophoric compounds are one name: نصر الله → Nasrallah.
                stem = render_word(word)
                pieces.append(stem + ("llah" if stem.endswith("a") else "allah"))
                index += 2
                continue
            if word == ABD and following.startswith(ARTICLE) and len(following) > 3:
                pieces.append("Abd")  # عبد الرحمن → Abd al-Rahman (the next word keeps its article)
            else:
                rendered = "".join(
                    render_word(text) if is_arabic else text for is_arabic, text in split_script_runs(word)
                )
                if rendered:
                    pieces.append(rendered)
            index += 1
        if pieces and pieces[0][:1].islower() and not pieces[0].startswith(ARTICLE_PARTICLE):
            # A name does not start with a lower-case word ("ibn Khaldun" → "Ibn Khaldun"); "al-Assad" stays.
            pieces[0] = pieces[0][0].upper() + pieces[0][1:]
        return " ".join(pieces)


_default_renderer: NameRenderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> NameRenderer:
    global _default_renderer
    if _default_renderer is None:
        with _default_lock:
            if _default_renderer is None:
                _default_renderer = NameRenderer.load()
    return _default_renderer


@functools.lru_cache(maxsize=100_000)
def render_name(arabic: str) -> str:
    """Render `arabic` with the shipped model (loaded on first call); results are cached."""
    return default_renderer().render(arabic)
