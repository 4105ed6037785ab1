"""Group commit of the hook calls' write: ``jti`` registration, audit row, episode read.

Every hook call needs one short write transaction (its ``jti`` must be new on every worker,
and the access must be audited). A commit waits for the disk (fsync), so one transaction per
call would cap a SQLite store at a few hundred calls a second. A single writer thread
therefore takes all calls queued so far and commits them in ONE transaction: each call's
``INSERT ... ON CONFLICT DO NOTHING`` into ``cds_jti`` decides replay or not, and only a new
``jti`` gets its audit row and its episode read. Callers wait on a future (the event loop
stays free); the batch is rolled back as a whole on a database error and every waiter gets it.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from marrowpath.store.engine import Store

__all__ = ["Claim", "ClaimResult", "Ledger"]

log = logging.getLogger("marrowpath.cdshooks")
MAX_BATCH = 512


@dataclass(frozen=True)
class Claim:
    """One hook call's write: its JWT id and what to audit."""

    issuer: str
    jti: str
    exp: dt.datetime
    actor: str
    entity: str
    entity_id: str
    action: str = "read"
    episodes_of: str | None = None
    """A patient id whose open episodes to read in the same transaction."""


@dataclass
class ClaimResult:
    fresh: bool
    """False: the jti was used before (a replay)."""
    episodes: list[dict[str, Any]] = field(default_factory=list)


Reader = Callable[[Connection, list[str]], dict[str, list[dict[str, Any]]]]
"""Open episodes per patient id, read on the batch's connection."""


class Ledger:
    """The writer thread and its queue; one per process (started on first use)."""

    def __init__(self, store: Store, read_episodes: Reader) -> None:
        self.store = store
        self.read_episodes = read_episodes
        self._queue: queue.SimpleQueue[tuple[Claim, Future[ClaimResult]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, claim: Claim) -> Future[ClaimResult]:
        """Queue a claim; the future resolves when its batch has committed."""
        self._start()
        future: Future[ClaimResult] = Future()
        self._queue.put((claim, future))
        return future

    def close(self) -> None:
        with self._lock:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join(timeout=5)
                self._thread = None

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="marrowpath-cds-ledger", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[tuple[Claim, Future[ClaimResult]]]) -> None:
        try:
            results = self._write([c for c, _ in batch])
        except Exception as exc:  # every waiter must learn of the failure
            log.error("cds ledger: batch of %d rolled back (%s)", len(batch), type(exc).__name__)
            for _, future in batch:
                future.set_exception(exc)
            return
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)

    def _write(self, claims: list[Claim]) -> list[ClaimResult]:
        """One transaction, three statements: the jti rows, the audit rows, the episodes.

        Plain driver SQL (the statements are simple and identical on SQLite and PostgreSQL
        but for the parameter style): compiling ORM statements per batch cost more than the
        writes themselves.
        """
        at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with self.store.engine.begin() as conn:
            mark = "%s" if conn.dialect.name == "postgresql" else "?"
            values = ", ".join([f"({mark}, {mark}, {mark})"] * len(claims))
            params: list[Any] = []
            for c in claims:
                params += [c.issuer, c.jti, c.exp]
            sql = (
                f"INSERT INTO cds_jti (issuer, jti, exp) VALUES {values} "  # noqa: S608 - placeholders only
                "ON CONFLICT DO NOTHING RETURNING issuer, jti"
            )
            inserted = {(i, j) for i, j in conn.exec_driver_sql(sql, tuple(params))}
            fresh: list[bool] = []
            for c in claims:
                key = (c.issuer, c.jti)
                fresh.append(key in inserted)
                inserted.discard(key)  # a duplicate within the batch is a replay too
            audits = [
                (at, c.actor, c.action, c.entity, c.entity_id)
                for c, ok in zip(claims, fresh, strict=True)
                if ok
            ]
            if audits:
                conn.exec_driver_sql(
                    "INSERT INTO audit (at, actor, action, entity, entity_id) VALUES "  # noqa: S608
                    f"({mark}, {mark}, {mark}, {mark}, {mark})",
                    audits,
                )
            wanted = sorted(
                {c.episodes_of for c, ok in zip(claims, fresh, strict=True) if ok and c.episodes_of}
            )
            episodes = self.read_episodes(conn, wanted) if wanted else {}
        return [
            ClaimResult(fresh=ok, episodes=episodes.get(c.episodes_of or "", []) if ok else [])
            for c, ok in zip(claims, fresh, strict=True)
        ]
