"""Reads for tasks."""

from __future__ import annotations

from amends.actions.models import Task
from amends.core.errors import NotFound


def task_get(*, task_id: int) -> Task:
    task = Task.objects.select_related("case", "assignee").filter(pk=task_id).first()
    if task is None:
        raise NotFound(f"No task {task_id}.")
    return task
