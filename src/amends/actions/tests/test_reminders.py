"""Task assignment to a person or a team, reminders before the due time, and the "act" step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amends.accounts.models import Team
from amends.actions.services import task_assign, task_complete, task_create, tasks_remind_due
from amends.cases.models import Case, EventType, StepStatus
from amends.core import clock
from amends.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_team_task_reminds_every_member_once_before_it_is_due(
        make_case: Callable[..., Case], agent, other_agent) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="Warehouse")
    other_agent.email = "ben@example.com"
    for person in (agent, other_agent):
        person.team = team
        person.save()
    case = make_case()
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with clock.frozen_at(now):
        task = task_create(case=case, actor=agent, title="Send a new kettle", due_at=now + dt.timedelta(hours=3))
        task_assign(task=task, actor=agent, team=team)
    assigned = OutboxMessage.objects.filter(purpose="task_assigned").values_list("to_address", flat=True)
    assert sorted(assigned) == ["ana@example.com", "ben@example.com"]
    assert tasks_remind_due(now=now + dt.timedelta(hours=1)) == 0  # not within the hour yet
    assert tasks_remind_due(now=now + dt.timedelta(hours=2, minutes=5)) == 1
    assert tasks_remind_due(now=now + dt.timedelta(hours=2, minutes=6)) == 0
    reminders = OutboxMessage.objects.filter(purpose="task_reminder")
    assert sorted(reminders.values_list("to_address", flat=True)) == ["ana@example.com", "ben@example.com"]
    assert case.events.filter(type=EventType.TASK_REMINDED).count() == 1
    assert case.events.filter(type=EventType.TASK_ASSIGNED, payload__team="Warehouse").exists()


def test_reassigning_to_a_person_and_finishing_completes_the_act_step(
        make_case: Callable[..., Case], agent, other_agent) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    task = task_create(case=case, actor=agent, title="Refund 20 EUR")
    task = task_assign(task=task, actor=agent, assignee=other_agent)
    assert task.assignee == other_agent and task.team is None
    task_complete(task=task, actor=other_agent)
    assert case.steps.get(key="act").status == StepStatus.DONE


def test_a_team_is_told_in_one_outbox_insert(make_case: Callable[..., Case], agent, other_agent) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="Warehouse")
    other_agent.email = "ben@example.com"
    for person in (agent, other_agent):
        person.team = team
        person.save()
    task = task_create(case=make_case(), actor=agent, title="Send a new kettle")
    with CaptureQueriesContext(connection) as queries:
        task_assign(task=task, actor=agent, team=team)
    outbox = OutboxMessage._meta.db_table
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{outbox}"')]
    assert len(inserts) == 1
    assert OutboxMessage.objects.filter(purpose="task_assigned").count() == 2
