"""Case routes of API v1: thin wrappers that parse, call one service or selector, and render."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.responses import NinjaJSONEncoder

from amends.accounts.models import User
from amends.accounts.selectors import active_user_named
from amends.actions.services import task_create
from amends.api.auth import actor_of
from amends.api.schemas import ErrorOut
from amends.cases import schemas as s
from amends.cases import selectors, services
from amends.core.errors import InvalidInput
from amends.remedies.schemas import RemedyIn
from amends.remedies.services import remedy_propose

router = Router()
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class QueueParams(Schema):
    status: str | None = None
    owner: str | None = None
    priority: str | None = None
    category: str | None = None
    q: str | None = None
    cursor: str | None = None
    limit: int = 50


def _rendered(data: dict[str, Any], status: int = 200) -> HttpResponse:
    """A reply for the two hot routes (opening a case, the queue), rendered as Ninja renders it.

    The dicts come from schemas.case_out / case_summary_out, which fill the declared response
    schema field for field; Ninja would validate them into pydantic models and dump them back
    before rendering, which costs about a quarter of the queue's CPU. Tests check these bodies
    against the schemas.
    """
    return HttpResponse(json.dumps(data, cls=NinjaJSONEncoder), status=status,
                        content_type="application/json; charset=utf-8")


def _user(username: str | None) -> User | None:
    if not username:
        return None
    user = active_user_named(username)
    if user is None:
        raise InvalidInput(f"No active user named {username!r}.")
    return user


@router.post("", response={200: s.CaseOut, 201: s.CaseOut, **ERRORS}, summary="Open a case")
def open_case(request: HttpRequest, payload: s.CaseIn) -> HttpResponse:
    case, created = services.case_open(
        actor=actor_of(request), customer_name=payload.customer.name, customer_email=payload.customer.email or "",
        channel=payload.channel, message=payload.message, external_id=payload.external_id,
        subject=payload.subject or "",
    )
    return _rendered(s.case_out(case, services.case_opened_parts(case)), 201 if created else 200)


@router.get("", response={200: s.QueueOut, **ERRORS}, summary="The queue, most urgent first")
def queue(request: HttpRequest, params: Query[QueueParams]) -> HttpResponse:
    page = selectors.case_queue(
        actor=actor_of(request),
        filters=selectors.QueueFilters(status=params.status, owner=params.owner, priority=params.priority,
                                       category=params.category, search=params.q),
        cursor=params.cursor, limit=params.limit,
    )
    return _rendered({"items": [s.case_summary_out(c) for c in page.items], "next_cursor": page.next_cursor})


@router.get("/{int:case_id}", response={200: s.CaseOut, **ERRORS}, summary="One case in full")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return s.case_out(selectors.case_get(case_id=case_id, actor=actor_of(request)))


@router.post("/{int:case_id}/messages", response={200: s.MessageOut, 201: s.MessageOut, **ERRORS},
             summary="Add a message, reply or internal note")
def add_message(request: HttpRequest, case_id: int, payload: s.MessageIn) -> Status[dict[str, Any]]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    message, created = services.message_add(case=case, direction=payload.direction, body=payload.body,
                                            actor=actor_of(request), external_id=payload.external_id)
    return Status(201 if created else 200, s.message_out(message))


@router.post("/{int:case_id}/steps/{key}/complete", response={200: s.StepOut, **ERRORS}, summary="Complete a step")
def complete_step(request: HttpRequest, case_id: int, key: str,
                  payload: s.StepCompleteIn | None = None) -> dict[str, Any]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    note = (payload.note if payload else "") or ""
    return s.step_out(services.step_complete(case=case, key=key, actor=actor_of(request), note=note))


@router.post("/{int:case_id}/steps/{key}/skip", response={200: s.StepOut, **ERRORS},
             summary="Skip a step, with a reason")
def skip_step(request: HttpRequest, case_id: int, key: str, payload: s.StepSkipIn) -> dict[str, Any]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    return s.step_out(services.step_skip(case=case, key=key, actor=actor_of(request), reason=payload.reason))


@router.post("/{int:case_id}/remedies", response={201: s.RemedyOut, **ERRORS}, summary="Propose a remedy")
def propose_remedy(request: HttpRequest, case_id: int, payload: RemedyIn) -> Status[dict[str, Any]]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    remedy = remedy_propose(case=case, actor=actor_of(request), kind=payload.kind, value=payload.value,
                            currency=payload.currency, extra=payload.extra, description=payload.description)
    return Status(201, s.remedy_out(remedy))


@router.post("/{int:case_id}/assign", response={200: s.CaseOut, **ERRORS}, summary="Give the case an owner")
def assign(request: HttpRequest, case_id: int, payload: s.AssignIn) -> dict[str, Any]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    return s.case_out(services.case_assign(case=case, owner=_user(payload.owner), actor=actor_of(request)))


@router.post("/{int:case_id}/tasks", response={201: s.TaskOut, **ERRORS}, summary="Add a task for the fix")
def add_task(request: HttpRequest, case_id: int, payload: s.TaskIn) -> Status[dict[str, Any]]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    task = task_create(case=case, actor=actor_of(request), title=payload.title, assignee=_user(payload.assignee),
                       due_at=payload.due_at)
    return Status(201, s.task_out(task))


@router.post("/{int:case_id}/close", response={200: s.CaseOut, **ERRORS}, summary="Close the case with its outcome")
def close(request: HttpRequest, case_id: int, payload: s.CloseIn) -> dict[str, Any]:
    case = selectors.case_get(case_id=case_id, actor=actor_of(request))
    return s.case_out(services.case_close(case=case, actor=actor_of(request), outcome=payload.outcome,
                                          root_cause=payload.root_cause))
