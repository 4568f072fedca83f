"""SLA writes (being built)."""
from __future__ import annotations

import datetime as dt
from typing import Any


def sla_due_time(case: Any, start: dt.datetime, minutes: int) -> dt.datetime:
    return start + dt.timedelta(minutes=minutes)


def sla_on_event(event: Any) -> None:
    return None
