"""Near-duplicate grouping: syndicated copies of one report share a story id (MinHash LSH over word shingles).

The index lives in the writer process. It is rebuilt from the stored signatures when an ingest starts, so a
re-run (or a later ingest into the same corpus) groups new copies with documents stored earlier. Documents of the
batch being written are compared among themselves directly, and only enter the LSH once their batch committed,
so a rolled-back batch leaves no trace in the index.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, select

from rasad.store.records import NUM_PERM, minhash_from_bytes
from rasad.store.schema import documents, minhashes

STORY_THRESHOLD = 0.7  # estimated Jaccard similarity of word 3-shingles above which two reports are one story


class StoryIndex:
    def __init__(self, threshold: float = STORY_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._story: dict[int, int] = {}  # doc pk → story id
        self._pending: list[tuple[int, MinHash, int]] = []  # written in the open batch, not yet committed

    def load(self, conn: Connection) -> None:
        rows = conn.execute(
            select(minhashes.c.doc_pk, minhashes.c.signature, documents.c.story_id).join(
                documents, documents.c.pk == minhashes.c.doc_pk
            )
        )
        for pk, raw, story in rows:
            self._lsh.insert(pk, minhash_from_bytes(raw), check_duplication=False)
            self._story[pk] = story if story is not None else pk

    def __len__(self) -> int:
        return len(self._story)

    def story_for(self, pk: int, m: MinHash, exact: int | None = None) -> int:
        """The story id of a new document (its own pk when it matches nothing stored or pending).

        `exact` is the story of a stored document with the very same text, when there is one.
        """
        candidates = [self._story[c] for c in self._lsh.query(m) if c in self._story]
        if exact is not None:
            candidates.append(exact)
        candidates += [story for _, other, story in self._pending if other.jaccard(m) >= self.threshold]
        story = min(candidates) if candidates else pk
        self._pending.append((pk, m, story))
        return story

    def commit(self) -> None:
        for pk, m, story in self._pending:
            self._lsh.insert(pk, m, check_duplication=False)
            self._story[pk] = story
        self._pending.clear()

    def rollback(self) -> None:
        self._pending.clear()
