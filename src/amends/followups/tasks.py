"""Follow-up jobs: send the surveys whose time has come (every minute)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amends.followups import services


@db_periodic_task(crontab(minute="*"), retries=2, retry_delay=15)
def send_due_followups() -> int:
    return services.followups_send_due()
