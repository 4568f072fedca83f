"""Process management for ``amends run`` and ``amends worker``: gunicorn for the web, Huey for jobs."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

if TYPE_CHECKING:
    from amends.jobs import WorkerSupervisor


class _DeskServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from amends.wsgi import application

        return application


def _tell_supervisor_on_stop(supervisor: WorkerSupervisor) -> Callable[[Any], None]:
    """A ``when_ready`` hook: the master's stop signals first tell the job supervisor, then gunicorn.

    gunicorn installs its own handlers when it starts; wrapping them once it is ready means the
    supervisor knows about a SIGINT/SIGTERM/SIGQUIT at once, not only after the web workers have
    stopped, so it never restarts a job worker that the same signal stopped.
    """
    def when_ready(arbiter: Any) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
            previous = signal.getsignal(sig)

            def handler(signum: int, frame: Any, previous: Any = previous) -> None:
                supervisor.shutdown_started()
                if callable(previous):
                    previous(signum, frame)

            signal.signal(sig, handler)

    return when_ready


def serve(*, host: str, port: int, workers: int, threads: int, with_jobs: bool) -> None:
    supervisor = None
    if with_jobs:
        # The job worker runs as a supervised child process (see amends.jobs.WorkerSupervisor).
        from amends.jobs import WorkerSupervisor

        supervisor = WorkerSupervisor(threads=2, scheduler=True).start()
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "keepalive": 30,
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }
    if supervisor is not None:
        options["when_ready"] = _tell_supervisor_on_stop(supervisor)
    try:
        _DeskServer(options).run()
    finally:
        if supervisor is not None:
            supervisor.stop()


def run_worker(*, threads: int, scheduler: bool) -> None:
    from amends.jobs import run_consumer

    run_consumer(threads=threads, scheduler=scheduler)
