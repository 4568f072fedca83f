"""Writes for cases: open, converse, walk the playbook, assign, close, reopen.

Every function is keyword-only, runs in one transaction and writes one timeline event per change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Min

from amends.accounts.models import User
from amends.cases import events
from amends.cases.models import (
    PRIORITY_RANK,
    Case,
    CaseEvent,
    CaseStep,
    Channel,
    Direction,
    EventType,
    Message,
    Outcome,
    Priority,
    Status,
    StepStatus,
)
from amends.cases.selectors import cases_pending_triage, priority_set_by_person
from amends.cases.triage import analyse_text, analyse_texts, coach_reply, priority_for
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput, NotFound, OpenStepsRemain
from amends.core.inserts import insert_new
from amends.customers.services import customer_get_or_create
from amends.playbooks.models import PlaybookStep
from amends.playbooks.selectors import playbook_with_steps_for_category

MAX_MESSAGE_CHARS = 100_000

# Hooks later domains register to compute due times (business hours) and react to changes;
# the default due time is plain wall-clock minutes after the start.
DueTimeFn = Callable[[Case, dt.datetime, int], dt.datetime]


def _wall_clock_due(case: Case, start: dt.datetime, minutes: int) -> dt.datetime:
    return start + dt.timedelta(minutes=minutes)


due_time: DueTimeFn = _wall_clock_due


def set_due_time_function(fn: DueTimeFn) -> None:
    global due_time
    due_time = fn


def _clean_text(text: object, *, field: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"{field} must be text.")
    text = text.replace("\x00", "").strip()
    if not text:
        raise InvalidInput(f"{field} must not be empty.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(f"{field} is longer than {MAX_MESSAGE_CHARS} characters.")
    return text


def _subject_from(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    return first[:117] + "..." if len(first) > 120 else first


def _next_due(case: Case) -> dt.datetime | None:
    if case.status == Status.CLOSED:
        # A closed case has nothing left to chase, even if optional steps stayed open.
        return None
    return case.steps.filter(status=StepStatus.OPEN).aggregate(m=Min("due_at"))["m"]


def case_refresh_next_due(*, case: Case) -> None:
    """The case's next due time: its nearest open step's, or none once the case is closed."""
    nearest = _next_due(case)
    if nearest != case.next_due_at:
        case.next_due_at = nearest
        case.save(update_fields=["next_due_at", "updated_at"])


def _apply_analysis(case: Case, analysis: dict | None) -> None:
    """Intake's triage: every field the engine's (fast) analysis gives, then wait for the full one."""
    case.analysis = analysis
    if not analysis:
        return
    case.triage_pending = True
    _apply_scores(case, analysis)
    _apply_points(case, analysis)
    case.category = analysis.get("category") or ""
    case.priority = priority_for(analysis)
    case.priority_rank = PRIORITY_RANK[Priority(case.priority)]


# The fields each part of an analysis sets, for update_fields when a triage is refined.
_SCORE_FIELDS = ["analysis", "complaint_probability", "severity", "anger"]
_POINT_FIELDS = ["salient_points", "desired_outcome"]


def _apply_scores(case: Case, analysis: dict) -> None:
    case.analysis = analysis
    case.complaint_probability = (analysis.get("complaint") or {}).get("probability")
    case.severity = analysis.get("severity")
    case.anger = (analysis.get("emotions") or {}).get("anger")


def _apply_points(case: Case, analysis: dict) -> None:
    case.salient_points = list(analysis.get("salient_points") or [])
    case.desired_outcome = analysis.get("desired_outcome") or ""


def _instantiate_steps(case: Case, playbook_steps: list[PlaybookStep]) -> list[CaseStep]:
    """The case's own copy of the playbook's steps, with due times; not yet saved."""
    return [
        CaseStep(
            case=case, key=s.key, title=s.title, guidance=s.guidance, required=s.required,
            position=s.position, target_minutes=s.target_minutes,
            due_at=due_time(case, case.opened_at, s.target_minutes),
        )
        for s in playbook_steps
    ]


@dataclass(frozen=True)
class OpenedParts:
    """What case_open wrote next to a new case, so the reply can be built without reading it back."""

    steps: list[CaseStep]
    messages: list[Message]
    events: list[CaseEvent]


def case_opened_parts(case: Case) -> OpenedParts | None:
    """The parts of a case this request has just opened (once; None for an existing case)."""
    return case.__dict__.pop("_opened_parts", None)  # type: ignore[no-any-return]


def case_open(
    *,
    actor: User | None,
    customer_name: str,
    customer_email: str = "",
    channel: str = Channel.API,
    message: str,
    external_id: str | None = None,
    subject: str = "",
    owner: User | None = None,
) -> tuple[Case, bool]:
    """Open a case from the customer's own words; the same external_id returns the first case.

    The language engine runs before the write transaction: it is pure and takes a few
    milliseconds, and on SQLite the transaction holds the database's single write lock, so
    analysing inside it would make every other writer wait. Nothing is lost by the order: the
    case, its message and the analysis are committed together or not at all.

    Intake uses the engine's fast analysis (its linear heads): the full one, with the fine-tuned
    encoder, would cost more CPU than the rest of the request. The minute job refines the triage
    (case_triage_refine_pending).
    """
    if external_id is not None:
        external_id = external_id.replace("\x00", "").strip()[:200] or None
        if external_id:
            existing = Case.objects.filter(external_id=external_id).first()
            if existing:
                return existing, False
    if channel not in Channel.values:
        raise InvalidInput(f"Unknown channel {channel!r}; use one of {', '.join(Channel.values)}.")
    body = _clean_text(message, field="message")
    analysis = analyse_text(body, fast=True)
    return _case_open_write(actor=actor, customer_name=customer_name, customer_email=customer_email,
                            channel=channel, body=body, external_id=external_id, subject=subject, owner=owner,
                            analysis=analysis)


@transaction.atomic
def _case_open_write(*, actor: User | None, customer_name: str, customer_email: str, channel: str, body: str,
                     external_id: str | None, subject: str, owner: User | None,
                     analysis: dict | None) -> tuple[Case, bool]:
    now = clock.now()
    try:
        # The customer is created inside the same savepoint, so a lost race leaves no stray customer.
        # Only an external_id can collide, so without one there is no race to recover from.
        with transaction.atomic() if external_id else nullcontext():
            customer = customer_get_or_create(name=customer_name, email=customer_email)
            case = Case(customer=customer, channel=channel,
                        subject=(subject.replace("\x00", "").strip() or _subject_from(body))[:200],
                        story=body, external_id=external_id, opened_at=now)
            _apply_analysis(case, analysis)
            case.playbook, playbook_steps = playbook_with_steps_for_category(case.category)
            steps = _instantiate_steps(case, playbook_steps)
            # Every step is open, so the nearest due time is known before the case is written.
            case.next_due_at = min((s.due_at for s in steps if s.due_at is not None), default=None)
            insert_new([case])
    except IntegrityError:
        # Another request with the same external_id won the race; hand back its case.
        existing = Case.objects.filter(external_id=external_id).first() if external_id else None
        if existing is None:
            raise
        return existing, False
    message = Message(case=case, direction=Direction.INBOUND, body=body, created_at=now)
    insert_new([message])
    opening: list[tuple[Case, EventType, User | None, dict]] = [
        (case, EventType.CASE_OPENED, actor, {"channel": channel, "customer_id": customer.pk,
                                              "external_id": external_id})]
    if analysis:
        opening.append((case, EventType.TRIAGED, None, {
            "priority": case.priority, "category": case.category, "severity": case.severity,
            "desired_outcome": case.desired_outcome}))
    # One insert for both; listeners still see each event, in order.
    recorded = events.bulk_record(opening)
    insert_new(steps)
    if owner is not None:
        case_assign(case=case, owner=owner, actor=actor)
    else:
        # Known in memory; an owner adds events (and listeners may add more), so then the reply reads back.
        case.__dict__["_opened_parts"] = OpenedParts(steps=steps, messages=[message], events=recorded)
    return case, True


@transaction.atomic
def case_assign(*, case: Case, owner: User | None, actor: User | None) -> Case:
    if owner is not None and not owner.is_active:
        raise InvalidInput(f"{owner.username} is not an active user.")
    previous = case.owner
    if previous == owner:
        return case
    case.owner = owner
    case.save(update_fields=["owner", "updated_at"])
    events.record(case=case, type=EventType.OWNER_ASSIGNED, actor=actor,
                  owner=owner.username if owner else None, previous=previous.username if previous else None)
    return case


@transaction.atomic
def case_set_priority(*, case: Case, priority: str, actor: User | None) -> Case:
    if priority not in Priority.values:
        raise InvalidInput(f"Unknown priority {priority!r}.")
    if case.priority == priority:
        return case
    previous = case.priority
    case.priority = priority
    case.priority_rank = PRIORITY_RANK[Priority(priority)]
    case.save(update_fields=["priority", "priority_rank", "updated_at"])
    moved = _retarget_open_steps(case)
    events.record(case=case, type=EventType.PRIORITY_CHANGED, actor=actor, priority=priority, previous=previous,
                  steps_retargeted=moved)
    return case


def case_triage_refine_pending(*, batch: int = 200) -> int:
    """Refine the triage of every case that intake analysed with the fast path; returns how many.

    Batch by batch until none is pending: the full analysis runs once per batch, outside any
    transaction (as at intake); each case is then refined in its own.
    """
    total = 0
    while pending := cases_pending_triage(limit=batch):
        analyses = analyse_texts([story for _, story in pending])
        for (case_id, _), analysis in zip(pending, analyses, strict=True):
            case_triage_refine(case_id=case_id, analysis=analysis)
        total += len(pending)
    return total


@transaction.atomic
def case_triage_refine(*, case_id: int, analysis: dict | None) -> Case | None:
    """Replace a case's fast intake triage with the full analysis of the same story.

    What a person has set stays: confirmed points and outcome, and a priority someone changed.
    The case's priority follows the new urgency otherwise, as it would have at intake.
    """
    case = Case.objects.select_for_update().filter(pk=case_id, triage_pending=True).first()
    if case is None:  # refined meanwhile by another worker
        return None
    case.triage_pending = False
    if analysis is None:  # the engine failed on it now; the intake triage stands
        case.save(update_fields=["triage_pending", "updated_at"])
        return case
    previous = {"probability": case.complaint_probability, "anger": case.anger, "severity": case.severity}
    _apply_scores(case, analysis)
    fields = ["triage_pending", *_SCORE_FIELDS, "updated_at"]
    if not case.points_confirmed:
        _apply_points(case, analysis)
        fields += _POINT_FIELDS
    case.save(update_fields=fields)
    after = {"probability": case.complaint_probability, "anger": case.anger, "severity": case.severity}
    events.record(case=case, type=EventType.TRIAGE_REFINED, actor=None,
                  complaint=bool((analysis.get("complaint") or {}).get("label")),
                  **{k: _rounded(v) for k, v in after.items()},
                  **{f"previous_{k}": _rounded(v) for k, v in previous.items()})
    priority = priority_for(analysis)
    if priority != case.priority and case.status != Status.CLOSED and not priority_set_by_person(case=case):
        case_set_priority(case=case, priority=priority, actor=None)
    return case


def _rounded(value: float | int | None) -> float | int | None:
    return round(value, 2) if isinstance(value, float) else value


def _retarget_open_steps(case: Case) -> dict[str, dict[str, str]]:
    """Open steps' due times under the case's (new) priority, counted from when each step started.

    A playbook step started with the case; a step added later started when the timeline says it
    was added. Returns {step key: {"due_at", "previous"}} for the steps whose due time moved. (The
    SLA clock then adds back any time the case spent waiting on the customer.)
    """
    added = {e.payload.get("step"): e.created_at
             for e in case.events.filter(type=EventType.STEP_ADDED).order_by("id")}
    moved: dict[str, dict[str, str]] = {}
    steps = list(CaseStep.objects.filter(case=case, status=StepStatus.OPEN).exclude(due_at=None))
    for step in steps:
        assert step.due_at is not None
        new_due = due_time(case, added.get(step.key, case.opened_at), step.target_minutes)
        if new_due != step.due_at:
            moved[step.key] = {"due_at": new_due.isoformat(), "previous": step.due_at.isoformat()}
            step.due_at = new_due
    CaseStep.objects.bulk_update([s for s in steps if s.key in moved], ["due_at"])
    if moved:
        case_refresh_next_due(case=case)
    return moved


@transaction.atomic
def case_set_status(*, case: Case, status: str, actor: User | None, reason: str = "") -> Case:
    if status not in Status.values:
        raise InvalidInput(f"Unknown status {status!r}.")
    if case.status == status:
        return case
    previous = case.status
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    events.record(case=case, type=EventType.STATUS_CHANGED, actor=actor, status=status, previous=previous,
                  reason=reason)
    return case


@transaction.atomic
def message_add(
    *, case: Case, direction: str, body: str, actor: User | None, external_id: str | None = None
) -> tuple[Message, bool]:
    """Add a message; an outbound reply is coached, an inbound one re-opens a waiting case."""
    if direction not in Direction.values:
        raise InvalidInput(f"Unknown direction {direction!r}; use inbound, outbound or note.")
    text = _clean_text(body, field="body")
    external_id = (external_id or "").replace("\x00", "").strip()[:255] or None
    if external_id:
        existing = Message.objects.filter(external_id=external_id).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            message = Message.objects.create(case=case, direction=direction, body=text, author=actor,
                                             external_id=external_id, created_at=clock.now())
    except IntegrityError:
        # The same external message arrived twice at once; the first one stored wins.
        existing = Message.objects.filter(external_id=external_id).first() if external_id else None
        if existing is None:
            raise
        return existing, False
    if direction == Direction.OUTBOUND:
        message.coaching = coach_reply(text, case.story)
        message.save(update_fields=["coaching"])
        events.record(case=case, type=EventType.REPLY_SENT, actor=actor, message_id=message.pk,
                      score=(message.coaching or {}).get("score"))
        # The reply reaches the customer by email: an outbox row in this same transaction.
        from amends.outbox.services import email_for_reply

        email_for_reply(message=message)
    elif direction == Direction.NOTE:
        events.record(case=case, type=EventType.NOTE_ADDED, actor=actor, message_id=message.pk)
    else:
        events.record(case=case, type=EventType.MESSAGE_RECEIVED, actor=actor, message_id=message.pk)
        if case.status == Status.WAITING_CUSTOMER:
            case_set_status(case=case, status=Status.OPEN, actor=actor, reason="customer replied")
    if case.status == Status.CLOSED and direction == Direction.INBOUND:
        case_reopen(case=case, actor=actor, reason="the customer wrote again after the case was closed")
    return message, True


@transaction.atomic
def case_confirm_points(*, case: Case, actor: User, points: list[str], desired_outcome: str | None = None) -> Case:
    cleaned = [p.strip()[:300] for p in points if isinstance(p, str) and p.strip()]
    case.salient_points = cleaned
    case.points_confirmed = True
    if desired_outcome is not None:
        case.desired_outcome = desired_outcome[:32]
    case.save(update_fields=["salient_points", "points_confirmed", "desired_outcome", "updated_at"])
    events.record(case=case, type=EventType.POINTS_CONFIRMED, actor=actor, points=cleaned,
                  desired_outcome=case.desired_outcome)
    return case


def _step(case: Case, key: str) -> CaseStep:
    step = CaseStep.objects.select_for_update().filter(case=case, key=key).first()
    if step is None:
        raise NotFound(f"Case {case.pk} has no step {key!r}.")
    return step


def _ensure_open_case(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise Conflict(f"Case {case.pk} is closed; reopen it first.")


@transaction.atomic
def step_complete(*, case: Case, key: str, actor: User | None, note: str = "") -> CaseStep:
    """Complete an open step; ``actor`` None when the desk itself completes it (see step_complete_if_open)."""
    _ensure_open_case(case)
    step = _step(case, key)
    if step.status != StepStatus.OPEN:
        raise Conflict(f"Step {key!r} is already {step.status}.")
    _complete(case, step, actor, note)
    return step


@transaction.atomic
def step_complete_if_open(*, case: Case, key: str, actor: User | None, note: str = "") -> bool:
    """Complete the step if the case is open and the step still is; False, writing nothing, otherwise.

    For completions that follow from something else (the survey sent, the customer's confirmation,
    the last task done): a person may have completed or skipped the step, or closed the case, first.
    """
    if case.status == Status.CLOSED:
        return False
    step = CaseStep.objects.select_for_update().filter(case=case, key=key, status=StepStatus.OPEN).first()
    if step is None:
        return False
    _complete(case, step, actor, note)
    return True


def _complete(case: Case, step: CaseStep, actor: User | None, note: str) -> None:
    key = step.key
    if key == "own" and case.owner is None and actor is not None:
        # Completing "own" without an owner means the actor takes the case personally.
        case_assign(case=case, owner=actor, actor=actor)
    step.status = StepStatus.DONE
    step.completed_at = clock.now()
    step.completed_by = actor
    step.note = (note or "")[:5000]
    step.save()
    events.record(case=case, type=EventType.STEP_COMPLETED, actor=actor, step=key, note=step.note)
    case_refresh_next_due(case=case)


@transaction.atomic
def step_skip(*, case: Case, key: str, actor: User, reason: str) -> CaseStep:
    _ensure_open_case(case)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Skipping a step needs a reason.")
    step = _step(case, key)
    if step.status != StepStatus.OPEN:
        raise Conflict(f"Step {key!r} is already {step.status}.")
    step.status = StepStatus.SKIPPED
    step.completed_at = clock.now()
    step.completed_by = actor
    step.skip_reason = reason[:5000]
    step.save()
    events.record(case=case, type=EventType.STEP_SKIPPED, actor=actor, step=key, reason=step.skip_reason)
    case_refresh_next_due(case=case)
    return step


@transaction.atomic
def step_add(*, case: Case, key: str, title: str, actor: User | None, guidance: str = "",
             target_minutes: int = 1440, required: bool = True) -> CaseStep:
    """Add a step to a running case (a low survey answer adds a fresh recovery step)."""
    suffix = 1
    base_key = key
    while case.steps.filter(key=key).exists():
        suffix += 1
        key = f"{base_key}-{suffix}"
    position = (case.steps.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    step = CaseStep.objects.create(case=case, key=key, title=title, guidance=guidance, required=required,
                                   position=position, target_minutes=target_minutes,
                                   due_at=due_time(case, clock.now(), target_minutes))
    events.record(case=case, type=EventType.STEP_ADDED, actor=actor, step=key, title=title)
    case_refresh_next_due(case=case)
    return step


@transaction.atomic
def case_record_agreement(*, case: Case, actor: User | None, resolution: str, by_customer: bool = False) -> Case:
    text = _clean_text(resolution, field="resolution")
    case.agreed_resolution = text[:5000]
    case.save(update_fields=["agreed_resolution", "updated_at"])
    events.record(case=case, type=EventType.RESOLUTION_AGREED, actor=actor, resolution=case.agreed_resolution,
                  confirmed_by_customer=by_customer)
    return case


def open_required_steps(case: Case) -> list[str]:
    return list(case.steps.filter(required=True, status=StepStatus.OPEN).exclude(key="close")
                .order_by("position").values_list("key", flat=True))


@transaction.atomic
def case_close(*, case: Case, actor: User, outcome: str, root_cause: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Status.CLOSED:
        raise Conflict(f"Case {case.pk} is already closed.")
    if outcome not in Outcome.values:
        raise InvalidInput(f"Unknown outcome {outcome!r}; use recovered, not_recovered or wow.")
    if outcome in (Outcome.RECOVERED, Outcome.WOW):
        missing = open_required_steps(case)
        if missing:
            raise OpenStepsRemain(missing)
    now = clock.now()
    close_step = case.steps.filter(key="close", status=StepStatus.OPEN).first()
    if close_step:
        close_step.status = StepStatus.DONE
        close_step.completed_at = now
        close_step.completed_by = actor
        close_step.save()
    case.status = Status.CLOSED
    case.outcome = outcome
    case.root_cause = (root_cause or "").strip()[:200]
    case.closed_at = now
    case.next_due_at = _next_due(case)
    case.save(update_fields=["status", "outcome", "root_cause", "closed_at", "next_due_at", "updated_at"])
    events.record(case=case, type=EventType.CASE_CLOSED, actor=actor, outcome=outcome, root_cause=case.root_cause)
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor: User | None, reason: str) -> Case:
    if case.status != Status.CLOSED:
        return case
    case.status = Status.OPEN
    previous_outcome = case.outcome
    case.outcome = ""
    case.closed_at = None
    case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    events.record(case=case, type=EventType.CASE_REOPENED, actor=actor, reason=reason,
                  previous_outcome=previous_outcome)
    case_refresh_next_due(case=case)
    return case
