"""Scale-out: map a picklable function over batches on a Dask cluster, results back in input order.

Orchestration only. The work function (e.g. `rasad.store.records.analyze_batch`) builds its pipeline lazily
in each worker process; `Resources` pickles as configuration, so nothing heavy crosses the wire but the
documents themselves. Results are yielded in submission order with a bounded number of batches in flight, so the
single writer sees exactly the sequence a single-process run would (story grouping depends on that order) and
memory stays flat on a long stream.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from rasad.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)


def map_local(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """The single-process mapper (same interface as `DaskMapper.map`)."""
    for item in items:
        yield fn(item)


class DaskMapper:
    """`with DaskMapper(workers=2) as m: for r in m.map(fn, batches): …` (or scheduler="tcp://host:8786")."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, window: int | None = None) -> None:
        if workers is not None and scheduler is not None:
            raise UsageError("give either a number of workers or a scheduler address, not both")
        if workers is not None and workers < 1:
            raise UsageError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.scheduler = scheduler
        self.window = window
        self._stack = contextlib.ExitStack()
        self.client: Any = None

    def __enter__(self) -> DaskMapper:
        from distributed import Client, LocalCluster

        # Dask's own logging would otherwise print worker start/stop chatter on every run.
        for name in ("distributed", "distributed.core", "distributed.worker", "distributed.scheduler", "distributed.nanny"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            if self.scheduler:
                self.client = self._stack.enter_context(Client(self.scheduler, timeout="20s"))
            else:
                cluster = self._stack.enter_context(
                    LocalCluster(
                        n_workers=self.workers or 2,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
                self.client = self._stack.enter_context(Client(cluster))
        except OSError as exc:
            self._stack.close()
            raise UsageError(f"cannot reach the Dask scheduler {self.scheduler!r}: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _n_workers(self) -> int:
        try:
            return max(1, len(self.client.scheduler_info().get("workers", {})))
        except Exception:  # scheduler_info is advisory; fall back to a small window
            return 2

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        window = self.window or 2 * self._n_workers() + 1
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self.client.submit(fn, item, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
