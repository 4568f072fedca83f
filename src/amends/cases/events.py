"""Typed timeline writers. Every service that changes a case calls exactly one of these per change."""

from __future__ import annotations

from typing import Any

from amends.accounts.models import User
from amends.cases.models import Case, CaseEvent, EventType
from amends.core import clock


def record(*, case: Case, type: EventType, actor: User | None = None, **payload: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, type=type, actor=actor, payload=payload, created_at=clock.now())


def bulk_record(events: list[tuple[Case, EventType, User | None, dict[str, Any]]]) -> None:
    """Many events at once (demo loads, sweeps); each is still its own immutable row."""
    now = clock.now()
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=c, type=t, actor=a, payload=p, created_at=now) for c, t, a, p in events]
    )
