"""Case jobs: the minute sweep that refines intake's fast triage with the full analysis."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amends.cases import services


@db_periodic_task(crontab(minute="*"), retries=1, retry_delay=15)
def refine_triage() -> int:
    return services.case_triage_refine_pending()
