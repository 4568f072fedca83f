"""SLA writes: due times in business hours, the clock that follows a case, and the minute sweep.

The clock reacts to the case's timeline (it is subscribed to ``amends.cases.events``): it starts
when the case opens, notes the first reply, pauses while the case waits on the customer and
resumes (moving open deadlines later by the paused business time) when they answer, and stops
when the case closes. The sweep warns the owner when a set share of a target is used, records a
breach, escalates to the owner's manager, and one level further after a delay. Every sweep step
is recorded in the clock's marks first, so running the sweep twice changes nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from amends.accounts.models import Role, User
from amends.cases import events
from amends.cases.models import Case, CaseEvent, CaseStep, EventType, Priority, Status, StepStatus
from amends.core import clock
from amends.core.cache import ProcessCache
from amends.core.inserts import insert_new
from amends.sla.calendar import ALWAYS_OPEN, BusinessCalendar
from amends.sla.models import Calendar, CaseClock, SlaPolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    first_response_minutes: int
    resolution_minutes: int
    step_target_percent: int = 100
    follow_up_delay_minutes: int = 3 * 24 * 60
    warning_percent: int = 75
    second_escalation_minutes: int = 240


# Used until a manager saves a policy for the priority in the admin.
DEFAULT_POLICIES = {
    Priority.CRITICAL: Policy(first_response_minutes=30, resolution_minutes=8 * 60, second_escalation_minutes=60),
    Priority.HIGH: Policy(first_response_minutes=60, resolution_minutes=24 * 60, second_escalation_minutes=120),
    Priority.NORMAL: Policy(first_response_minutes=4 * 60, resolution_minutes=3 * 24 * 60),
    Priority.LOW: Policy(first_response_minutes=8 * 60, resolution_minutes=5 * 24 * 60,
                         second_escalation_minutes=480),
}

# Due times are computed for every step of every new case: policies and calendars are kept per
# process (amends.core.cache; cleared by the signals in apps.py).
POLICIES: ProcessCache[Policy] = ProcessCache("sla-policies")
CALENDARS: ProcessCache[BusinessCalendar] = ProcessCache("sla-calendars")


def policy_for(priority: str) -> Policy:
    def load() -> Policy:
        row = SlaPolicy.objects.filter(priority=priority).first()
        if row is None:
            return DEFAULT_POLICIES.get(Priority(priority), DEFAULT_POLICIES[Priority.NORMAL])
        return Policy(row.first_response_minutes, row.resolution_minutes, row.step_target_percent,
                      row.follow_up_delay_minutes, row.warning_percent, row.second_escalation_minutes)

    return POLICIES.get(priority, load)


def _to_calendar(row: Calendar | None) -> BusinessCalendar:
    if row is None:
        return ALWAYS_OPEN
    return BusinessCalendar.build(row.timezone, [(h.weekday, h.opens, h.closes) for h in row.hours.all()],
                                  [h.date for h in row.holidays.all()])


def calendar_for_team(team_id: int | None) -> BusinessCalendar:
    def load() -> BusinessCalendar:
        row = Calendar.objects.filter(team_id=team_id).first() if team_id else None
        return _to_calendar(row or Calendar.objects.filter(is_default=True).order_by("id").first())

    return CALENDARS.get(team_id, load)


def calendar_for_case(case: Case) -> BusinessCalendar:
    owner = case.owner
    return calendar_for_team(owner.team_id if owner is not None else None)


def sla_due_time(case: Case, start: dt.datetime, minutes: int) -> dt.datetime:
    """Registered with cases.services: a step's due time, in business time, scaled by priority."""
    policy = policy_for(case.priority)
    return calendar_for_case(case).add(start, minutes * policy.step_target_percent / 100)


def follow_up_due(case: Case, start: dt.datetime) -> dt.datetime:
    """When the follow-up after a fix is due for this case (policy delay, business time)."""
    return calendar_for_case(case).add(start, policy_for(case.priority).follow_up_delay_minutes)


def shifted_due(cal: BusinessCalendar, due: dt.datetime, paused_at: dt.datetime,
                resumed_at: dt.datetime) -> dt.datetime:
    """A deadline after a pause: the business time that was left at the pause, counted from the resume.

    A deadline that had already passed when the pause began stays where it was; no deadline
    ever moves earlier.
    """
    if due <= paused_at:
        return due
    left = cal.minutes_between(paused_at, due)
    return max(due, cal.add(resumed_at, left))


# -- the clock follows the timeline ------------------------------------------------------------

def _clock(case: Case) -> CaseClock:
    row = CaseClock.objects.filter(case=case).first()
    if row is not None:
        return row
    return _start_clock(case)


def _clock_targets(case: Case, paused_minutes: float = 0) -> tuple[dt.datetime, dt.datetime]:
    """First-response and resolution due times from the opening, in business time, plus time paused."""
    policy = policy_for(case.priority)
    cal = calendar_for_case(case)
    return (cal.add(case.opened_at, policy.first_response_minutes + paused_minutes),
            cal.add(case.opened_at, policy.resolution_minutes + paused_minutes))


def _start_clock(case: Case) -> CaseClock:
    first_response_due_at, resolution_due_at = _clock_targets(case)
    row, _ = CaseClock.objects.get_or_create(case=case, defaults={
        "first_response_due_at": first_response_due_at, "resolution_due_at": resolution_due_at,
        "next_check_at": clock.now(),
    })
    return row


def _start_new_clock(case: Case) -> None:
    """The clock of a case that has just opened: one insert, no read (only a new case is opened)."""
    first_response_due_at, resolution_due_at = _clock_targets(case)
    insert_new([CaseClock(case=case, first_response_due_at=first_response_due_at,
                          resolution_due_at=resolution_due_at, next_check_at=clock.now())])


def _retarget(case: Case, row: CaseClock) -> None:
    """Priority known or changed: first-response and resolution targets follow the new policy."""
    row.first_response_due_at, row.resolution_due_at = _clock_targets(case, row.paused_minutes)
    row.next_check_at = clock.now()
    row.save()


def _add_paused_time(case: Case, row: CaseClock, keys: list[str]) -> None:
    """Steps re-targeted from their start after a priority change get back the time spent waiting.

    As for the first-response and resolution targets, the whole paused business time is added,
    so a priority change never takes back time the customer's silence had given.
    """
    from amends.cases.services import case_refresh_next_due

    if not keys or row.paused_minutes <= 0:
        return
    cal = calendar_for_case(case)
    steps = list(CaseStep.objects.filter(case=case, status=StepStatus.OPEN, key__in=keys).exclude(due_at=None))
    for step in steps:
        assert step.due_at is not None
        step.due_at = cal.add(step.due_at, row.paused_minutes)
    CaseStep.objects.bulk_update(steps, ["due_at"])
    case_refresh_next_due(case=case)


def _pause(case: Case, row: CaseClock, actor: User | None) -> None:
    if row.paused_since is not None or not row.active:
        return
    row.paused_since = clock.now()
    row.save(update_fields=["paused_since"])
    events.record(case=case, type=EventType.SLA_PAUSED, actor=actor, reason="waiting on the customer")


def _resume(case: Case, row: CaseClock, actor: User | None) -> None:
    from amends.cases.services import case_refresh_next_due

    if row.paused_since is None:
        return
    paused_at, now = row.paused_since, clock.now()
    cal = calendar_for_case(case)
    moved = 0
    for step in CaseStep.objects.filter(case=case, status=StepStatus.OPEN).exclude(due_at=None):
        assert step.due_at is not None
        new_due = shifted_due(cal, step.due_at, paused_at, now)
        if new_due != step.due_at:
            step.due_at = new_due
            step.save(update_fields=["due_at"])
            moved += 1
    for field in ("first_response_due_at", "resolution_due_at"):
        due = getattr(row, field)
        if due is not None:
            setattr(row, field, shifted_due(cal, due, paused_at, now))
    paused = cal.minutes_between(paused_at, now)
    row.paused_minutes += paused
    row.paused_since = None
    row.next_check_at = now
    row.save()
    case_refresh_next_due(case=case)
    events.record(case=case, type=EventType.SLA_RESUMED, actor=actor, paused_business_minutes=round(paused, 1),
                  deadlines_moved=moved)


def sla_on_event(event: CaseEvent) -> None:
    """Subscribed to the timeline; runs inside the transaction that recorded the event."""
    kind = event.type
    if kind in (EventType.SLA_PAUSED, EventType.SLA_RESUMED, EventType.SLA_WARNING, EventType.SLA_BREACHED,
                EventType.ESCALATED):
        return
    case = event.case
    # Set on the case when its clock was started just now; only the very next event may use it.
    started_for = case.__dict__.pop("_sla_clock_started_for", None)
    if kind == EventType.CASE_OPENED:
        _start_new_clock(case)
        case.__dict__["_sla_clock_started_for"] = case.priority
        return
    if kind == EventType.TRIAGED and started_for == case.priority:
        # case_open triages before it records the opening, so the clock just started already
        # follows this priority's policy: retargeting would write the same targets again.
        return
    row = _clock(case)
    if kind in (EventType.TRIAGED, EventType.PRIORITY_CHANGED):
        _retarget(case, row)
        if kind == EventType.PRIORITY_CHANGED:
            _add_paused_time(case, row, list(event.payload.get("steps_retargeted") or ()))
    elif kind == EventType.REPLY_SENT:
        if row.first_responded_at is None:
            row.first_responded_at = event.created_at
            row.save(update_fields=["first_responded_at"])
    elif kind == EventType.STATUS_CHANGED:
        status, previous = event.payload.get("status"), event.payload.get("previous")
        if status == Status.WAITING_CUSTOMER:
            _pause(case, row, event.actor)
        elif previous == Status.WAITING_CUSTOMER:
            _resume(case, row, event.actor)
    elif kind == EventType.CASE_CLOSED:
        if row.paused_since is not None:
            _resume(case, row, event.actor)
        CaseClock.objects.filter(pk=row.pk).update(active=False, next_check_at=None)
    elif kind == EventType.CASE_REOPENED:
        CaseClock.objects.filter(pk=row.pk).update(active=True, next_check_at=clock.now())
    elif kind in (EventType.STEP_ADDED, EventType.STEP_COMPLETED, EventType.STEP_SKIPPED, EventType.STEP_REOPENED,
                  EventType.OWNER_ASSIGNED):
        # Something a target depends on changed: look again on the next sweep.
        CaseClock.objects.filter(pk=row.pk).update(next_check_at=clock.now())


# -- the sweep -----------------------------------------------------------------------------------

def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def escalation_recipients(case: Case, level: int) -> list[User]:
    """Level 1: the owner's manager (else their team's manager, else every manager); level 2: one up."""
    owner = case.owner
    first: list[User] = []
    if owner is not None and owner.manager is not None and owner.manager.is_active:
        first = [owner.manager]
    elif owner is not None and owner.team is not None and owner.team.manager is not None:
        first = [owner.team.manager]
    if not first:
        first = list(User.objects.filter(role=Role.MANAGER, is_active=True).order_by("id"))
    if level <= 1:
        return first
    second: list[User] = []
    for person in first:
        above = person.manager or (person.team.manager if person.team and person.team.manager != person else None)
        if above is not None and above.is_active and above not in second:
            second.append(above)
    return second or list(User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id"))


def _case_link(case: Case) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL}/cases/{case.pk}/"


class _SweepBatch:
    """What one chunk of the sweep writes, gathered first and then written in a few statements.

    Timeline events go through ``events.bulk_record`` (listeners such as webhooks still see each
    event) and emails through ``email_queue_many``; escalation recipients are looked up once per
    owner and level for the chunk.
    """

    def __init__(self) -> None:
        self.events: list[tuple[Case, EventType, User | None, dict[str, Any]]] = []
        self.emails: list[Any] = []
        self._recipients: dict[tuple[int | None, int], list[User]] = {}

    def event(self, case: Case, kind: EventType, **payload: Any) -> None:
        self.events.append((case, kind, None, payload))

    def notify(self, case: Case, people: list[User], subject: str, body: str, purpose: str) -> None:
        from amends.outbox.services import Notification

        self.emails.extend(Notification(to=p.email, subject=subject, body=body, purpose=purpose, case=case)
                           for p in people if p.email)

    def recipients(self, case: Case, level: int) -> list[User]:
        key = (case.owner_id, level)
        if key not in self._recipients:
            self._recipients[key] = escalation_recipients(case, level)
        return self._recipients[key]

    def escalate(self, case: Case, level: int, key: str, label: str, due: dt.datetime) -> None:
        people = self.recipients(case, level)
        owner = case.owner.display_name if case.owner else "nobody yet"
        self.notify(case, people, f"[Escalation, level {level}] Case #{case.pk}: {label} is overdue",
                    f"{label} on case #{case.pk} ({case.subject}) was due at {due:%Y-%m-%d %H:%M} UTC and is not "
                    f"done.\nOwner: {owner}. Priority: {case.priority}.\n\nOpen the case: {_case_link(case)}\n",
                    "escalation")
        self.event(case, EventType.ESCALATED, level=level, target=key, label=label, to=[p.username for p in people])

    def write(self) -> None:
        from amends.outbox.services import email_queue_many

        events.bulk_record(self.events)
        email_queue_many(notifications=self.emails)


def _targets(row: CaseClock, steps: list[CaseStep], policy: Policy) -> list[tuple[str, str, dt.datetime, float]]:
    targets: list[tuple[str, str, dt.datetime, float]] = []
    if row.first_response_due_at and row.first_responded_at is None:
        targets.append(("first_response", "First response", row.first_response_due_at,
                        float(policy.first_response_minutes)))
    if row.resolution_due_at:
        targets.append(("resolution", "Resolution", row.resolution_due_at, float(policy.resolution_minutes)))
    for step in steps:
        assert step.due_at is not None
        targets.append((f"step:{step.key}", step.title, step.due_at,
                        step.target_minutes * policy.step_target_percent / 100))
    return targets


def _check(row: CaseClock, steps: list[CaseStep], now: dt.datetime, batch: _SweepBatch) -> None:
    """Warn, breach and escalate what is due on one locked clock, into the batch and its marks."""
    case = row.case
    if case.status == Status.CLOSED:
        row.active, row.next_check_at = False, None
        return
    policy = policy_for(case.priority)
    cal = calendar_for_case(case)
    marks: dict[str, dict[str, Any]] = dict(row.marks or {})
    upcoming: list[dt.datetime] = []
    for key, label, due, minutes in _targets(row, steps, policy):
        mark = marks.setdefault(key, {})
        if now >= due:
            if not mark.get("breached"):
                mark.update(breached=_iso(now), level=1,
                            next_level_at=_iso(cal.add(now, policy.second_escalation_minutes)))
                batch.event(case, EventType.SLA_BREACHED, target=key, label=label, due_at=_iso(due))
                batch.escalate(case, 1, key, label, due)
            elif mark.get("level") == 1 and now >= _parse(mark["next_level_at"]):
                mark["level"] = 2
                batch.escalate(case, 2, key, label, due)
            if mark.get("level") == 1:
                upcoming.append(_parse(mark["next_level_at"]))
            continue
        warn_at = cal.subtract(due, minutes * (100 - policy.warning_percent) / 100)
        if not mark.get("warned"):
            if now >= warn_at:
                mark["warned"] = _iso(now)
                batch.event(case, EventType.SLA_WARNING, target=key, label=label, due_at=_iso(due),
                            percent=policy.warning_percent)
                if case.owner is not None:
                    batch.notify(case, [case.owner], f"Case #{case.pk}: {label} is due soon",
                                 f"{label} on case #{case.pk} ({case.subject}) is due at {due:%Y-%m-%d %H:%M} UTC."
                                 f"\n\nOpen the case: {_case_link(case)}\n", "sla_warning")
            else:
                upcoming.append(warn_at)
        upcoming.append(due)
    row.marks = marks
    row.next_check_at = min(upcoming) if upcoming else None


@transaction.atomic
def sla_check_clocks(*, clock_ids: list[int], now: dt.datetime) -> int:
    """Warn, breach and escalate what is due on these clocks in one transaction; returns how many it held.

    The clocks are locked (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite's write transaction
    is exclusive) and re-read with the sweep's conditions, so a clock another sweep holds or has
    just moved on is left alone, and the marks written with the events make a repeat a no-op.
    """
    rows = list(CaseClock.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("case__customer", "case__owner__manager", "case__owner__team__manager")
                .filter(pk__in=clock_ids, active=True, paused_since__isnull=True, next_check_at__lte=now)
                .order_by("pk"))
    if not rows:
        return 0
    steps: dict[int, list[CaseStep]] = {}
    for step in (CaseStep.objects.filter(case_id__in=[r.case_id for r in rows], status=StepStatus.OPEN)
                 .exclude(due_at=None)):
        steps.setdefault(step.case_id, []).append(step)
    batch = _SweepBatch()
    for row in rows:
        _check(row, steps.get(row.case_id, []), now, batch)
    CaseClock.objects.bulk_update(rows, ["active", "marks", "next_check_at"])
    batch.write()
    return len(rows)


def sla_check_clock(*, clock_id: int, now: dt.datetime) -> bool:
    """One clock (False when another sweep has it or nothing is due)."""
    return sla_check_clocks(clock_ids=[clock_id], now=now) == 1


# A chunk is one transaction: large enough that a burst of breaches costs a few statements,
# small enough that SQLite's write lock is not held for long.
SWEEP_CHUNK = 100


def sla_sweep(*, now: dt.datetime | None = None, limit: int = 5000) -> int:
    """Check every running clock whose next moment has come; returns how many were handled."""
    now = now or clock.now()
    ids = list(CaseClock.objects.filter(active=True, paused_since__isnull=True, next_check_at__lte=now)
               .order_by("next_check_at").values_list("pk", flat=True)[:limit])
    handled = 0
    for first in range(0, len(ids), SWEEP_CHUNK):
        chunk = ids[first:first + SWEEP_CHUNK]
        try:
            handled += sla_check_clocks(clock_ids=chunk, now=now)
        except Exception:  # noqa: BLE001 - one broken case must not stop the sweep for the others
            log.exception("SLA check failed for a chunk of %s clocks; checking them one by one", len(chunk))
            for clock_id in chunk:
                try:
                    handled += sla_check_clock(clock_id=clock_id, now=now)
                except Exception:  # noqa: BLE001
                    log.exception("SLA check failed for clock %s", clock_id)
    return handled
