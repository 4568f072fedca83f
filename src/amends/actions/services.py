"""Writes for tasks. Finishing the last open task of a case completes its "act" step."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import Team, User
from amends.actions.models import Task, TaskStatus
from amends.cases import events
from amends.cases.models import Case, EventType, StepStatus
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
    from amends.cases.services import step_complete

    task = Task.objects.select_for_update().select_related("case").get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise Conflict(f"Task {task.pk} is already {task.status}.")
    task.status = TaskStatus.DONE
    task.completed_at = clock.now()
    task.save(update_fields=["status", "completed_at"])
    events.record(case=task.case, type=EventType.TASK_COMPLETED, actor=actor, task_id=task.pk, title=task.title)
    case = task.case
    no_open_tasks = not case.tasks.filter(status=TaskStatus.OPEN).exists()
    if no_open_tasks and case.steps.filter(key="act", status=StepStatus.OPEN).exists():
        step_complete(case=case, key="act", actor=actor, note="all tasks for the fix are done")
    return task
