"""Django's SQLite backend, with write transactions queued on a file lock before ``BEGIN IMMEDIATE``.

SQLite lets one writer in at a time. A writer that finds the database locked is put to sleep by
SQLite's busy handler in growing steps (1, 2, 5, ... 100 ms) and retries; with a few concurrent
writers (the web workers' threads, the job worker) most of the waiting is sleeping past the moment
the lock came free: at 4 concurrent API clients, cases/s fell below one client's and p95 rose to
hundreds of ms. Here each connection first takes an exclusive ``flock`` on ``<database>.writelock``
(flock, not fcntl locks: it also queues threads of one process, each connection has its own open
file), so a waiting writer starts as soon as the previous one commits. SQLite's own lock still
guards the data: if the file lock cannot be had within the connection's timeout, or the
database is in memory, the transaction simply starts as before.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base

# How long a waiting writer sleeps between tries; a transaction here lasts about a millisecond.
_POLL_SECONDS = 0.0005

# The stubs leave out the private transaction hooks overridden here.
_SQLiteWrapper: Any = base.DatabaseWrapper


class DatabaseWrapper(_SQLiteWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_lock_fd: int | None = None
        self._write_lock_held = False

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None

    def _acquire_write_lock(self) -> None:
        if self._write_lock_held or self.transaction_mode != "IMMEDIATE" or self.is_in_memory_db():
            return
        if self._write_lock_fd is None:
            self._write_lock_fd = os.open(f"{self.settings_dict['NAME']}.writelock", os.O_RDWR | os.O_CREAT, 0o600)
        give_up_at = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        while True:
            try:
                fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= give_up_at:
                    return  # leave the waiting to SQLite's busy handler, as without this lock
                time.sleep(_POLL_SECONDS)
            else:
                self._write_lock_held = True
                return

    def _release_write_lock(self) -> None:
        if self._write_lock_held and self._write_lock_fd is not None:
            fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
        self._write_lock_held = False
