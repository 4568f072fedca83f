"""Outbox jobs: deliver one row (by id) or a burst of rows, and the minute sweep that catches anything left behind."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from amends.outbox import services


@db_task(retries=5, retry_delay=10, retry_backoff=2)
def deliver_outbox(outbox_id: int) -> str:
    return services.outbox_deliver(outbox_id=outbox_id)


@db_task(retries=5, retry_delay=10, retry_backoff=2)
def deliver_outbox_many(outbox_ids: list[int]) -> int:
    """A burst written at once (SLA escalations); each row is still delivered and retried on its own."""
    return sum(services.outbox_deliver(outbox_id=i) == "sent" for i in outbox_ids)


@db_periodic_task(crontab(minute="*"), retries=2, retry_delay=10)
def sweep_outbox() -> int:
    return services.outbox_sweep()
