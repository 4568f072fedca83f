"""Starting the Huey job consumer, inside ``amends run`` or as ``amends worker``."""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)


class _ConsumerThread:
    def __init__(self, consumer: Any) -> None:
        self.consumer = consumer
        self.thread = threading.Thread(target=self._run, name="amends-jobs", daemon=True)

    def _run(self) -> None:
        # Signal handlers belong to the main thread (gunicorn's arbiter); this one only consumes.
        self.consumer._set_signal_handlers = lambda: None
        self.consumer.run()

    def start(self) -> _ConsumerThread:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.consumer.stop(graceful=True)


def _consumer(threads: int, scheduler: bool) -> Any:
    from huey.contrib.djhuey import HUEY

    import amends.tasks  # noqa: F401  registers every domain's tasks

    return HUEY.create_consumer(workers=threads, worker_type="thread", periodic=scheduler,
                                check_worker_health=True, initial_delay=0.1, max_delay=2.0)


def start_consumer_thread(*, threads: int, scheduler: bool) -> _ConsumerThread:
    return _ConsumerThread(_consumer(threads, scheduler)).start()


def run_consumer(*, threads: int, scheduler: bool) -> None:
    _consumer(threads, scheduler).run()
