"""Typed timeline writers. Every service that changes a case calls exactly one of these per change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from amends.accounts.models import User
from amends.cases.models import Case, CaseEvent, EventType
from amends.core import clock
from amends.core.inserts import insert_new

Listener = Callable[[CaseEvent], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Let a later domain (SLA clocks, webhooks, follow-ups) react to timeline events.

    Listeners run synchronously inside the transaction that records the event, so whatever they
    write (an outbox row, a paused clock) commits or rolls back with the change itself.
    """
    if listener not in _listeners:
        _listeners.append(listener)


def _notify(event: CaseEvent) -> None:
    for listener in list(_listeners):
        listener(event)


def record(*, case: Case, type: EventType, actor: User | None = None, **payload: Any) -> CaseEvent:
    event = CaseEvent.objects.create(case=case, type=type, actor=actor, payload=payload, created_at=clock.now())
    _notify(event)
    return event


def bulk_record(events: list[tuple[Case, EventType, User | None, dict[str, Any]]]) -> list[CaseEvent]:
    """Many events at once (a new case, demo loads, sweeps); each is still its own immutable row."""
    now = clock.now()
    created = insert_new([CaseEvent(case=c, type=t, actor=a, payload=p, created_at=now) for c, t, a, p in events])
    if _listeners:
        for event in created:
            _notify(event)
    return created
