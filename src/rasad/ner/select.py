"""Which NER tagger runs: the distilled CRF (default) or, with RASAD_NER=ensemble, the CRF + BiLSTM-CRF ensemble.

One place for the choice, so that `rasad analyze` (the ner stage) and `rasad eval ner` always score the tagger the
user gets. Both models load lazily and are picklable (Dask workers).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENSEMBLE = "ensemble"


def configured_tagger(crf_dir: Path | None = None, neural_dir: Path | None = None) -> Any:
    """`NerTagger` over `crf_dir` (default: the shipped model), or with RASAD_NER=ensemble a `NeuralTagger`
    over `neural_dir` paired with that CRF. Both offer `tag(list[list[str]]) -> list[list[str]]`."""
    if os.environ.get("RASAD_NER", "crf") == ENSEMBLE:
        from rasad.ner.neural import NeuralTagger

        return NeuralTagger.load(neural_dir, crf_dir)
    from rasad.ner.tagger import NerTagger

    return NerTagger.load(crf_dir if crf_dir is not None and crf_dir.exists() else None)
