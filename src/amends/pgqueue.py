"""Huey storage on PostgreSQL (psycopg 3), for many workers on many machines without Redis.

Workers take tasks with ``DELETE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING``,
so two workers never receive the same task and neither waits on the other's lock. Every
statement runs in autocommit: each one is a transaction of its own. The tables are created on
first use and are namespaced by queue name (AMENDS_QUEUE_NAME), so several deployments (or test
runs) can share one database.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
from huey.api import Huey
from huey.constants import EmptyData
from huey.storage import BaseStorage

T = TypeVar("T")

_DDL = [
    "CREATE TABLE IF NOT EXISTS huey_task (id BIGSERIAL PRIMARY KEY, queue TEXT NOT NULL, data BYTEA NOT NULL,"
    " priority DOUBLE PRECISION NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS huey_task_queue_priority_id ON huey_task (queue, priority DESC, id)",
    "CREATE TABLE IF NOT EXISTS huey_schedule (id BIGSERIAL PRIMARY KEY, queue TEXT NOT NULL, data BYTEA NOT NULL,"
    " ts DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS huey_schedule_queue_ts ON huey_schedule (queue, ts)",
    "CREATE TABLE IF NOT EXISTS huey_kv (queue TEXT NOT NULL, key TEXT NOT NULL, value BYTEA NOT NULL,"
    " PRIMARY KEY (queue, key))",
    "CREATE TABLE IF NOT EXISTS huey_counter (queue TEXT NOT NULL, key TEXT NOT NULL, value BIGINT NOT NULL DEFAULT 0,"
    " PRIMARY KEY (queue, key))",
]


class PostgresStorage(BaseStorage):  # type: ignore[misc]
    """The Huey storage protocol on four small PostgreSQL tables."""

    def __init__(self, name: str = "huey", url: str = "", **kwargs: Any) -> None:
        super().__init__(name)
        if not url:
            raise ValueError("PostgresStorage needs url=postgres://...")
        self.url = url
        self.lock = threading.Lock()
        self._conn: psycopg.Connection[Any] | None = None
        # Several processes may start at once; the DDL is idempotent and serialised by an advisory lock.
        self._run(self._create_tables)

    # -- connection handling -------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        return self._conn

    def _run(self, fn: Callable[[psycopg.Cursor[Any]], T]) -> T:
        """Run fn on a cursor; a dropped connection is reopened and the statement tried once more."""
        with self.lock:
            for attempt in (1, 2):
                try:
                    conn = self._connect()
                    with conn.cursor() as cur:
                        return fn(cur)
                except psycopg.OperationalError:
                    if self._conn is not None:
                        self._conn.close()
                    self._conn = None
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def _create_tables(self, cur: psycopg.Cursor[Any]) -> None:
        cur.execute("SELECT pg_advisory_lock(74321)")
        try:
            for sql in _DDL:
                cur.execute(sql)
        finally:
            cur.execute("SELECT pg_advisory_unlock(74321)")

    def close(self) -> bool:
        with self.lock:
            if self._conn is None:
                return False
            self._conn.close()
            self._conn = None
            return True

    # -- queue -----------------------------------------------------------------------------------
    def enqueue(self, data: bytes, priority: float | None = None) -> None:
        self._run(lambda c: c.execute("INSERT INTO huey_task (queue, data, priority) VALUES (%s, %s, %s)",
                                      (self.name, data, priority or 0)))

    def dequeue(self) -> bytes | None:
        def take(cur: psycopg.Cursor[Any]) -> bytes | None:
            cur.execute(
                "DELETE FROM huey_task WHERE id = (SELECT id FROM huey_task WHERE queue = %s"
                " ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING data", (self.name,))
            row = cur.fetchone()
            return bytes(row[0]) if row else None

        return self._run(take)

    def queue_size(self) -> int:
        return self._scalar("SELECT count(*) FROM huey_task WHERE queue = %s", (self.name,))

    def enqueued_items(self, limit: int | None = None) -> list[bytes]:
        sql = "SELECT data FROM huey_task WHERE queue = %s ORDER BY priority DESC, id"
        return self._column(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), (self.name,))

    def flush_queue(self) -> None:
        self._run(lambda c: c.execute("DELETE FROM huey_task WHERE queue = %s", (self.name,)))

    # -- schedule (delayed tasks and retries) ----------------------------------------------------
    def add_to_schedule(self, data: bytes, ts: dt.datetime) -> None:
        self._run(lambda c: c.execute("INSERT INTO huey_schedule (queue, data, ts) VALUES (%s, %s, %s)",
                                      (self.name, data, _timestamp(ts))))

    def read_schedule(self, ts: dt.datetime) -> list[bytes]:
        def take(cur: psycopg.Cursor[Any]) -> list[bytes]:
            cur.execute(
                "DELETE FROM huey_schedule WHERE id IN (SELECT id FROM huey_schedule WHERE queue = %s AND ts <= %s"
                " ORDER BY ts, id LIMIT 1000 FOR UPDATE SKIP LOCKED) RETURNING ts, id, data",
                (self.name, _timestamp(ts)))
            return [bytes(r[2]) for r in sorted(cur.fetchall(), key=lambda r: (r[0], r[1]))]

        return self._run(take)

    def schedule_size(self) -> int:
        return self._scalar("SELECT count(*) FROM huey_schedule WHERE queue = %s", (self.name,))

    def scheduled_items(self, limit: int | None = None) -> list[bytes]:
        sql = "SELECT data FROM huey_schedule WHERE queue = %s ORDER BY ts, id"
        return self._column(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), (self.name,))

    def flush_schedule(self) -> None:
        self._run(lambda c: c.execute("DELETE FROM huey_schedule WHERE queue = %s", (self.name,)))

    # -- results and locks -------------------------------------------------------------------------
    def put_data(self, key: str, value: bytes, is_result: bool = False) -> None:
        self._run(lambda c: c.execute(
            "INSERT INTO huey_kv (queue, key, value) VALUES (%s, %s, %s)"
            " ON CONFLICT (queue, key) DO UPDATE SET value = EXCLUDED.value", (self.name, key, value)))

    def peek_data(self, key: str) -> Any:
        rows = self._column("SELECT value FROM huey_kv WHERE queue = %s AND key = %s", (self.name, key))
        return rows[0] if rows else EmptyData

    def pop_data(self, key: str) -> Any:
        def take(cur: psycopg.Cursor[Any]) -> Any:
            cur.execute("DELETE FROM huey_kv WHERE queue = %s AND key = %s RETURNING value", (self.name, key))
            row = cur.fetchone()
            return bytes(row[0]) if row else EmptyData

        return self._run(take)

    def delete_data(self, key: str) -> bool:
        return self.pop_data(key) is not EmptyData

    def has_data_for_key(self, key: str) -> bool:
        return bool(self._column("SELECT 1 FROM huey_kv WHERE queue = %s AND key = %s", (self.name, key)))

    def put_if_empty(self, key: str, value: bytes, ttl: int | None = None) -> bool:
        if ttl is not None:
            raise NotImplementedError("ttl is not supported by this storage.")

        def put(cur: psycopg.Cursor[Any]) -> bool:
            cur.execute("INSERT INTO huey_kv (queue, key, value) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                        (self.name, key, value))
            return cur.rowcount == 1

        return self._run(put)

    def incr(self, key: str, amount: int = 1) -> int:
        def add(cur: psycopg.Cursor[Any]) -> int:
            cur.execute("INSERT INTO huey_counter (queue, key, value) VALUES (%s, %s, %s) ON CONFLICT (queue, key)"
                        " DO UPDATE SET value = huey_counter.value + EXCLUDED.value RETURNING value",
                        (self.name, key, amount))
            row = cur.fetchone()
            return int(row[0]) if row else amount

        return self._run(add)

    def delete_counter(self, key: str) -> None:
        self._run(lambda c: c.execute("DELETE FROM huey_counter WHERE queue = %s AND key = %s", (self.name, key)))

    def result_store_size(self) -> int:
        return self._scalar("SELECT count(*) FROM huey_kv WHERE queue = %s", (self.name,))

    def result_items(self) -> dict[str, bytes]:
        def read(cur: psycopg.Cursor[Any]) -> dict[str, bytes]:
            cur.execute("SELECT key, value FROM huey_kv WHERE queue = %s", (self.name,))
            return {k: bytes(v) for k, v in cur.fetchall()}

        return self._run(read)

    def flush_results(self) -> None:
        self._run(lambda c: c.execute("DELETE FROM huey_kv WHERE queue = %s", (self.name,)))

    def flush_counters(self) -> None:
        self._run(lambda c: c.execute("DELETE FROM huey_counter WHERE queue = %s", (self.name,)))

    # -- helpers -----------------------------------------------------------------------------------
    def _scalar(self, sql: str, params: tuple[Any, ...]) -> int:
        def read(cur: psycopg.Cursor[Any]) -> int:
            cur.execute(sql, params)
            row = cur.fetchone()
            return int(row[0]) if row else 0

        return self._run(read)

    def _column(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        def read(cur: psycopg.Cursor[Any]) -> list[Any]:
            cur.execute(sql, params)
            return [bytes(r[0]) if isinstance(r[0], memoryview | bytes) else r[0] for r in cur.fetchall()]

        return self._run(read)


def _timestamp(ts: dt.datetime) -> float:
    # Huey passes naive UTC datetimes when utc=True.
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=dt.UTC)
    return ts.timestamp()


class PostgresHuey(Huey):  # type: ignore[misc]
    storage_class = PostgresStorage
