"""Writes for tasks. Finishing the last open task of a case completes its "act" step."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import Team, User
from amends.actions.models import Task, TaskStatus
from amends.cases import events
from amends.cases.models import Case, EventType
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput


@transaction.atomic
def task_create(*, case: Case, actor: User | None, title: str, assignee: User | None = None,
                team: Team | None = None, due_at: dt.datetime | None = None) -> Task:
    title = (title or "").strip()
    if not title:
        raise InvalidInput("A task needs a title.")
    if due_at is not None and timezone.is_naive(due_at):
        # A due time without a zone is read in the desk's own time zone.
        due_at = timezone.make_aware(due_at)
    task = Task.objects.create(case=case, title=title[:300], assignee=assignee, team=team, due_at=due_at,
                               created_by=actor, created_at=clock.now())
    events.record(case=case, type=EventType.TASK_CREATED, actor=actor, task_id=task.pk, title=task.title,
                  assignee=assignee.username if assignee else None, team=team.name if team else None,
                  due_at=due_at.isoformat() if due_at else None)
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User) -> Task:
    from amends.cases.services import step_complete_if_open

    task = Task.objects.select_for_update().select_related("case").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise Conflict(f"Task {task.pk} is already {task.status}.")
    task.status = TaskStatus.DONE
    task.completed_at = clock.now()
    task.save(update_fields=["status", "completed_at"])
    events.record(case=task.case, type=EventType.TASK_COMPLETED, actor=actor, task_id=task.pk, title=task.title)
    case = task.case
    if not case.tasks.filter(status=TaskStatus.OPEN).exists():
        step_complete_if_open(case=case, key="act", actor=actor, note="all tasks for the fix are done")
    return task


# A task is reminded once, this long before it is due (or as soon as it is overdue).
REMINDER_LEAD_MINUTES = 60


def _people_for(task: Task) -> list[User]:
    """Who does the task: its assignee, else the active members of its team."""
    if task.assignee is not None:
        return [task.assignee]
    if task.team is not None:
        return list(task.team.members.filter(is_active=True).order_by("id"))
    return []


def _email_people(task: Task, people: list[User], subject: str, body: str, purpose: str) -> None:
    """One email to each person with an address: a whole team in one insert and one delivery job."""
    from amends.outbox.services import Notification, email_queue_many

    email_queue_many(notifications=[
        Notification(to=person.email, subject=subject, body=body, purpose=purpose, case=task.case)
        for person in people if person.email])


@transaction.atomic
def task_assign(*, task: Task, actor: User | None, assignee: User | None = None, team: Team | None = None) -> Task:
    """Give a task to a person or to a whole team (anyone on it may do it); they are told by email."""
    if assignee is None and team is None:
        raise InvalidInput("Assign the task to a person or a team.")
    if assignee is not None and not assignee.is_active:
        raise InvalidInput(f"{assignee.username} is not an active user.")
    task = Task.objects.select_for_update().select_related("case").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise Conflict(f"Task {task.pk} is already {task.status}.")
    task.assignee, task.team, task.reminded_at = assignee, team, None
    task.save(update_fields=["assignee", "team", "reminded_at"])
    events.record(case=task.case, type=EventType.TASK_ASSIGNED, actor=actor, task_id=task.pk, title=task.title,
                  assignee=assignee.username if assignee else None, team=team.name if team else None)
    due = f" It is due {task.due_at:%Y-%m-%d %H:%M} UTC." if task.due_at else ""
    _email_people(task, _people_for(task), f"New task on case #{task.case_id}: {task.title}",
                  f"You have a new task: {task.title}.{due}\nCase #{task.case_id}: {task.case.subject}\n",
                  "task_assigned")
    return task


@transaction.atomic
def task_remind(*, task_id: int, now: dt.datetime) -> bool:
    task = (Task.objects.select_for_update(of=("self",)).select_related("case", "assignee", "team")
            .filter(pk=task_id, status=TaskStatus.OPEN, reminded_at__isnull=True).first())
    if task is None or task.due_at is None:
        return False
    people = _people_for(task)
    overdue = task.due_at <= now
    when = "was due" if overdue else "is due"
    _email_people(task, people, f"Reminder: {task.title} (case #{task.case_id})",
                  f"The task \"{task.title}\" {when} at {task.due_at:%Y-%m-%d %H:%M} UTC.\n"
                  f"Case #{task.case_id}: {task.case.subject}\n", "task_reminder")
    task.reminded_at = now
    task.save(update_fields=["reminded_at"])
    events.record(case=task.case, type=EventType.TASK_REMINDED, actor=None, task_id=task.pk, title=task.title,
                  to=[p.username for p in people], overdue=overdue)
    return True


def tasks_remind_due(*, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """Remind the people on every open task due within the lead time (the minute job); once per task."""
    now = now or clock.now()
    horizon = now + dt.timedelta(minutes=REMINDER_LEAD_MINUTES)
    ids = list(Task.objects.filter(status=TaskStatus.OPEN, reminded_at__isnull=True, due_at__lte=horizon)
               .order_by("due_at").values_list("pk", flat=True)[:limit])
    return sum(task_remind(task_id=i, now=now) for i in ids)
