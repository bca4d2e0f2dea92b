"""Train the Arabic → Latin name renderer (`rasad.names`) from ../shared/data/names.

Reproduces the shipped model: `train(data_dir, out_dir)` writes `out_dir/seq2seq.npz` (float16 weights + the two
alphabets) and `out_dir/training.json` (data counts, settings, internal-validation figures).

Data: google/ar2en-train.txt (arabic<TAB>latin, Apache-2.0) and wikidata/train.tsv (latin<TAB>spaced Arabic<TAB>
count, CC0). The held-out files (google/ar2en-eval.txt, wikidata/dev.tsv) are never read here. Model selection
uses an internal validation slice carved from the training pairs by a hash of the Arabic spelling, so that an
Arabic spelling is never on both sides.

torch is needed only here (training time); inference is NumPy (`rasad.names.seq2seq`).
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasad.names.normalize import fold_latin, model_letters, normalize_arabic
from rasad.names.pairs import read_pairs
from rasad.names.seq2seq import WEIGHT_NAMES, Seq2SeqModel

log = logging.getLogger(__name__)

SEED = 20230912
ALEF_FORMS = frozenset("اأإآ")
LATIN_VOWELS = frozenset("aeiouy")
# Greedy decoding: on the internal validation slice beams of 2-4 changed CER by less than 0.003 (better for one
# trained model, worse for another) and cost 2-3x the time.
DECODE_BEAM = 1
DECODE_LENGTH_ALPHA = 0.0


def training_pair(arabic: str, latin: str) -> tuple[str, str] | None:
    """Clean one pair for training, or None when it is unusable or likely misaligned.

    The article: most sources drop ال (الأتاسي → atassi) but some fuse it (الكاتب → alkateb, المصري → elmasry).
    Fused articles are removed from both sides so the model learns one convention (drop it) and the renderer adds
    a separate "al-" itself. A Latin "al"/"el" followed by a vowel is kept: that is a name such as
    Alexander (الكسندر), not an article.
    """
    letters = model_letters(normalize_arabic(arabic))
    target = fold_latin(latin)
    if len(letters) < 2 or not target or len(letters) > 24 or len(target) > 30:
        return None
    if letters.startswith("ال") and len(letters) >= 4 and letters[2] not in ALEF_FORMS:
        fused = target[:2] in ("al", "el") and len(target) > 4 and target[2] not in LATIN_VOWELS
        if fused:
            letters, target = letters[2:], target[2:]
    ratio = len(target) / len(letters)
    # Wikidata pairs sometimes join a name to an unrelated label (e.g. a title for a personal name).
    if ratio < 0.5 or ratio > 3.5:
        return None
    return letters, target


def load_training_pairs(data_dir: Path) -> list[tuple[str, str, int]]:
    """Deduplicated (letters, latin, count) from both training files, in a deterministic order."""
    counts: Counter[tuple[str, str]] = Counter()
    google = data_dir / "google" / "ar2en-train.txt"
    wikidata = data_dir / "wikidata" / "train.tsv"
    for path in (google, wikidata):
        for pair in read_pairs(path):
            cleaned = training_pair(pair.arabic, pair.latin)
            if cleaned is not None:
                counts[cleaned] += pair.count
    return sorted((a, b, c) for (a, b), c in counts.items())


def split_internal(pairs: list[tuple[str, str, int]], percent: int = 4) -> tuple[list[Any], list[Any]]:
    train: list[Any] = []
    valid: list[Any] = []
    for pair in pairs:
        (valid if zlib.crc32(pair[0].encode()) % 100 < percent else train).append(pair)
    return train, valid


def char_error_rate(pairs: list[tuple[str, str]]) -> float:
    from rasad.eval.names import edit_distance

    errors = sum(edit_distance(hyp, ref) for hyp, ref in pairs)
    return errors / max(1, sum(len(ref) for _, ref in pairs))


def _build_torch_model(n_src: int, n_tgt: int, embed: int, enc_hidden: int, dropout: float) -> Any:
    import torch
    from torch import nn

    dec_hidden = 2 * enc_hidden

    class NameSeq2Seq(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc_emb = nn.Embedding(n_src, embed, padding_idx=0)
            self.encoder = nn.GRU(embed, enc_hidden, batch_first=True, bidirectional=True)
            self.bridge = nn.Linear(2 * enc_hidden, dec_hidden)
            self.dec_emb = nn.Embedding(n_tgt, embed, padding_idx=0)
            self.cell = nn.GRUCell(embed + dec_hidden, dec_hidden)
            self.attn = nn.Linear(2 * enc_hidden, dec_hidden, bias=False)
            self.comb = nn.Linear(dec_hidden + 2 * enc_hidden, dec_hidden)
            self.out = nn.Linear(dec_hidden, n_tgt)
            self.drop = nn.Dropout(dropout)

        def forward(self, src: Any, src_len: Any, tgt_in: Any) -> Any:
            emb = self.drop(self.enc_emb(src))
            packed = nn.utils.rnn.pack_padded_sequence(emb, src_len, batch_first=True, enforce_sorted=False)
            enc_packed, h_n = self.encoder(packed)
            enc, _ = nn.utils.rnn.pad_packed_sequence(enc_packed, batch_first=True, total_length=src.shape[1])
            h = torch.tanh(self.bridge(torch.cat([h_n[0], h_n[1]], dim=1)))
            keys = self.attn(enc)  # (B, T, D)
            mask = src == 0
            att = torch.zeros_like(h)
            dec_emb = self.drop(self.dec_emb(tgt_in))
            outputs = []
            for step in range(tgt_in.shape[1]):
                h = self.cell(torch.cat([dec_emb[:, step], att], dim=1), h)
                scores = torch.bmm(keys, h.unsqueeze(2)).squeeze(2).masked_fill(mask, -1e9)
                alpha = torch.softmax(scores, dim=1)
                context = torch.bmm(alpha.unsqueeze(1), enc).squeeze(1)
                att = torch.tanh(self.comb(torch.cat([h, context], dim=1)))
                outputs.append(self.out(self.drop(att)))
            return torch.stack(outputs, dim=1)

    return NameSeq2Seq()


def _export_weights(model: Any) -> dict[str, np.ndarray]:
    def arr(t: Any) -> np.ndarray:
        return np.asarray(t.detach().cpu().numpy(), dtype=np.float32)

    enc = model.encoder
    weights = {
        "enc_emb": arr(model.enc_emb.weight),
        "enc_f_wih": arr(enc.weight_ih_l0),
        "enc_f_whh": arr(enc.weight_hh_l0),
        "enc_f_bih": arr(enc.bias_ih_l0),
        "enc_f_bhh": arr(enc.bias_hh_l0),
        "enc_b_wih": arr(enc.weight_ih_l0_reverse),
        "enc_b_whh": arr(enc.weight_hh_l0_reverse),
        "enc_b_bih": arr(enc.bias_ih_l0_reverse),
        "enc_b_bhh": arr(enc.bias_hh_l0_reverse),
        "bridge_w": arr(model.bridge.weight),
        "bridge_b": arr(model.bridge.bias),
        "dec_emb": arr(model.dec_emb.weight),
        "dec_wih": arr(model.cell.weight_ih),
        "dec_whh": arr(model.cell.weight_hh),
        "dec_bih": arr(model.cell.bias_ih),
        "dec_bhh": arr(model.cell.bias_hh),
        "attn_w": arr(model.attn.weight),
        "comb_w": arr(model.comb.weight),
        "comb_b": arr(model.comb.bias),
        "out_w": arr(model.out.weight),
        "out_b": arr(model.out.bias),
    }
    assert set(weights) == set(WEIGHT_NAMES)
    return weights


def _numpy_model(model: Any, source_chars: str, target_chars: str, beam: int) -> Seq2SeqModel:
    # Round through float16 so validation scores the exact weights that will be shipped.
    weights = {k: v.astype(np.float16).astype(np.float32) for k, v in _export_weights(model).items()}
    numpy_model = Seq2SeqModel(source_chars, target_chars, weights, beam, DECODE_LENGTH_ALPHA)
    numpy_model._prepare()
    return numpy_model


def _validate(
    model: Any, source_chars: str, target_chars: str, valid: list[Any], beam: int
) -> dict[str, float]:
    numpy_model = _numpy_model(model, source_chars, target_chars, beam)
    outputs = [(numpy_model.transliterate(letters), latin) for letters, latin, _ in valid]
    exact = sum(hyp == ref for hyp, ref in outputs) / max(1, len(outputs))
    return {"cer": char_error_rate(outputs), "exact": exact}


@dataclass
class _Setup:
    """Everything one training run needs besides the examples."""

    source_chars: str
    target_chars: str
    valid: list[tuple[str, str, int]]
    embed: int
    enc_hidden: int
    batch_size: int
    learning_rate: float
    dropout: float

    def batch_tensors(self, batch: list[tuple[str, str]]) -> tuple[Any, Any, Any, Any]:
        import torch

        src_index = {c: i + 2 for i, c in enumerate(self.source_chars)}
        tgt_index = {c: i + 3 for i, c in enumerate(self.target_chars)}
        src = torch.zeros((len(batch), max(len(a) for a, _ in batch)), dtype=torch.long)
        tgt_len = max(len(b) for _, b in batch) + 1
        tgt_in = torch.zeros((len(batch), tgt_len), dtype=torch.long)
        tgt_out = torch.zeros((len(batch), tgt_len), dtype=torch.long)
        for row, (a, b) in enumerate(batch):
            src[row, : len(a)] = torch.tensor([src_index[c] for c in a])
            ids = [tgt_index[c] for c in b]
            tgt_in[row, : len(ids) + 1] = torch.tensor([1, *ids])
            tgt_out[row, : len(ids) + 1] = torch.tensor([*ids, 2])
        return src, torch.tensor([len(a) for a, _ in batch]), tgt_in, tgt_out


def _fit(
    setup: _Setup, examples: list[tuple[str, str]], epochs: int, rng: random.Random
) -> tuple[Any, list[Any]]:
    """Train a fresh model for `epochs`; returns the epoch with the best internal-validation CER (greedy)."""
    import torch
    from torch import nn

    model = _build_torch_model(
        len(setup.source_chars) + 2, len(setup.target_chars) + 3, setup.embed, setup.enc_hidden, setup.dropout
    )
    optimiser = torch.optim.Adam(model.parameters(), lr=setup.learning_rate)
    loss_fn = nn.CrossEntropyLoss(ignore_index=0, label_smoothing=0.05)
    total_steps = epochs * math.ceil(len(examples) / setup.batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=setup.learning_rate, total_steps=total_steps, pct_start=0.1
    )
    size = setup.batch_size
    history: list[dict[str, float]] = []
    best: tuple[float, dict[str, Any]] | None = None
    started = time.time()
    examples = list(examples)
    for epoch in range(epochs):
        model.train()
        rng.shuffle(examples)
        # Batches of similar length waste less time on padding; the batch order is shuffled again.
        batches: list[list[tuple[str, str]]] = []
        for start in range(0, len(examples), size * 50):
            chunk = sorted(examples[start : start + size * 50], key=lambda ex: (len(ex[1]), len(ex[0])))
            batches.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
        rng.shuffle(batches)
        running = 0.0
        for batch in batches:
            src, lengths, tgt_in, tgt_out = setup.batch_tensors(batch)
            logits = model(src, lengths, tgt_in)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            running += float(loss.detach())
        model.eval()
        with torch.no_grad():
            scores = _validate(model, setup.source_chars, setup.target_chars, setup.valid, beam=1)
        record = {
            "epoch": epoch + 1,
            "loss": running / len(batches),
            **scores,
            "seconds": time.time() - started,
        }
        history.append(record)
        log.info("names epoch %(epoch)d loss %(loss).4f valid cer %(cer).4f exact %(exact).4f", record)
        if best is None or scores["cer"] < best[0]:
            best = (scores["cer"], {k: v.clone() for k, v in model.state_dict().items()})
    assert best is not None
    model.load_state_dict(best[1])
    model.eval()
    return model, history


def _per_letter_losses(setup: _Setup, model: Any, examples: list[tuple[str, str]]) -> list[float]:
    """Mean negative log-likelihood per target letter of each example under `model` (no dropout)."""
    import torch

    losses: list[float] = []
    with torch.no_grad():
        for start in range(0, len(examples), 256):
            batch = examples[start : start + 256]
            src, lengths, tgt_in, tgt_out = setup.batch_tensors(batch)
            log_probs = torch.log_softmax(model(src, lengths, tgt_in), dim=-1)
            picked = log_probs.gather(2, tgt_out.unsqueeze(2)).squeeze(2) * (tgt_out != 0)
            losses.extend((-picked.sum(1) / (tgt_out != 0).sum(1)).tolist())
    return losses


def train(
    data_dir: Path,
    out_dir: Path,
    *,
    epochs: int = 20,
    clean_epochs: int = 5,
    clean_fraction: float = 0.04,
    embed: int = 64,
    enc_hidden: int = 128,
    batch_size: int = 64,
    learning_rate: float = 2e-3,
    dropout: float = 0.25,
    threads: int = 1,
) -> dict[str, Any]:
    """Train from `data_dir` (../shared/data/names) and write the model to `out_dir`; returns the summary.

    With `clean_epochs` > 0 a first model is trained that long, and the `clean_fraction` of training pairs it
    finds least likely (per letter) are dropped before the final model is trained from scratch: these are mostly
    Wikidata pairs whose two sides are different names.
    """
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(threads)
    rng = random.Random(SEED)
    started = time.time()

    pairs = load_training_pairs(data_dir)
    train_pairs, valid = split_internal(pairs)
    setup = _Setup(
        source_chars="".join(sorted({c for a, _, _ in pairs for c in a})),
        target_chars="".join(sorted({c for _, b, _ in pairs for c in b})),
        valid=valid,
        embed=embed,
        enc_hidden=enc_hidden,
        batch_size=batch_size,
        learning_rate=learning_rate,
        dropout=dropout,
    )
    # Frequent Wikidata pairs (many people share the spelling) are seen twice per epoch.
    examples = [(a, b) for a, b, count in train_pairs for _ in range(2 if count >= 4 else 1)]
    log.info("names: %d pairs (%d train examples, %d internal valid)", len(pairs), len(examples), len(valid))
    dropped: list[tuple[str, str]] = []
    if clean_epochs > 0:
        first, _ = _fit(setup, examples, clean_epochs, rng)
        distinct = sorted(set(examples))
        losses = _per_letter_losses(setup, first, distinct)
        ranked = sorted(zip(losses, distinct, strict=True), reverse=True)
        dropped = [pair for _, pair in ranked[: int(len(ranked) * clean_fraction)]]
        drop_set = set(dropped)
        examples = [ex for ex in examples if ex not in drop_set]
        log.info("names: dropped %d unlikely pairs, e.g. %s", len(dropped), dropped[:10])
    model, history = _fit(setup, examples, epochs, rng)

    with torch.no_grad():
        final = _validate(model, setup.source_chars, setup.target_chars, valid, beam=DECODE_BEAM)
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {k: v.astype(np.float16) for k, v in _export_weights(model).items()}
    arrays |= {
        "source_chars": np.array(setup.source_chars),
        "target_chars": np.array(setup.target_chars),
        "beam_size": np.array(DECODE_BEAM),
        "length_alpha": np.array(DECODE_LENGTH_ALPHA),
    }
    np.savez_compressed(out_dir / "seq2seq.npz", **arrays)
    summary: dict[str, Any] = {
        "pairs": len(pairs),
        "train_examples": len(examples),
        "internal_valid": len(valid),
        "dropped_as_unlikely": len(dropped),
        "settings": {
            "epochs": epochs,
            "clean_epochs": clean_epochs,
            "clean_fraction": clean_fraction,
            "embed": embed,
            "enc_hidden": enc_hidden,
            "batch_size": batch_size,
            "learning_rate": learning_rate,
            "dropout": dropout,
            "seed": SEED,
        },
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "internal_valid_final": final,
        "history": history,
        "seconds": time.time() - started,
    }
    (out_dir / "training.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary
