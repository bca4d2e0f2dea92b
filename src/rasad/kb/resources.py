"""Registers the knowledge-base loader: `resources.get("kb")` → KnowledgeBase (built once per process)."""

from __future__ import annotations

from rasad.kb.index import KnowledgeBase, load_kb
from rasad.resources import Resources, register


@register("kb")
def load(res: Resources) -> KnowledgeBase:
    kb = load_kb(res.path("kb"), res.get("vocab"))
    _ = kb.automaton  # built now, so the first document does not pay for it
    return kb
