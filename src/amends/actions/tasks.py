"""Quick-action jobs: remind people of tasks that are about to fall due (every minute)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amends.actions import services


@db_periodic_task(crontab(minute="*"), retries=2, retry_delay=15)
def remind_due_tasks() -> int:
    return services.tasks_remind_due()
