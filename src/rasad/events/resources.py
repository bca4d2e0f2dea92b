"""Loader of the events component's resources: the compiled trigger lexicon and its matcher."""

from __future__ import annotations

from rasad.events.extract import EventExtractor
from rasad.events.lexicon import load_lexicon
from rasad.events.match import TriggerMatcher
from rasad.resources import Resources, register


@register("event_extractor")
def load_event_extractor(res: Resources) -> EventExtractor:
    lexicon = load_lexicon(res.path("lexicons", "event_triggers.tsv"))
    try:
        vocabulary = res.get("vocab")
    except KeyError:  # the text component's vocabulary is optional here: it only guards clitic stripping
        vocabulary = None
    return EventExtractor(lexicon, TriggerMatcher(lexicon, vocabulary))
