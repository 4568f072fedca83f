"""The job queue (Huey): which storage it uses, how work is enqueued, and how consumers run.

Storage follows ``AMENDS_QUEUE_URL``: empty means a SQLite file under var/ (one machine),
``redis://`` means Redis and ``postgres://`` means PostgreSQL (many workers on many machines).
Exactly one consumer runs the periodic scheduler (the minute sweeps); the others are started
with ``amends worker --no-scheduler``. Every consumer still runs delayed tasks and retries.

Tasks take ids, are idempotent and only call services. Enqueueing happens after commit and
never fails the caller: the outbox and the sweeps find anything a lost enqueue left behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# amends.settings imports this module for queue_config: nothing at its top level may read a
# setting or load a model.
from django.db import transaction

log = logging.getLogger(__name__)


def queue() -> Any:
    """The process's Huey instance (configured from settings.HUEY)."""
    from huey.contrib.djhuey import HUEY

    return HUEY


def queue_config(url: str, name: str, *, sqlite_file: str) -> dict[str, Any]:
    """Huey's class and storage arguments for a queue URL: '' or sqlite:///path, redis://..., postgres://...

    settings.HUEY is built from it while the settings load, so it reads no settings itself.
    """
    if url.startswith(("redis://", "rediss://")):
        return {"huey_class": "huey.PriorityRedisHuey", "name": name, "url": url}
    if url.startswith(("postgres://", "postgresql://")):
        return {"huey_class": "amends.pgqueue.PostgresHuey", "name": name, "url": url}
    filename = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else sqlite_file
    return {"huey_class": "huey.SqliteHuey", "name": name, "filename": filename}


def storage_for_url(url: str, name: str) -> Any:
    """A Huey storage for a queue URL, as settings.HUEY would configure it."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    config = queue_config(url, name, sqlite_file=str(settings.VAR_DIR / "queue.sqlite3"))
    huey_class = import_string(config.pop("huey_class"))
    return huey_class.storage_class(config.pop("name"), **config)


@contextmanager
def use_queue(url: str, name: str) -> Iterator[Any]:
    """Point this process's queue at another storage for a while (tests, benchmarks)."""
    huey = queue()
    previous_storage, previous_name = huey.storage, huey.name
    huey.name = name
    huey.storage = storage_for_url(url, name)
    try:
        yield huey
    finally:
        huey.storage.close()
        huey.storage, huey.name = previous_storage, previous_name


def enqueue(task: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue now; a queue that is down is logged, not raised (the sweeps catch up)."""
    try:
        task(*args, **kwargs)
    except Exception:  # noqa: BLE001 - the durable state is in the database, the queue is a nudge
        log.exception("Could not enqueue %s%r; the next sweep will pick the work up.", task, args)


def enqueue_on_commit(task: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue once the current transaction commits (never for a rolled-back change)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


# -- consumers -----------------------------------------------------------------------------------

def _consumer(threads: int, scheduler: bool) -> Any:
    import amends.tasks  # noqa: F401  registers every domain's tasks

    return queue().create_consumer(workers=threads, worker_type="thread", periodic=scheduler,
                                   check_worker_health=True, initial_delay=0.1, max_delay=1.0)


WORKER_NICENESS = 10


def _watch_parent(parent_pid: int) -> None:
    """Stop this worker when the process that started it is gone (``amends run`` killed hard)."""
    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="amends-parent-watch", daemon=True).start()


def run_consumer(*, threads: int, scheduler: bool) -> None:
    """Run a consumer in this (main) thread until SIGTERM/SIGINT; Huey installs the handlers."""
    parent = os.environ.get("AMENDS_WORKER_PARENT_PID")
    if parent and parent.isdigit():
        _watch_parent(int(parent))
        # Beside the web server on the same cores, jobs yield to requests: a burst of intake is
        # answered first and its deferred work (refine_triage above all) catches up after it.
        # Threads created from here on inherit the value. A worker of its own (`amends worker`)
        # keeps the normal priority.
        os.nice(WORKER_NICENESS)
    _consumer(threads, scheduler).run()


class WorkerSupervisor:
    """Keeps one ``amends worker`` child process alive beside the web server.

    A child process rather than a thread inside gunicorn's master: the master forks web workers
    at any time, and forking while a consumer thread holds a database connection or a lock can
    leave the children with a broken copy; the master also owns the signal handlers. The child
    is restarted if it dies, stopped when the server stops, and exits by itself if the server
    is killed without a chance to stop it.
    """

    def __init__(self, *, threads: int, scheduler: bool) -> None:
        self.args = [sys.executable, "-m", "amends.cli", "worker", "--threads", str(threads),
                     "--scheduler" if scheduler else "--no-scheduler"]
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        # Spawning and stopping exclude each other, so no child is started once stopping began.
        # Re-entrant: stop() may be interrupted by a signal whose handler calls shutdown_started().
        self._lock = threading.RLock()
        # gunicorn forks its web workers from this process, and a web worker leaves through the
        # same `finally` as the master: only the process that started the child may stop it.
        self.owner_pid = os.getpid()
        self.thread = threading.Thread(target=self._loop, name="amends-worker-supervisor", daemon=True)

    def start(self) -> WorkerSupervisor:
        self._spawn()
        self.thread.start()
        return self

    def _spawn(self) -> None:
        env = dict(os.environ, AMENDS_WORKER_PARENT_PID=str(os.getpid()))
        self.process = subprocess.Popen(self.args, env=env)

    def _loop(self) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            assert self.process is not None
            started = time.monotonic()
            # gunicorn's arbiter may reap the child first; it is gone either way.
            with contextlib.suppress(ChildProcessError):
                self.process.wait()
            if self.stopping.wait(backoff):
                return
            with self._lock:
                if self.stopping.is_set():
                    return
                log.warning("The job worker stopped (exit %s); starting it again.", self.process.returncode)
                backoff = 1.0 if time.monotonic() - started > 60 else min(backoff * 2, 30.0)
                self._spawn()

    def shutdown_started(self) -> None:
        """The server is stopping (its signal arrived): never restart the child, and ask it to stop now.

        Called from the server's signal handler, before the web workers have finished: a worker
        that exits because the same Ctrl-C reached it must not be taken for a crash and restarted.
        """
        if os.getpid() != self.owner_pid:
            return
        with self._lock:
            self.stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                process.terminate()

    def stop(self, timeout: float = 15.0) -> None:
        if os.getpid() != self.owner_pid:
            return
        self.shutdown_started()
        process = self.process
        if process is not None:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
            except ChildProcessError:
                pass  # gunicorn's arbiter reaped it first
