"""Tasks carry out the agreed fix; finishing the last one completes the "act" step."""

from __future__ import annotations

import datetime as dt

import pytest

from amends.actions.models import TaskStatus
from amends.actions.services import task_complete, task_create
from amends.cases.models import StepStatus
from amends.cases.selectors import case_timeline
from amends.core.errors import Conflict, InvalidInput


@pytest.mark.django_db
class TestTasks:
    def test_create_records_assignee_and_due_time(self, make_case, agent, other_agent) -> None:
        case = make_case()
        due = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
        task = task_create(case=case, actor=agent, title="  Send a courier  ", assignee=other_agent, due_at=due)
        assert (task.title, task.assignee, task.due_at, task.status) == ("Send a courier", other_agent, due, "open")
        event = case_timeline(case=case).reverse()[0]
        assert (event.type, event.payload["assignee"], event.payload["due_at"]) == (
            "task_created", "ben", due.isoformat())

    def test_title_is_required(self, make_case, agent) -> None:
        case = make_case()
        with pytest.raises(InvalidInput):
            task_create(case=case, actor=agent, title="   ")
        assert not case.tasks.exists()

    def test_act_step_completes_when_the_last_task_is_done(self, make_case, agent) -> None:
        case = make_case()
        first = task_create(case=case, actor=agent, title="Refund the card")
        second = task_create(case=case, actor=agent, title="Ship the replacement")
        task_complete(task=first, actor=agent)
        assert case.steps.get(key="act").status == StepStatus.OPEN
        task_complete(task=second, actor=agent)
        act = case.steps.get(key="act")
        assert (act.status, act.completed_by) == (StepStatus.DONE, agent)
        types = list(case_timeline(case=case).values_list("type", flat=True))
        # The fix being done also schedules the follow-up (the followups app listens for "act").
        assert types[-4:] == ["task_completed", "task_completed", "step_completed", "follow_up_scheduled"]
        with pytest.raises(Conflict):
            task_complete(task=first, actor=agent)
        first.refresh_from_db()
        assert first.status == TaskStatus.DONE

    def test_the_last_task_of_a_closed_case_can_still_be_done(self, make_case, agent) -> None:
        from amends.cases.services import case_close

        case = make_case()
        task = task_create(case=case, actor=agent, title="Refund the card")
        case_close(case=case, actor=agent, outcome="not_recovered")
        # The case stays closed and its "act" step as it was; the task is simply done.
        assert task_complete(task=task, actor=agent).status == TaskStatus.DONE
        assert case.steps.get(key="act").status == StepStatus.OPEN
