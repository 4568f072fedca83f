"""Process management for ``amends run`` and ``amends worker``: gunicorn for the web, Huey for jobs."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


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
    try:
        _DeskServer(options).run()
    finally:
        if supervisor is not None:
            supervisor.stop()


def run_worker(*, threads: int, scheduler: bool) -> None:
    from amends.jobs import run_consumer

    run_consumer(threads=threads, scheduler=scheduler)
