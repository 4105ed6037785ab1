"""The hook calls' write: ``jti`` registration, audit row and episode read in ONE transaction.

Every hook call needs one short write transaction: its ``jti`` must be new on every worker
(``INSERT ... ON CONFLICT DO NOTHING`` into ``cds_jti`` decides), the access is audited, and
patient-view reads the open episodes. Two modes (``MARROWPATH_CDS_DURABLE_COMMIT``):

- relaxed (default): the transaction runs inline and its commit does not wait for the disk
  (SQLite ``synchronous=NORMAL`` in WAL mode on a connection of its own; PostgreSQL
  ``SET LOCAL synchronous_commit = off``). Atomicity and the unique key are unchanged; a
  power loss (not a process crash) can lose the last moments of jti and audit rows.
- durable: each commit waits for the disk; to keep that affordable a writer thread takes
  all calls queued so far and commits them in one transaction (group commit); callers wait
  on a future, so the event loop stays free.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event

from marrowpath.store.engine import Store

__all__ = ["Claim", "ClaimResult", "Ledger", "Sql"]

log = logging.getLogger("marrowpath.cdshooks")
MAX_BATCH = 512
PURGE_EVERY = 1000
"""Claims between two removals of expired jti rows."""
PURGE_MARGIN = dt.timedelta(minutes=10)
"""Expired ids are kept this much longer (more than any clock leeway)."""


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


Reader = Callable[[Any, "Sql", list[str]], dict[str, list[dict[str, Any]]]]
"""Open episodes per patient id, read with the batch's DB-API cursor."""


class Ledger:
    """The writer thread and its queue; one per process (started on first use)."""

    def __init__(self, store: Store, read_episodes: Reader, *, durable: bool = False) -> None:
        self.store = store
        self.read_episodes = read_episodes
        self.durable = durable
        self._stop = threading.Event()
        self._engine = store.engine if durable else _relaxed(store.engine, self._stop)
        self._writes = 0
        self._queue: queue.SimpleQueue[tuple[Claim, Future[ClaimResult]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def claim_now(self, claim: Claim) -> ClaimResult:
        """Write one claim inline (relaxed mode) and return its result."""
        return self._write([claim])[0]

    def submit(self, claim: Claim) -> Future[ClaimResult]:
        """Queue a claim; the future resolves when its batch has committed."""
        self._start()
        future: Future[ClaimResult] = Future()
        self._queue.put((claim, future))
        return future

    def close(self) -> None:
        self._stop.set()
        if self._engine is not self.store.engine:
            self._engine.dispose()
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

        Plain SQL on the driver's connection (the statements are identical on SQLite and
        PostgreSQL but for the parameter style): building and compiling SQLAlchemy
        statements cost more than the writes themselves.
        """
        raw = self._engine.raw_connection()
        postgres = self._engine.dialect.name == "postgresql"
        sql = Sql(postgres)
        try:
            cur = raw.cursor()
            if postgres:
                if not self.durable:
                    cur.execute("SET LOCAL synchronous_commit = off")
            else:
                cur.execute("BEGIN IMMEDIATE")
            at = sql.time(dt.datetime.now(dt.UTC).replace(tzinfo=None))
            params: list[Any] = []
            for c in claims:
                params += [c.issuer, c.jti, sql.time(c.exp)]
            cur.execute(sql.insert_jti(len(claims)), tuple(params))
            inserted = {(str(i), str(j)) for i, j in cur.fetchall()}
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
                cur.executemany(sql.insert_audit, audits)
            wanted = sorted(
                {c.episodes_of for c, ok in zip(claims, fresh, strict=True) if ok and c.episodes_of}
            )
            episodes = self.read_episodes(cur, sql, wanted) if wanted else {}
            self._writes += len(claims)
            if self._writes >= PURGE_EVERY:
                self._writes = 0
                cutoff = dt.datetime.now(dt.UTC).replace(tzinfo=None) - PURGE_MARGIN
                cur.execute(f"DELETE FROM cds_jti WHERE exp < {sql.mark}", (sql.time(cutoff),))  # noqa: S608
            if postgres:
                raw.commit()
            else:
                cur.execute("COMMIT")
        except BaseException:
            if postgres:
                raw.rollback()
            else:
                with contextlib.suppress(Exception):
                    raw.driver_connection.execute("ROLLBACK")  # type: ignore[union-attr]
            raise
        finally:
            raw.close()
        return [
            ClaimResult(fresh=ok, episodes=episodes.get(c.episodes_of or "", []) if ok else [])
            for c, ok in zip(claims, fresh, strict=True)
        ]


class Sql:
    """The few statements of the hook path, in the driver's parameter style."""

    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres
        self.mark = "%s" if postgres else "?"
        self.insert_audit = (
            "INSERT INTO audit (at, actor, action, entity, entity_id) VALUES "  # noqa: S608 - placeholders only
            + "("
            + ", ".join([self.mark] * 5)
            + ")"
        )

    def time(self, value: dt.datetime) -> Any:
        """A naive UTC time as the store keeps it (SQLAlchemy's text form on SQLite)."""
        return value if self.postgres else value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def day(self, value: Any) -> dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])

    def insert_jti(self, n: int) -> str:
        row = f"({self.mark}, {self.mark}, {self.mark})"
        return (
            "INSERT INTO cds_jti (issuer, jti, exp) VALUES "  # noqa: S608 - placeholders only
            + ", ".join([row] * n)
            + " ON CONFLICT DO NOTHING RETURNING issuer, jti"
        )

    def marks(self, n: int) -> str:
        return ", ".join([self.mark] * n)


def _relaxed(engine: Engine, stop: threading.Event) -> Engine:
    """An engine on the same SQLite file whose commits do not wait for the disk.

    PostgreSQL (and in-memory SQLite) keep the store's engine: there the transaction itself
    says ``synchronous_commit = off``.
    """
    if engine.dialect.name != "sqlite" or ":memory:" in str(engine.url):
        return engine
    relaxed = create_engine(engine.url)

    @event.listens_for(relaxed, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        # No checkpoint inside a hook's commit (it would stall the event loop on fsync);
        # the checkpointer thread below does them in the background.
        cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @event.listens_for(relaxed, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    threading.Thread(
        target=_checkpoints,
        args=(relaxed, stop),
        name="marrowpath-wal-checkpoint",
        daemon=True,
    ).start()
    return relaxed


CHECKPOINT_SECONDS = 1.0


def _checkpoints(engine: Engine, stop: threading.Event) -> None:
    """Copy the WAL back into the database now and then (PASSIVE: never blocks writers)."""
    while not stop.wait(CHECKPOINT_SECONDS):
        try:
            raw = engine.raw_connection()
        except Exception:  # the engine was disposed or the file is gone: stop
            return
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
        except Exception as exc:  # a failed checkpoint is retried next time
            log.warning("cds ledger: WAL checkpoint failed (%s)", type(exc).__name__)
        finally:
            raw.close()
