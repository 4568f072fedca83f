"""Start real ``amends worker`` processes against the test database and a chosen queue storage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection

from amends.jobs import use_queue


def database_url() -> str:
    """The URL of the test database this process uses, for a worker process to open too."""
    cfg = connection.settings_dict
    if cfg["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{cfg['NAME']}"
    user = cfg.get("USER") or "postgres"
    password = f":{cfg['PASSWORD']}" if cfg.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{cfg.get('HOST') or '127.0.0.1'}:{cfg.get('PORT') or 5432}/{cfg['NAME']}"


def queue_url(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{settings.VAR_DIR / 'queue-tests.sqlite3'}"
    if kind == "redis":
        return os.environ.get("AMENDS_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
    if kind == "postgres":
        return database_url()
    raise ValueError(kind)


def queue_kinds() -> list[str]:
    """Every storage this run can reach: SQLite and Redis always, PostgreSQL when the tests use it."""
    kinds = ["sqlite", "redis"]
    if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        kinds.append("postgres")
    return kinds


def wait_until(predicate: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Workers:
    """Start and kill worker processes sharing one queue with this test process."""

    def __init__(self, kind: str, env: dict[str, str]) -> None:
        self.kind = kind
        self.name = f"amends-test-{uuid.uuid4().hex[:10]}"
        self.url = queue_url(kind)
        self.env = env
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, *, scheduler: bool = False, **extra_env: str) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env.pop("AMENDS_WORKER_PARENT_PID", None)
        env.update({
            "AMENDS_VAR_DIR": str(settings.VAR_DIR),
            "AMENDS_DATABASE_URL": database_url(),
            "AMENDS_QUEUE_URL": self.url,
            "AMENDS_QUEUE_NAME": self.name,
            "AMENDS_SECRET_KEY": settings.SECRET_KEY,
            "AMENDS_OUTBOX_RETRY_SECONDS": "1",
            "AMENDS_OUTBOX_LEASE_SECONDS": "3",
            "AMENDS_OUTBOX_SWEEP_GRACE_SECONDS": "0",
            "AMENDS_SITE_URL": settings.SITE_URL,
        })
        env.update(self.env)
        env.update(extra_env)
        args = [sys.executable, "-m", "amends.cli", "worker", "--threads", "2",
                "--scheduler" if scheduler else "--no-scheduler"]
        process = subprocess.Popen(args, env=env, start_new_session=True)
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)


@contextmanager
def workers(kind: str, **env: str) -> Iterator[Workers]:
    """This process enqueues into the same storage as the workers it starts, for the duration."""
    pool = Workers(kind, env)
    with use_queue(pool.url, pool.name) as huey:
        try:
            yield pool
        finally:
            pool.stop_all()
            huey.storage.flush_queue()
            huey.storage.flush_schedule()
            huey.storage.flush_results()
