"""Silver NER training data: unlabeled news tagged by a teacher, for distilling it into the fast CRF.

The teacher is the accurate but slow CRF + BiLSTM-CRF ensemble (`rasad.ner.neural.NeuralTagger`). Its tags on
sentences of the unlabeled corpus become extra training sentences for the CRF, which then learns, from far more
text than the 4,000 hand-labelled sentences, which words are names and which contexts announce them — at its own
speed. Only sentences on which the ensemble and its network alone agree token for token are kept: two views that
agree are right more often, and the CRF half of the ensemble must not simply teach the student its own errors.

Sentences come from rasad's own text stage (the tokenisation the tagger sees at run time); articles are a
deterministic sample of the corpus (seeded shuffle), so a training run is reproducible.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rasad.errors import UsageError
from rasad.ner.conll import Sentence

MIN_TOKENS, MAX_TOKENS = 4, 80  # shorter sentences carry little context; longer ones are run-ons


def sample_articles(unlabeled_dir: Path, count: int, seed: int = 7) -> list[str]:
    """`count` article texts from the corpus's JSON files (lists of objects with `content`), seeded shuffle."""
    texts: list[str] = []
    for path in sorted(Path(unlabeled_dir).glob("*.json")):
        texts.extend(str(a["content"]) for a in json.loads(path.read_text(encoding="utf-8")) if a.get("content"))
    if not texts:
        raise UsageError(f"no articles with `content` in {unlabeled_dir}/*.json")
    random.Random(seed).shuffle(texts)
    return texts[:count]


def article_sentences(texts: list[str]) -> list[list[str]]:
    """Token lists of the sentences of `texts` as the pipeline's text stage splits them (4–80 tokens)."""
    from rasad.model import Document
    from rasad.pipeline import build_pipeline
    from rasad.stages.ner import sentence_token_ranges

    pipeline = build_pipeline()
    text_stage = next(s for s in pipeline.stages if s.name == "text")
    sentences: list[list[str]] = []
    for i, text in enumerate(texts):
        layers = text_stage.run(Document(id=f"silver-{i}", text=text), MappingProxyType({}), pipeline.resources)
        tokens = layers["tokens"]
        for a, b in sentence_token_ranges(layers["sentences"], tokens):
            if MIN_TOKENS <= b - a <= MAX_TOKENS:
                sentences.append([t.text for t in tokens[a:b]])
    return sentences


def silver_sentences(teacher_dir: Path, teacher_crf_dir: Path, unlabeled_dir: Path, articles: int,
                     seed: int = 7) -> tuple[list[Sentence], dict[str, Any]]:
    """(tagged sentences the ensemble and its network agree on, statistics for the training summary)."""
    from rasad.ner.neural import NeuralTagger

    tokens = article_sentences(sample_articles(unlabeled_dir, articles, seed))
    teacher = NeuralTagger.load(Path(teacher_dir), Path(teacher_crf_dir))
    ensemble = teacher.tag(tokens)
    alone = teacher.tag_network_only(tokens)
    kept = [(t, e) for t, e, n in zip(tokens, ensemble, alone, strict=True) if e == n]
    meta = json.loads((Path(teacher_dir) / "meta.json").read_text(encoding="utf-8"))
    stats = {"articles": articles, "seed": seed, "sentences": len(tokens), "kept_sentences": len(kept),
             "kept_tokens": sum(len(t) for t, _ in kept),
             "kept_entities": sum(tag.startswith("B-") for _, tags in kept for tag in tags),
             "teacher_train_sentences": meta.get("train_sentences"), "teacher_crf_weight": teacher.crf_weight}
    return kept, stats
