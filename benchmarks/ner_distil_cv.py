"""K-fold cross-validation of NER distillation: feature CRF vs the CRF distilled from the ensemble vs the ensemble.

    python benchmarks/ner_distil_cv.py --vectors VECTORS.npy [--folds 5] [--only 0,2,4]
        [--train ../shared/data/ner/anercorp_train.conll] [--unlabeled ../shared/data/unlabeled/saudinewsnet]

Folds are contiguous runs of sentences. For each fold, with the other folds as the training file and exactly the
shipped recipes (`rasad train ner`, `rasad train ner-neural`, `rasad train ner --teacher`):
  1. the feature CRF (neighbour lexicon rebuilt from the training folds), scored on the held-out fold;
  2. the BiLSTM-CRF network trained on the training folds with that CRF's lexicons (the teacher's network);
  3. the student CRF: training folds + the sentences of 2,000 unlabeled articles on which the teacher ensemble
     (network + CRF 1) and its network alone agree — the teacher never saw the held-out fold;
  4. the ensemble of the network with the student CRF (the opt-in accurate tagger), scored on the held-out fold.
About 20 minutes per fold on one core while a second process uses the other (torch at training time); `--only`
runs some folds, so that two processes can share the work. Prints one line per fold and model, then mean ± sd over the folds run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from rasad.eval.ner import DOCUMENT_WINDOW, score_tags
from rasad.ner.conll import Sentence, read_conll
from rasad.ner.consistency import propagate
from rasad.ner.neural import NeuralTagger
from rasad.ner.tagger import NerTagger

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"


def write_conll(sentences: list[Sentence], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for tokens, tags in sentences:
            fh.writelines(f"{token} {tag}\n" for token, tag in zip(tokens, tags, strict=True))
            fh.write("\n")
    return path


def fold_scores(train: list[Sentence], dev: list[Sentence], vectors: Path, unlabeled: Path,
                work: Path) -> dict[str, float]:
    from rasad.train import ner, ner_neural

    train_file, dev_file = write_conll(train, work / "train.conll"), write_conll(dev, work / "dev.conll")
    gold = [tags for _, tags in dev]
    tokens = [toks for toks, _ in dev]
    base = ner.train(train_file, dev_file, work / "crf", vectors=vectors)
    ner_neural.train(train_file, vectors, work / "net", work / "crf", {"seed": 2, "lr_decay": "linear"})
    student = ner.train(train_file, dev_file, work / "student", vectors=vectors,
                        teacher=(work / "net", work / "crf"), silver_dir=unlabeled)
    assert student["silver"]["dev_held_out_from_teacher"]
    ensemble = NeuralTagger.load(work / "net", work / "student")
    ensemble_tags, student_tags = ensemble.tag(tokens), NerTagger.load(work / "student").tag(tokens)
    return {"feature CRF": base["dev_scores"]["f1"], "distilled CRF": student["dev_scores"]["f1"],
            "network alone": score_tags(gold, ensemble.tag_network_only(tokens))["f1"],
            "ensemble (network + distilled CRF)": score_tags(gold, ensemble_tags)["f1"],
            "distilled CRF, numpy runtime": score_tags(gold, student_tags)["f1"],
            # what `rasad analyze` and `rasad eval ner` score: the tags made consistent within each document
            "distilled CRF + consistency": score_tags(gold, propagate(tokens, student_tags, DOCUMENT_WINDOW))["f1"],
            "ensemble + consistency": score_tags(gold, propagate(tokens, ensemble_tags, DOCUMENT_WINDOW))["f1"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", type=Path, required=True)
    parser.add_argument("--train", type=Path, default=SHARED / "ner" / "anercorp_train.conll")
    parser.add_argument("--unlabeled", type=Path, default=SHARED / "unlabeled" / "saudinewsnet")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated fold numbers (0-based) to run")
    args = parser.parse_args()
    sentences = read_conll(args.train)
    n = len(sentences)
    wanted = [int(k) for k in args.only.split(",") if k] or list(range(args.folds))
    results: dict[str, list[float]] = {}
    for k in wanted:
        lo, hi = k * n // args.folds, (k + 1) * n // args.folds
        with tempfile.TemporaryDirectory(prefix=f"rasad-distil-cv{k}-") as tmp:
            scores = fold_scores(sentences[:lo] + sentences[hi:], sentences[lo:hi], args.vectors, args.unlabeled,
                                 Path(tmp))
        for name, f1 in scores.items():
            results.setdefault(name, []).append(f1)
            print(f"fold {k + 1}/{args.folds}  {name:<36} F1 {f1:.4f}", flush=True)
    for name, values in results.items():
        spread = statistics.pstdev(values) if len(values) > 1 else 0.0
        print(f"{name:<36} mean {statistics.mean(values):.4f} ± {spread:.4f}  " + " ".join(f"{v:.4f}" for v in values))


if __name__ == "__main__":
    main()
