"""Process-wide resources (vocabulary, segmenter, knowledge base, models), loaded lazily and picklable.

A `Resources` object holds only its configuration when pickled: a Dask worker that unpickles it loads each
resource the first time a stage asks for it, then keeps it for the life of the process. Components register
loaders by name so that this module does not import every model at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

RESOURCE_ROOT = Path(str(importlib_resources.files("rasad") / "resources"))

Loader = Callable[["Resources"], Any]
_LOADERS: dict[str, Loader] = {}


def register(name: str) -> Callable[[Loader], Loader]:
    """Decorator: register the loader of a named resource (called at most once per process per Resources)."""

    def deco(fn: Loader) -> Loader:
        _LOADERS[name] = fn
        return fn

    return deco


class Resources:
    """Lazy, picklable registry of loaded resources; `resources.get("kb")` loads on first use."""

    def __init__(self, root: Path | None = None, overrides: dict[str, Any] | None = None) -> None:
        self.root = root or RESOURCE_ROOT
        self._overrides = dict(overrides or {})
        self._loaded: dict[str, Any] = dict(self._overrides)
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "overrides": self._overrides}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["root"], state["overrides"])  # type: ignore[misc]

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def get(self, name: str) -> Any:
        try:
            return self._loaded[name]
        except KeyError:
            pass
        _import_loaders()
        with self._lock:
            if name not in self._loaded:
                if name not in _LOADERS:
                    raise KeyError(f"no resource named {name!r}")
                self._loaded[name] = _LOADERS[name](self)
            return self._loaded[name]

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded


_DEFAULT: Resources | None = None


def default_resources() -> Resources:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Resources()
    return _DEFAULT


_IMPORTED = False


def _import_loaders() -> None:
    """Import the modules that register loaders (kept here so the registry is complete before any lookup)."""
    global _IMPORTED
    if _IMPORTED:
        return
    _IMPORTED = True
    import rasad.text.resources  # noqa: F401

    for module in (
        "rasad.kb.resources",
        "rasad.ner.resources",
        "rasad.names.resources",
        "rasad.claims.resources",
        "rasad.events.resources",
    ):
        try:
            __import__(module)
        except ModuleNotFoundError as exc:  # a component that is not installed yet registers nothing
            if exc.name != module:
                raise
