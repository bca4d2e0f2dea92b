"""PLOVER/CAMEO event extraction from Arabic news: trigger lexicon, arguments from clause structure, modality."""

from rasad.events.extract import EventExtractor
from rasad.events.lexicon import Lexicon, TriggerEntry, conjugate, load_lexicon
from rasad.events.match import TriggerHit, TriggerMatcher

__all__ = [
    "EventExtractor",
    "Lexicon",
    "TriggerEntry",
    "TriggerHit",
    "TriggerMatcher",
    "conjugate",
    "load_lexicon",
]
