"""What a worker computes for one document before it is written: analysis JSON, content hash, MinHash, terms.

Everything here is a pure function of the Document (and the shipped resources), so it can run in a Dask worker
and the single writer only has to insert rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash

from rasad.ingest.records import content_hash
from rasad.model import Analysis, Document
from rasad.store.search import index_terms
from rasad.text.normalize import normalize_key

NUM_PERM = 64
SHINGLE = 3
_MINHASH_SEED = 1
_MINHASH_SCHEME = "affine32"  # pinned: signatures are stored, so the scheme must not change under them

__all__ = ["PreparedDocument", "analyze_batch", "content_hash", "minhash_of", "prepare"]


def minhash_of(text: str) -> MinHash:
    """MinHash of the word 3-shingles of the normalised text (unigrams for very short texts)."""
    words = normalize_key(text).split()
    n = SHINGLE if len(words) >= SHINGLE else 1
    shingles = {" ".join(words[i : i + n]).encode("utf-8") for i in range(len(words) - n + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=_MINHASH_SEED, scheme=_MINHASH_SCHEME)
    if shingles:
        m.update_batch(list(shingles))
    return m


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(raw: bytes) -> MinHash:
    values = np.frombuffer(raw, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, seed=_MINHASH_SEED, hashvalues=values, scheme=_MINHASH_SCHEME)


@dataclass(frozen=True)
class PreparedDocument:
    """One analysed document, ready for the writer."""

    analysis: dict[str, Any]
    content_hash: str
    signature: bytes
    terms: tuple[str, ...]

    @property
    def id(self) -> str:
        return str(self.analysis["document"]["id"])

    def analysis_json(self) -> str:
        return json.dumps(self.analysis, ensure_ascii=False, separators=(",", ":"))


def prepare(analysis: Analysis | dict[str, Any]) -> PreparedDocument:
    data = analysis.to_dict() if isinstance(analysis, Analysis) else analysis
    doc = data["document"]
    text = doc["text"]
    return PreparedDocument(
        analysis=data,
        content_hash=content_hash(text),
        signature=signature_bytes(minhash_of(text)),
        terms=tuple(index_terms(text, doc.get("title"))),
    )


_PIPELINE: Any = None


def _pipeline() -> Any:
    """The default pipeline, built once per process (in a Dask worker: on its first batch)."""
    global _PIPELINE
    if _PIPELINE is None:
        from rasad.pipeline import build_pipeline

        _PIPELINE = build_pipeline()
    return _PIPELINE


def analyze_batch(docs: list[Document]) -> list[PreparedDocument | tuple[str, str]]:
    """Analyse and prepare a batch; a document that fails becomes (doc id, message) and the batch goes on."""
    pipeline = _pipeline()
    out: list[PreparedDocument | tuple[str, str]] = []
    for doc in docs:
        try:
            out.append(prepare(pipeline.analyze(doc)))
        except Exception as exc:  # one bad document must not lose the batch
            out.append((doc.id, f"{type(exc).__name__}: {exc}"))
    return out
