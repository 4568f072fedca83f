"""Imports every domain's Huey tasks so that a consumer knows them all."""

from amends.actions import tasks as actions_tasks
from amends.cases import tasks as cases_tasks
from amends.followups import tasks as followups_tasks
from amends.outbox import tasks as outbox_tasks
from amends.sla import tasks as sla_tasks

__all__ = ["actions_tasks", "cases_tasks", "followups_tasks", "outbox_tasks", "sla_tasks"]
