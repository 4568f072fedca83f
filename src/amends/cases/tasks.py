"""Case jobs: the minute sweep that refines intake's fast triage with the full analysis."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amends.cases import services


@db_periodic_task(crontab(minute="*"), retries=1, retry_delay=15)
def refine_triage() -> int:
    # Batches of 200 until none is left: a burst of intake is refined within the minute it ends.
    total = 0
    while done := services.case_triage_refine_pending(limit=200):
        total += done
    return total
