"""Training the neural NER tagger of `rasad.ner.neural` (torch at train time only, imported inside functions).

    python -m rasad.train.ner_neural TRAIN.conll VECTORS.npy OUT_DIR [--epochs 20] [--seed 1] [--dev]

VECTORS.npy holds the skip-gram vectors whose rows follow the word order of the CRF model's `clusters.tsv`
(`rasad.train.clusters` writes both; the clusters file is sorted by corpus count, so the first `vocab_size`
rows are the most frequent words). Inputs per token, the network and the export format are described in
`rasad.ner.neural`. With `--dev` the model is trained on the first 90% of the sentences and scored on the
rest (network alone); without it, on everything. The output layer is a linear-chain CRF (learned transitions,
start and end scores, BIO constraints built in) trained on the sentence log-likelihood; training words are
replaced by the unknown vector with probability `word_dropout`, so the network learns to tag names without
a vector from characters, attributes and context, as it must for unseen names; the learning rate decays
linearly to zero, so the last epoch (a fixed recipe, not a dev-chosen checkpoint) is a stable one.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from rasad.eval.ner import score_tags
from rasad.ner.conll import Sentence, bio_spans, read_conll, split_train_dev
from rasad.ner.features import Featurizer
from rasad.ner.networks import bio_constraints, constrained_viterbi, crf_log_marginals
from rasad.ner.tagger import DEFAULT_MODEL_DIR as CRF_MODEL_DIR
from rasad.ner.tagger import load_featurizer

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
# Featurizer attributes fed to the network as a bag: cheap word-level evidence the vectors lack
# (gazetteer, neighbour-type lexicon, triggers, clitic signature, rarity, article ratio, coarse clusters).
FEATURE_PREFIXES = ("sh=", "cl=", "fq=", "art=", "gz=", "nn=", "tr=", "c0=", "c1=", "len=", "c=UNK")
# With `cluster_features`, also the word's and its stem's fine clusters (k = 1024/4096 and all four stem levels):
# they cover the whole clusters vocabulary, twice the words that get a vector.
CLUSTER_PREFIXES = ("c2=", "c3=", "sc0=", "sc1=", "sc2=", "sc3=")
MAX_FEATURES = 32  # attributes per word kept (a word has at most ~20 of the prefixes above)
DEFAULTS: dict[str, Any] = {"vocab_size": 60000, "hidden": 100, "char_filters": 50, "char_dim": 24,
                            "feature_dim": 50, "dropout": 0.5, "lr": 2e-3, "batch": 16, "max_chars": 16,
                            "epochs": 20, "seed": 1, "crf_weight": 0.4, "word_dropout": 0.0, "lr_decay": "none",
                            "cluster_features": False, "encoder": "lstm", "conv_width": 200,
                            "dilations": [1, 2, 4]}


class Inputs:
    """Vocabularies and per-word-type input ids (word vector row, stem vector row, chars, attribute bag)."""

    def __init__(self, featurizer: Featurizer, words: list[str], train: list[Sentence], max_chars: int,
                 prefixes: tuple[str, ...] = FEATURE_PREFIXES):
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
                    if f.startswith(prefixes):
                        self.features.setdefault(f, len(self.features))
                for ch in norm:
                    self.chars.setdefault(ch, len(self.chars) + 2)  # 0 pad, 1 unknown
        self._cache: dict[str, tuple[int, int, list[int], list[int]]] = {}

    def word(self, token: str) -> tuple[int, int, list[int], list[int]]:
        hit = self._cache.get(token)
        if hit is None:
            own, norm, stem, keys = self.featurizer.word_own_features(token)
            word_id = next((self.word_index[k] for k in keys if k in self.word_index), 0)
            feature_ids = [i for i in dict.fromkeys(map(self.features.get, own)) if i is not None][:MAX_FEATURES]
            hit = (word_id, self.word_index.get(stem, 0), [self.chars.get(c, 1) for c in norm], feature_ids)
            self._cache[token] = hit
        return hit


def repair_bio(tags: list[str]) -> list[str]:
    """I-X after a tag of another type starts a chunk under conlleval; as a training target it is B-X (the
    CRF layer forbids the I-X transition, so the raw tag would be an impossible path)."""
    out: list[str] = []
    previous = "O"
    for tag in tags:
        out.append("B-" + tag[2:] if tag.startswith("I-") and previous[2:] != tag[2:] else tag)
        previous = tag
    return out


def _build_network(embeddings: np.ndarray, n_chars: int, n_features: int, p: dict[str, Any]) -> Any:
    import torch
    from torch import nn

    bio_start, bio_allowed = bio_constraints(LABELS)

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(torch.from_numpy(embeddings), freeze=True)
            self.cemb = nn.Embedding(n_chars + 2, p["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(p["char_dim"], p["char_filters"], 3, padding=1)
            # The attribute bag times a weight matrix, computed as a sum of embedding rows (row 0 = padding)
            # because the bag is sparse; initialised like the equivalent nn.Linear, exported as its weight.
            self.feat = nn.Embedding(n_features + 1, p["feature_dim"], padding_idx=0)
            self.feat_bias = nn.Parameter(torch.empty(p["feature_dim"]))
            bound = 1 / n_features ** 0.5
            with torch.no_grad():
                self.feat.weight.uniform_(-bound, bound)
                self.feat.weight[0] = 0.0
                self.feat_bias.uniform_(-bound, bound)
            self.drop = nn.Dropout(p["dropout"])
            width = 2 * embeddings.shape[1] + p["char_filters"] + p["feature_dim"]
            if p["encoder"] == "cnn":
                # Dilated convolutions over the sentence (residual after the first): every token is computed at
                # once, so the numpy runtime needs a few matrix products per article instead of a step per token.
                widths = [width] + [p["conv_width"]] * len(p["dilations"])
                self.convs = nn.ModuleList(nn.Conv1d(widths[i], widths[i + 1], 3, padding=d, dilation=d)
                                           for i, d in enumerate(p["dilations"]))
                self.out = nn.Linear(p["conv_width"], len(LABELS))
            else:
                self.lstm = nn.LSTM(width, p["hidden"], batch_first=True, bidirectional=True)
                self.out = nn.Linear(2 * p["hidden"], len(LABELS))
            self.trans = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))
            self.start = nn.Parameter(torch.zeros(len(LABELS)))
            self.end = nn.Parameter(torch.zeros(len(LABELS)))
            self.register_buffer("bio_allowed", torch.tensor(bio_allowed, dtype=torch.float32))
            self.register_buffer("bio_start", torch.tensor(bio_start, dtype=torch.float32))

        def crf_scores(self) -> tuple[Any, Any, Any]:
            """(transitions, start, end) with the BIO constraints added, as exported."""
            return (self.trans + self.get_buffer("bio_allowed"), self.start + self.get_buffer("bio_start"),
                    self.end)

        def crf_nll(self, emissions: Any, gold: Any, mask: Any) -> Any:
            """Summed negative log-likelihood of the gold paths (forward algorithm over the batch)."""
            transitions, start, end = self.crf_scores()
            weight = mask.float()
            score = start[gold[:, 0]] + (emissions.gather(2, gold.unsqueeze(2)).squeeze(2) * weight).sum(1)
            score = score + (transitions[gold[:, :-1], gold[:, 1:]] * weight[:, 1:]).sum(1)
            score = score + end[gold.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)]
            alpha = start + emissions[:, 0]
            for t in range(1, emissions.shape[1]):
                step = torch.logsumexp(alpha.unsqueeze(2) + transitions.unsqueeze(0), 1) + emissions[:, t]
                alpha = torch.where(mask[:, t:t + 1], step, alpha)
            return (torch.logsumexp(alpha + end, 1) - score).sum()

        def forward(self, words: Any, stems: Any, chars: Any, feats: Any, lengths: list[int]) -> Any:
            b, n, m = chars.shape
            flat = chars.view(b * n, m)
            c = torch.relu(self.conv(self.cemb(flat).transpose(1, 2)))
            # Max over real characters only (padding masked), as the numpy runtime does.
            c = c.masked_fill((flat == 0).unsqueeze(1), -1e4).max(2).values.clamp(min=0).view(b, n, -1)
            x = torch.cat([self.emb(words), self.emb(stems), c, torch.tanh(self.feat(feats).sum(2) + self.feat_bias)], -1)
            if p["encoder"] == "cnn":
                return self.out(self.drop(self._convolve(self.drop(x), words.new_tensor(lengths))))
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), torch.tensor(lengths), batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
            return self.out(self.drop(h))

        def _convolve(self, x: Any, lengths: Any) -> Any:
            """(b, n, conv_width) states; padding positions are zeroed before every layer, as the runtime's gaps
            between sentences are."""
            mask = (torch.arange(x.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)).unsqueeze(1).float()
            h = x.transpose(1, 2) * mask
            for i, conv in enumerate(self.convs):
                step = torch.relu(conv(self.drop(h) if i else h)) * mask
                h = step if i == 0 else h + step
            return h.transpose(1, 2)

    return Network()


def _tensors(inputs: Inputs, batch: list[Sentence], word_dropout: float = 0.0,
             rng: np.random.Generator | None = None) -> tuple[list[Any], list[int]]:
    """(words, stems, chars, attribute bag, gold label ids, mask) tensors and lengths; with `word_dropout`
    each token's word and stem rows become the unknown row with that probability."""
    import torch

    n, size = max(len(t) for t, _ in batch), len(batch)
    words = np.zeros((size, n), np.int64)
    stems = np.zeros((size, n), np.int64)
    chars = np.zeros((size, n, inputs.max_chars), np.int64)
    feats = np.zeros((size, n, MAX_FEATURES), np.int64)
    gold = np.zeros((size, n), np.int64)
    mask = np.zeros((size, n), bool)
    label_index = {label: i for i, label in enumerate(LABELS)}
    for b, (tokens, tags) in enumerate(batch):
        for i, token in enumerate(tokens):
            word_id, stem_id, char_ids, feature_ids = inputs.word(token)
            char_ids = char_ids[: inputs.max_chars]
            words[b, i], stems[b, i] = word_id, stem_id
            chars[b, i, : len(char_ids)] = char_ids
            feats[b, i, : len(feature_ids)] = np.array(feature_ids, dtype=np.int64) + 1
            gold[b, i] = label_index[tags[i]]
            mask[b, i] = True
    if word_dropout > 0 and rng is not None:
        dropped = rng.random((size, n)) < word_dropout
        words[dropped] = 0
        stems[dropped] = 0
    arrays = [torch.from_numpy(a) for a in (words, stems, chars, feats, gold, mask)]
    return arrays, [len(t) for t, _ in batch]


def crf_layer(network: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The network's (transitions, start, end) in float64, BIO constraints included."""
    transitions, start, end = (x.detach().numpy().astype(np.float64) for x in network.crf_scores())
    return transitions, start, end


def network_emissions(network: Any, inputs: Inputs, sentences: list[list[str]]) -> list[np.ndarray]:
    """Per-sentence (n, labels) output-layer scores of the non-empty `sentences`."""
    import torch

    network.eval()
    out: list[np.ndarray] = []
    with torch.no_grad():
        for k in range(0, len(sentences), 64):
            batch = [(s, ["O"] * len(s)) for s in sentences[k:k + 64]]
            (words, stems, chars, feats, _, _), lengths = _tensors(inputs, batch)
            scores = network(words, stems, chars, feats, lengths).numpy().astype(np.float64)
            out.extend(scores[b, : lengths[b]] for b in range(len(batch)))
    return out


def network_log_probs(network: Any, inputs: Inputs, sentences: list[list[str]]) -> list[np.ndarray]:
    """Per-token log marginals of the CRF layer (what the runtime multiplies with the feature CRF's)."""
    transitions, start, end = crf_layer(network)
    emissions = network_emissions(network, inputs, sentences)
    for e in emissions:
        e[0] += start
        e[-1] += end
    return crf_log_marginals(emissions, transitions)


def decode(network: Any, inputs: Inputs, sentences: list[list[str]]) -> list[list[str]]:
    """The CRF layer's best paths (the network alone)."""
    transitions, start, end = crf_layer(network)
    emissions = network_emissions(network, inputs, sentences)
    for e in emissions:
        e[-1] += end
    paths = constrained_viterbi(emissions, start, transitions)
    return [[LABELS[j] for j in path] for path in paths]


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
    """Adam on the CRF sentence log-likelihood; returns the network after `params["epochs"]` epochs."""
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(params["seed"])
    rng = random.Random(params["seed"])
    dropout_rng = np.random.default_rng(params["seed"])
    train = [(tokens, repair_bio(tags)) for tokens, tags in train]
    network = _build_network(embeddings, len(inputs.chars), len(inputs.features), params)
    optimizer = torch.optim.Adam([p for p in network.parameters() if p.requires_grad], lr=params["lr"])
    size = params["batch"]
    for epoch in range(params["epochs"]):
        began = time.time()
        if params["lr_decay"] == "linear":
            for group in optimizer.param_groups:
                group["lr"] = params["lr"] * (1 - epoch / params["epochs"])
        network.train()
        order = list(range(len(train)))
        rng.shuffle(order)
        # Batches of similar length (sorted within windows of 20 batches) keep the CRF's padded steps few.
        windows = [sorted(order[k:k + 20 * size], key=lambda i: len(train[i][0]))
                   for k in range(0, len(order), 20 * size)]
        batches = [w[k:k + size] for w in windows for k in range(0, len(w), size)]
        rng.shuffle(batches)
        total = 0.0
        for indices in batches:
            (words, stems, chars, feats, gold, mask), lengths = _tensors(inputs, [train[i] for i in indices],
                                                                         params["word_dropout"], dropout_rng)
            loss = network.crf_nll(network(words, stems, chars, feats, lengths), gold, mask) / len(indices)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            total += float(loss.item())
        message = f"epoch {epoch} loss {total:.1f} {time.time() - began:.0f}s"
        if dev:
            result = score_tags([g for _, g in dev], decode(network, inputs, [t for t, _ in dev]))
            message += f" dev F1 {result['f1']:.4f}"
        log(message)
    return network


def export(network: Any, inputs: Inputs, out_dir: Path, params: dict[str, Any], summary: dict[str, Any]) -> None:
    """weights.npz (float16 word vectors, float32 rest, vocabularies) and meta.json for `NeuralTagger`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {k.replace(".", "_"): v.detach().numpy() for k, v in network.state_dict().items()}
    # The runtime reads the CRF layer with its BIO constraints built in.
    arrays["trans"], arrays["start"], arrays["end"] = (x.astype(np.float32) for x in crf_layer(network))
    del arrays["bio_allowed"], arrays["bio_start"]
    arrays["feat_weight"] = arrays["feat_weight"][1:].T.copy()  # embedding rows -> the Linear weight the runtime reads
    arrays["emb_weight"] = arrays["emb_weight"].astype(np.float16)
    arrays["labels"] = np.array(LABELS)
    if params["encoder"] == "cnn":
        arrays["dilations"] = np.array(params["dilations"], dtype=np.int64)
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
    prefixes = FEATURE_PREFIXES + (CLUSTER_PREFIXES if p["cluster_features"] else ())
    inputs = Inputs(featurizer, words, train_part, p["max_chars"], prefixes)
    network = train_network(train_part, inputs, embeddings, p, dev or None)
    summary: dict[str, Any] = {"train_file": train_file.name, "train_sentences": len(train_part)}
    if dev:
        predicted = decode(network, inputs, [t for t, _ in dev])
        result = score_tags([g for _, g in dev], predicted)
        summary["dev_network_only"] = {"f1": result["f1"], "precision": result["precision"],
                                       "recall": result["recall"],
                                       "unseen_recall": unseen_recall(train_part, dev, predicted)}
    export(network, inputs, out_dir, p, summary)
    # The network's attributes came from these lexicons: shipping them with it keeps its inputs unchanged when it
    # is later paired with a CRF directory whose lexicons differ (NeuralTagger prefers the model directory's).
    for lexicon in ("gazetteer.tsv", "neighbours.tsv"):
        if (crf_dir / lexicon).exists():
            shutil.copy(crf_dir / lexicon, out_dir / lexicon)
    if dev:
        summary.update(check_runtime(out_dir, crf_dir, train_part, dev, predicted))
        meta_path = out_dir / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta.update(summary)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def check_runtime(model_dir: Path, crf_dir: Path, train_part: list[Sentence], dev: list[Sentence],
                  torch_tags: list[list[str]]) -> dict[str, Any]:
    """Tag dev with the exported model through the numpy runtime: the share of tokens whose tag equals the
    torch decoder's (network alone), and the dev score of the runtime ensemble with the CRF of `crf_dir`
    (meaningful when that CRF was trained on the same split)."""
    from rasad.ner.neural import NeuralTagger

    tagger = NeuralTagger.load(model_dir, crf_dir)
    tokens = [t for t, _ in dev]
    alone = tagger.tag_network_only(tokens)
    same = sum(a == b for x, y in zip(alone, torch_tags, strict=True) for a, b in zip(x, y, strict=True))
    combined = tagger.tag(tokens)
    ensemble_weight = tagger.crf_weight
    result = score_tags([g for _, g in dev], combined)
    return {"runtime_tag_agreement": same / max(1, sum(map(len, tokens))),
            f"dev_ensemble_crf_weight_{ensemble_weight}": {
                "f1": result["f1"], "precision": result["precision"], "recall": result["recall"],
                "unseen_recall": unseen_recall(train_part, dev, combined)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train_file", type=Path)
    parser.add_argument("vectors", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--crf-dir", type=Path, default=CRF_MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=DEFAULTS["epochs"])
    parser.add_argument("--crf-weight", type=float, default=DEFAULTS["crf_weight"])
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    parser.add_argument("--word-dropout", type=float, default=DEFAULTS["word_dropout"])
    parser.add_argument("--lr-decay", choices=["none", "linear"], default=DEFAULTS["lr_decay"])
    parser.add_argument("--cluster-features", action="store_true")
    parser.add_argument("--encoder", choices=["lstm", "cnn"], default=DEFAULTS["encoder"])
    parser.add_argument("--conv-width", type=int, default=DEFAULTS["conv_width"])
    parser.add_argument("--dev", action="store_true")
    args = parser.parse_args()
    summary = train(args.train_file, args.vectors, args.out_dir, args.crf_dir,
                    {"epochs": args.epochs, "crf_weight": args.crf_weight, "seed": args.seed,
                     "word_dropout": args.word_dropout, "lr_decay": args.lr_decay,
                     "cluster_features": args.cluster_features, "encoder": args.encoder, "conv_width": args.conv_width}, args.dev)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
