"""SLA jobs: the minute sweep (warnings, breaches, escalations)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amends.sla import services


@db_periodic_task(crontab(minute="*"), retries=1, retry_delay=15)
def sweep_sla() -> int:
    return services.sla_sweep()
