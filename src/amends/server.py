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
    consumer = None
    if with_jobs:
        from amends.jobs import start_consumer_thread

        consumer = start_consumer_thread(threads=1, scheduler=True)
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
        if consumer is not None:
            consumer.stop()


def run_worker(*, threads: int, scheduler: bool) -> None:
    from amends.jobs import run_consumer

    run_consumer(threads=threads, scheduler=scheduler)
