"""API shapes for cases (CONTRACTS.md §2) and the functions that fill them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import EmailStr, Field

from amends.cases.models import Case, CaseEvent, CaseStep, Message
from amends.cases.selectors import case_detail
from amends.cases.services import OpenedParts

ChannelName = Literal["email", "web", "phone", "chat", "social", "survey", "in_person", "api"]


class CustomerIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None


class CaseIn(Schema):
    customer: CustomerIn
    channel: ChannelName = "api"
    message: str = Field(min_length=1, max_length=100_000)
    external_id: str | None = Field(default=None, max_length=200)
    subject: str | None = Field(default=None, max_length=200)


class MessageIn(Schema):
    direction: Literal["inbound", "outbound", "note"]
    body: str = Field(min_length=1, max_length=100_000)
    external_id: str | None = Field(default=None, max_length=255)


class StepCompleteIn(Schema):
    note: str | None = Field(default=None, max_length=5000)


class StepSkipIn(Schema):
    reason: str = Field(min_length=1, max_length=5000)


class CloseIn(Schema):
    outcome: Literal["recovered", "not_recovered", "wow"]
    root_cause: str = Field(default="", max_length=200)


class AssignIn(Schema):
    owner: str | None = Field(default=None, description="username, or null to unassign")


class TaskIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    assignee: str | None = None
    due_at: dt.datetime | None = None


class CustomerOut(Schema):
    id: int
    name: str
    email: str


class StepOut(Schema):
    key: str
    title: str
    required: bool
    status: str
    due_at: dt.datetime | None
    completed_at: dt.datetime | None
    completed_by: str | None
    note: str
    skip_reason: str
    guidance: str


class MessageOut(Schema):
    id: int
    direction: str
    body: str
    author: str | None
    created_at: dt.datetime
    coaching: dict[str, Any] | None = None


class RemedyOut(Schema):
    id: int
    case_id: int
    kind: str
    value: Decimal
    currency: str
    extra: bool
    description: str
    status: str
    proposer: str | None
    approver: str | None
    decision_note: str
    created_at: dt.datetime
    decided_at: dt.datetime | None


class TaskOut(Schema):
    id: int
    title: str
    assignee: str | None
    due_at: dt.datetime | None
    status: str
    completed_at: dt.datetime | None


class FollowUpOut(Schema):
    id: int
    due_at: dt.datetime
    status: str


class EventOut(Schema):
    id: int
    type: str
    actor: str | None
    payload: dict[str, Any]
    created_at: dt.datetime


class CaseSummaryOut(Schema):
    id: int
    status: str
    priority: str
    owner: str | None
    customer: CustomerOut
    subject: str
    channel: str
    category: str
    severity: int | None
    anger: float | None
    opened_at: dt.datetime
    next_due_at: dt.datetime | None


class CaseOut(CaseSummaryOut):
    external_id: str | None
    story: str
    salient_points: list[str]
    desired_outcome: str | None
    analysis: dict[str, Any] | None
    agreed_resolution: str
    outcome: str | None
    root_cause: str
    closed_at: dt.datetime | None
    steps: list[StepOut]
    messages: list[MessageOut]
    remedies: list[RemedyOut]
    tasks: list[TaskOut]
    follow_ups: list[FollowUpOut]
    timeline: list[EventOut]


class QueueOut(Schema):
    items: list[CaseSummaryOut]
    next_cursor: str | None


def _name(user: Any) -> str | None:
    return user.username if user is not None else None


def step_out(step: CaseStep) -> dict[str, Any]:
    return {"key": step.key, "title": step.title, "required": step.required, "status": step.status,
            "due_at": step.due_at, "completed_at": step.completed_at, "completed_by": _name(step.completed_by),
            "note": step.note, "skip_reason": step.skip_reason, "guidance": step.guidance}


def message_out(message: Message) -> dict[str, Any]:
    return {"id": message.pk, "direction": message.direction, "body": message.body, "author": _name(message.author),
            "created_at": message.created_at, "coaching": message.coaching}


def remedy_out(remedy: Any) -> dict[str, Any]:
    return {"id": remedy.pk, "case_id": remedy.case_id, "kind": remedy.kind, "value": remedy.value,
            "currency": remedy.currency, "extra": remedy.extra, "description": remedy.description,
            "status": remedy.status, "proposer": _name(remedy.proposer), "approver": _name(remedy.approver),
            "decision_note": remedy.decision_note, "created_at": remedy.created_at, "decided_at": remedy.decided_at}


def task_out(task: Any) -> dict[str, Any]:
    return {"id": task.pk, "title": task.title, "assignee": _name(task.assignee), "due_at": task.due_at,
            "status": task.status, "completed_at": task.completed_at}


def event_out(event: CaseEvent) -> dict[str, Any]:
    return {"id": event.pk, "type": event.type, "actor": _name(event.actor), "payload": event.payload,
            "created_at": event.created_at}


def case_summary_out(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "status": case.status, "priority": case.priority, "owner": _name(case.owner),
            "customer": {"id": case.customer.pk, "name": case.customer.name, "email": case.customer.email},
            "subject": case.subject, "channel": case.channel, "category": case.category,
            "severity": case.severity, "anger": case.anger, "opened_at": case.opened_at,
            "next_due_at": case.next_due_at}


def case_out(case: Case, opened: OpenedParts | None = None) -> dict[str, Any]:
    """The case in full. ``opened``: what case_open has just written, so a new case is not read back
    (a case this moment old has no remedies, tasks or follow-ups yet)."""
    data = case_summary_out(case)
    data.update({
        "external_id": case.external_id, "story": case.story, "salient_points": case.salient_points,
        "desired_outcome": case.desired_outcome or None, "analysis": case.analysis,
        "agreed_resolution": case.agreed_resolution, "outcome": case.outcome or None,
        "root_cause": case.root_cause, "closed_at": case.closed_at,
    })
    if opened is not None:
        data.update({
            "steps": [step_out(s) for s in sorted(opened.steps, key=lambda s: s.position)],
            "messages": [message_out(m) for m in opened.messages],
            "remedies": [], "tasks": [], "follow_ups": [],
            "timeline": [event_out(e) for e in opened.events],
        })
        return data
    detail = case_detail(case=case)
    data.update({
        "steps": [step_out(s) for s in detail.steps],
        "messages": [message_out(m) for m in detail.messages],
        "remedies": [remedy_out(r) for r in detail.remedies],
        "tasks": [task_out(t) for t in detail.tasks],
        "follow_ups": [{"id": f.pk, "due_at": f.due_at, "status": f.status} for f in detail.follow_ups],
        "timeline": [event_out(e) for e in detail.timeline],
    })
    return data
