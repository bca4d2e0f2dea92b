"""Where the NER tagger's time goes: CPU ms per article of its components over the bench corpus, cold caches.

    python benchmarks/ner_breakdown.py crf [CRF_DIR]                  # the CRF tagger (default: shipped model)
    python benchmarks/ner_breakdown.py neural NN_DIR CRF_DIR WEIGHT   # a network, alone (WEIGHT 0) or ensembled

Articles are tokenised and split into sentences as the ner stage does (untimed), then tagged one article per
call after a one-word warm-up that loads the models. Each component is timed by wrapping its function with
`time.process_time` (nested components are included in their callers' figures, as the labels say). The process
is pinned to one core.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stage_throughput import precompute
from throughput import DEFAULT_CORPUS, pin_to_one_core

TIMED = defaultdict(float)


def _timed(owner: Any, name: str, label: str) -> None:
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            TIMED[label] += time.process_time() - began

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["crf", "neural"])
    parser.add_argument("dirs", nargs="*", help="CRF_DIR, or NN_DIR CRF_DIR WEIGHT")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    pin_to_one_core()  # before numpy loads: it also makes BLAS single-threaded, as `rasad` itself runs
    from rasad.ner import crf, networks, neural, tagger
    from rasad.ner.features import Featurizer
    from rasad.stages.ner import sentence_token_ranges

    _, _, prepared = precompute("ner", args.corpus, None)
    articles = [[[t.text for t in layers["tokens"][a:b]]
                 for a, b in sentence_token_ranges(layers["sentences"], layers["tokens"])] for _, layers in prepared]
    _timed(Featurizer, "word_own_features", "featurise a new word type")
    _timed(tagger.NerTagger, "remember_many", "CRF: positional sums of new word types")
    _timed(tagger.NerTagger, "_emissions", "CRF: emissions (incl. new words)")
    _timed(networks.BiLstmNetwork, "word_gates_batch", "network: gates of new word types")
    _timed(networks.BiLstmNetwork, "logits", "network: BiLSTM forward pass")
    _timed(networks.ConvNetwork, "logits", "network: CNN forward pass")
    _timed(crf, "batched_viterbi", "Viterbi (CRF alone)")
    _timed(neural, "constrained_viterbi", "Viterbi (network / ensemble)")
    if args.kind == "crf":
        tagger_object: Any = tagger.NerTagger.load(Path(args.dirs[0]) if args.dirs else None)
    else:
        nn_dir, crf_dir, weight = Path(args.dirs[0]), Path(args.dirs[1]), float(args.dirs[2])
        tagger_object = neural.NeuralTagger.load(nn_dir, crf_dir)
        tagger_object._ensure_loaded()
        tagger_object.crf_weight = weight
    tagger_object.tag([["تحميل"]])
    TIMED.clear()
    began = time.process_time()
    for sentences in articles:
        tagger_object.tag(sentences)
    total = time.process_time() - began
    print(f"{args.kind} {' '.join(args.dirs)}: {total * 1000 / len(articles):.2f} ms per article (cold caches)")
    for label, seconds in sorted(TIMED.items(), key=lambda item: -item[1]):
        print(f"  {label:58s} {seconds * 1000 / len(articles):6.2f}")


if __name__ == "__main__":
    main()
