"""Training the neural NER tagger of `rasad.ner.neural` (torch at train time only, imported inside functions).

    python -m rasad.train.ner_neural TRAIN.conll VECTORS.npy OUT_DIR [--epochs 25] [--dev]

VECTORS.npy holds the skip-gram vectors whose rows follow the word order of the CRF model's `clusters.tsv`
(`rasad.train.clusters` writes both; the clusters file is sorted by corpus count, so the first `vocab_size`
rows are the most frequent words). Inputs per token, the network and the export format are described in
`rasad.ner.neural`. With `--dev` the model is trained on the first 90% of the sentences and scored on the
rest (network alone and ensembled with the CRF of `--crf-dir`); without it, on everything.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from rasad.eval.ner import score_tags
from rasad.ner.conll import Sentence, bio_spans, read_conll, split_train_dev
from rasad.ner.features import Featurizer
from rasad.ner.neural import bio_constraints, constrained_viterbi
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_MODEL_DIR
from rasad.ner.tagger import load_featurizer

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
# Featurizer attributes fed to the network as a bag: cheap word-level evidence the vectors lack
# (gazetteer, neighbour-type lexicon, triggers, clitic signature, rarity, article ratio, coarse clusters).
FEATURE_PREFIXES = ("sh=", "cl=", "fq=", "art=", "gz=", "nn=", "tr=", "c0=", "c1=", "len=", "c=UNK")
DEFAULTS: dict[str, Any] = {"vocab_size": 60000, "hidden": 100, "char_filters": 50, "char_dim": 24,
                            "feature_dim": 50, "dropout": 0.5, "lr": 2e-3, "batch": 16, "max_chars": 16,
                            "epochs": 25, "seed": 1, "crf_weight": 0.5}


class Inputs:
    """Vocabularies and per-word-type input ids (word vector row, stem vector row, chars, attribute bag)."""

    def __init__(self, featurizer: Featurizer, words: list[str], train: list[Sentence], max_chars: int):
        self.featurizer = featurizer
        self.words = words
        self.word_index = {w: i + 1 for i, w in enumerate(words)}  # 0 = unknown
        self.max_chars = max_chars
        self.features: dict[str, int] = {}
        self.chars: dict[str, int] = {}
        for tokens, _ in train:  # attribute and character vocabularies come from the training split only
            for token in tokens:
                own, norm, _, _ = featurizer.word_own_features(token)
                for f in own:
                    if f.startswith(FEATURE_PREFIXES):
                        self.features.setdefault(f, len(self.features))
                for ch in norm:
                    self.chars.setdefault(ch, len(self.chars) + 2)  # 0 pad, 1 unknown
        self._cache: dict[str, tuple[int, int, list[int], list[int]]] = {}

    def word(self, token: str) -> tuple[int, int, list[int], list[int]]:
        hit = self._cache.get(token)
        if hit is None:
            own, norm, stem, keys = self.featurizer.word_own_features(token)
            word_id = next((self.word_index[k] for k in keys if k in self.word_index), 0)
            feature_ids = [i for i in map(self.features.get, own) if i is not None]
            hit = (word_id, self.word_index.get(stem, 0), [self.chars.get(c, 1) for c in norm], feature_ids)
            self._cache[token] = hit
        return hit


def _build_network(embeddings: np.ndarray, n_chars: int, n_features: int, p: dict[str, Any]) -> Any:
    import torch
    from torch import nn

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(torch.from_numpy(embeddings), freeze=True)
            self.cemb = nn.Embedding(n_chars + 2, p["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(p["char_dim"], p["char_filters"], 3, padding=1)
            self.feat = nn.Linear(n_features, p["feature_dim"])
            self.drop = nn.Dropout(p["dropout"])
            width = 2 * embeddings.shape[1] + p["char_filters"] + p["feature_dim"]
            self.lstm = nn.LSTM(width, p["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * p["hidden"], len(LABELS))

        def forward(self, words: Any, stems: Any, chars: Any, feats: Any, lengths: list[int]) -> Any:
            b, n, m = chars.shape
            flat = chars.view(b * n, m)
            c = torch.relu(self.conv(self.cemb(flat).transpose(1, 2)))
            # Max over real characters only (padding masked), as the numpy runtime does.
            c = c.masked_fill((flat == 0).unsqueeze(1), -1e4).max(2).values.clamp(min=0).view(b, n, -1)
            x = torch.cat([self.emb(words), self.emb(stems), c, torch.tanh(self.feat(feats))], -1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), torch.tensor(lengths), batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
            return self.out(self.drop(h))

    return Network()


def _tensors(inputs: Inputs, batch: list[Sentence]) -> tuple[list[Any], list[int]]:
    import torch

    n, size = max(len(t) for t, _ in batch), len(batch)
    words = np.zeros((size, n), np.int64)
    stems = np.zeros((size, n), np.int64)
    chars = np.zeros((size, n, inputs.max_chars), np.int64)
    feats = np.zeros((size, n, len(inputs.features)), np.float32)
    gold = np.full((size, n), -100, np.int64)
    label_index = {label: i for i, label in enumerate(LABELS)}
    for b, (tokens, tags) in enumerate(batch):
        for i, token in enumerate(tokens):
            word_id, stem_id, char_ids, feature_ids = inputs.word(token)
            char_ids = char_ids[: inputs.max_chars]
            words[b, i], stems[b, i] = word_id, stem_id
            chars[b, i, : len(char_ids)] = char_ids
            feats[b, i, feature_ids] = 1.0
            gold[b, i] = label_index[tags[i]]
    arrays = [torch.from_numpy(a) for a in (words, stems, chars, feats, gold)]
    return arrays, [len(t) for t, _ in batch]


def network_log_probs(network: Any, inputs: Inputs, sentences: list[list[str]]) -> list[np.ndarray]:
    import torch

    network.eval()
    out: list[np.ndarray] = []
    with torch.no_grad():
        for k in range(0, len(sentences), 64):
            batch = [(s, ["O"] * len(s)) for s in sentences[k:k + 64]]
            (words, stems, chars, feats, _), lengths = _tensors(inputs, batch)
            log_p = torch.log_softmax(network(words, stems, chars, feats, lengths), -1).numpy()
            out.extend(log_p[b, : lengths[b]] for b in range(len(batch)))
    return out


def decode(log_probs: list[np.ndarray]) -> list[list[str]]:
    start, allowed = bio_constraints(LABELS)
    return [[LABELS[j] for j in path] for path in constrained_viterbi(log_probs, start, allowed)]


def unseen_recall(train: list[Sentence], dev: list[Sentence], predicted: list[list[str]]) -> float:
    """Recall on dev entities whose text never occurs as an entity in the training split."""
    seen = {" ".join(tokens[s:e]) for tokens, tags in train for s, e, _ in bio_spans(tags)}
    total = hit = 0
    for (tokens, tags), pred in zip(dev, predicted, strict=True):
        found = set(bio_spans(pred))
        for span in bio_spans(tags):
            if " ".join(tokens[span[0]:span[1]]) not in seen:
                total += 1
                hit += span in found
    return hit / max(total, 1)


def train_network(train: list[Sentence], inputs: Inputs, embeddings: np.ndarray, params: dict[str, Any],
                  dev: list[Sentence] | None = None, log: Any = print) -> Any:
    """Adam on token cross-entropy; returns the network after `params["epochs"]` epochs."""
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(params["seed"])
    rng = random.Random(params["seed"])
    network = _build_network(embeddings, len(inputs.chars), len(inputs.features), params)
    optimizer = torch.optim.Adam([p for p in network.parameters() if p.requires_grad], lr=params["lr"])
    for epoch in range(params["epochs"]):
        began = time.time()
        network.train()
        order = list(range(len(train)))
        rng.shuffle(order)
        total = 0.0
        for k in range(0, len(order), params["batch"]):
            (words, stems, chars, feats, gold), lengths = _tensors(inputs, [train[i] for i in order[k:k + params["batch"]]])
            logits = network(words, stems, chars, feats, lengths)
            loss = nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)), gold.reshape(-1), ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            total += float(loss.item())
        message = f"epoch {epoch} loss {total:.1f} {time.time() - began:.0f}s"
        if dev:
            result = score_tags([g for _, g in dev], decode(network_log_probs(network, inputs, [t for t, _ in dev])))
            message += f" dev F1 {result['f1']:.4f}"
        log(message)
    return network


def export(network: Any, inputs: Inputs, out_dir: Path, params: dict[str, Any], summary: dict[str, Any]) -> None:
    """weights.npz (float16 word vectors, float32 rest, vocabularies) and meta.json for `NeuralTagger`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {k.replace(".", "_"): v.detach().numpy() for k, v in network.state_dict().items()}
    arrays["emb_weight"] = arrays["emb_weight"].astype(np.float16)
    arrays["labels"] = np.array(LABELS)
    arrays["words"] = np.array(inputs.words)
    arrays["features"] = np.array(sorted(inputs.features, key=inputs.features.__getitem__))
    arrays["chars"] = np.array(sorted(inputs.chars, key=inputs.chars.__getitem__))
    np.savez_compressed(out_dir / "weights.npz", **arrays)
    meta = {"max_chars": params["max_chars"], "crf_weight": params["crf_weight"], "params": params, **summary}
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def load_vectors(vectors_path: Path, clusters_path: Path, vocab_size: int) -> tuple[list[str], np.ndarray]:
    """The `vocab_size` most frequent words and their unit-length vectors, row 0 = zero (unknown)."""
    words: list[str] = []
    with clusters_path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#word\t"):
                words.append(line.split("\t", 1)[0])
                if len(words) == vocab_size:
                    break
    vectors = np.load(vectors_path, mmap_mode="r")[: len(words)].astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-8
    return words, np.vstack([np.zeros((1, vectors.shape[1]), np.float32), vectors])


def train(train_file: Path, vectors_path: Path, out_dir: Path, crf_dir: Path = CRF_MODEL_DIR,
          params: dict[str, Any] | None = None, dev_run: bool = False) -> dict[str, Any]:
    """Train (on 90% with a dev score when `dev_run`, else on everything) and export to `out_dir`."""
    p = {**DEFAULTS, **(params or {})}
    sentences = read_conll(train_file)
    train_part, dev = split_train_dev(sentences) if dev_run else (sentences, [])
    featurizer = load_featurizer(crf_dir)
    words, embeddings = load_vectors(vectors_path, crf_dir / "clusters.tsv", p["vocab_size"])
    inputs = Inputs(featurizer, words, train_part, p["max_chars"])
    network = train_network(train_part, inputs, embeddings, p, dev or None)
    summary: dict[str, Any] = {"train_file": train_file.name, "train_sentences": len(train_part)}
    if dev:
        log_probs = network_log_probs(network, inputs, [t for t, _ in dev])
        predicted = decode(log_probs)
        result = score_tags([g for _, g in dev], predicted)
        summary["dev_network_only"] = {"f1": result["f1"], "unseen_recall": unseen_recall(train_part, dev, predicted)}
    export(network, inputs, out_dir, p, summary)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train_file", type=Path)
    parser.add_argument("vectors", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--crf-dir", type=Path, default=CRF_MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=DEFAULTS["epochs"])
    parser.add_argument("--crf-weight", type=float, default=DEFAULTS["crf_weight"])
    parser.add_argument("--dev", action="store_true")
    args = parser.parse_args()
    summary = train(args.train_file, args.vectors, args.out_dir, args.crf_dir,
                    {"epochs": args.epochs, "crf_weight": args.crf_weight}, args.dev)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
