"""Attributed claims: who said what, according to whom (the `claims` layer)."""

from rasad.claims.extract import ClaimExtractor
from rasad.claims.lexicon import Cue, CueLexicon

__all__ = ["ClaimExtractor", "Cue", "CueLexicon"]
