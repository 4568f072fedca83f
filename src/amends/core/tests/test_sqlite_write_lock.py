"""The SQLite backend queues writers on a file lock held exactly for the length of a write transaction.

These tests build their own connection to a throw-away SQLite file, so they run the same on
either database the suite is pointed at (pytest-django's guard against database access is lifted
for them: they touch no test database).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler


@pytest.fixture(autouse=True)
def _own_connections_allowed(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[Any]:
    handler = ConnectionHandler({"default": {
        "ENGINE": "amends.core.sqlite3", "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 5},
    }})
    conn = handler["default"]
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
    yield conn
    conn.close()


def _lock_is_free(conn: Any) -> bool:
    """Whether another writer could take the file lock now (tried from a separate open file)."""
    fd = os.open(f"{conn.settings_dict['NAME']}.writelock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def test_a_write_transaction_holds_the_lock_until_it_commits(sqlite: Any) -> None:
    sqlite._start_transaction_under_autocommit()
    with sqlite.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    assert not _lock_is_free(sqlite)
    sqlite.commit()
    assert _lock_is_free(sqlite)
    with sqlite.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone() == (1,)


def test_a_rolled_back_or_closed_transaction_frees_the_lock(sqlite: Any) -> None:
    sqlite._start_transaction_under_autocommit()
    assert not _lock_is_free(sqlite)
    sqlite.rollback()
    assert _lock_is_free(sqlite)
    sqlite._start_transaction_under_autocommit()
    assert not _lock_is_free(sqlite)
    sqlite.close()
    assert _lock_is_free(sqlite)


def test_a_writer_that_cannot_get_the_lock_in_time_still_starts_and_sqlite_decides(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": {
        "ENGINE": "amends.core.sqlite3", "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0},
    }})
    conn: Any = handler["default"]
    conn.ensure_connection()
    fd = os.open(f"{conn.settings_dict['NAME']}.writelock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a stuck holder of the file lock only, not of the database
    try:
        conn._start_transaction_under_autocommit()
        with conn.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x integer)")
        conn.commit()
    finally:
        os.close(fd)
        conn.close()
