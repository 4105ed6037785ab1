"""Reading archives beyond one machine: the same per-chunk function on a Dask cluster.

Pass a ``distributed.Client`` (connected to a scheduler, or to a ``LocalCluster``) to
:func:`marrowpath.nlp.batch.run_batch` or use :func:`read_texts_dask` directly. Chunks are
submitted a bounded number at a time and gathered in order, so output stays resumable.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from marrowpath.nlp.batch import Record, checked_record, read_chunk

__all__ = ["map_chunks_dask", "read_texts_dask"]

Result = tuple[str, dict[str, Any] | None, str | None]


def map_chunks_dask(
    jobs: Iterable[tuple[list[Record], str | None]], client: Any, in_flight: int | None = None
) -> Iterator[list[Result]]:
    """Run the reader on each chunk on the cluster of ``client``; yield results in order."""
    limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
    pending: deque[Any] = deque()
    for job in jobs:
        pending.append(client.submit(read_chunk, job, pure=False))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def read_texts_dask(
    texts: Iterable[tuple[str, str]], client: Any, lang: str | None = None, chunk_size: int = 256
) -> list[Result]:
    """Read ``(id, text)`` pairs on a Dask cluster: ``(id, reading dict, None)`` or an error."""
    chunk: list[Record] = []
    jobs: list[tuple[list[Record], str | None]] = []
    for ident, text in texts:
        chunk.append(checked_record(ident, text))
        if len(chunk) >= chunk_size:
            jobs.append((chunk, lang))
            chunk = []
    if chunk:
        jobs.append((chunk, lang))
    return [r for results in map_chunks_dask(jobs, client) for r in results]
