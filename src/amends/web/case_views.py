"""The case page and the small actions on it: each action parses one form, calls one service and
redirects back (or re-renders the page with the form's errors inline)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from amends.accounts.authority import authority_covers
from amends.accounts.models import User
from amends.actions.selectors import task_get
from amends.actions.services import task_complete, task_create
from amends.cases import selectors as case_selectors
from amends.cases import services as case_services
from amends.cases.models import Case, Direction, StepStatus
from amends.cases.triage import coach_reply, draft_reply, language_ready
from amends.core import clock
from amends.core.errors import AmendsError
from amends.followups.services import followup_schedule
from amends.remedies.models import Remedy
from amends.remedies.selectors import catalogue, remedy_get
from amends.remedies.services import remedy_deliver, remedy_propose
from amends.sla.services import follow_up_due
from amends.web import forms as f
from amends.web.access import desk_view

# The forms the case page shows; an action's errors go on its form there (the skip form is shown
# on the step named by ``skip_key``). Errors of any other action are said at the top of the page.
FORM_NAMES = ("reply_form", "remedy_form", "task_form", "followup_form", "close_form", "points_form",
              "agreement_form", "assign_form", "priority_form", "status_form", "skip_form")


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _case(case_id: int, request: HttpRequest) -> Case:
    return case_selectors.case_get(case_id=case_id, actor=_actor(request))


def _case_url(case: Case, anchor: str = "") -> str:
    return reverse("case", kwargs={"case_id": case.pk}) + (f"#{anchor}" if anchor else "")


def case_page(request: HttpRequest, case: Case, *, status: int = 200, **bound: Any) -> HttpResponse:
    """Render the whole case; bound forms (with their errors) and their context replace the defaults."""
    actor = _actor(request)
    detail = case_selectors.case_detail(case=case)
    current = next((s for s in detail.steps if s.status == StepStatus.OPEN), None)
    # The same due time as the follow-up scheduled after a fix: the SLA policy's delay, in business time.
    default_follow_up = timezone.localtime(follow_up_due(case, clock.now())).strftime("%Y-%m-%dT%H:%M")
    context: dict[str, Any] = {
        "case": case, "steps": detail.steps, "current_step": current, "now": clock.now(),
        "messages_list": detail.messages, "remedies": detail.remedies, "tasks": detail.tasks,
        "follow_ups": detail.follow_ups, "events": detail.timeline,
        "history": list(case_selectors.customer_history(case=case)[:10]),
        "catalogue": list(catalogue()),
        "limit": actor.remedy_limit, "currency": settings.CURRENCY,
        "language_ready": language_ready(),
        "open_required": case_services.open_required_steps(case),
        "reply_form": f.ReplyForm(), "remedy_form": f.RemedyForm(), "task_form": f.TaskForm(),
        "followup_form": f.FollowUpForm(initial={"due_at": default_follow_up}),
        "close_form": f.CloseForm(initial={"outcome": "recovered"}),
        "points_form": f.PointsForm(initial={"points": "\n".join(case.salient_points or []),
                                             "desired_outcome": case.desired_outcome}),
        "agreement_form": f.AgreementForm(initial={"resolution": case.agreed_resolution}),
        "assign_form": f.AssignForm(initial={"owner": case.owner_id}),
        "priority_form": f.PriorityForm(initial={"priority": case.priority}),
        "status_form": f.StatusForm(initial={"status": case.status}),
        "skip_key": None, "skip_form": None,
    }
    context.update(bound)
    return render(request, "web/case.html", context, status=status)


@desk_view
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return case_page(request, _case(case_id, request))


Action = Callable[[Case, dict[str, Any], User], str]


def _act(request: HttpRequest, case_id: int, form_class: type[forms.Form], form_name: str, action: Action,
         anchor: str, error_field: str | None = None, *, context: dict[str, Any] | None = None) -> HttpResponse:
    """The shape of every case action: validate, call the service, redirect or show errors inline.

    ``context`` goes to the page with the bound form, for a form shown in more than one place.
    """
    case = _case(case_id, request)
    form = form_class(request.POST)
    bound: dict[str, Any] = {**(context or {}), form_name: form}
    if form.is_valid():
        try:
            note = action(case, form.cleaned_data, _actor(request))
        except AmendsError as exc:
            if exc.http_status in (403, 404):
                raise
            f.attach_error(form, exc, error_field)
            if form_name not in FORM_NAMES:  # this form has no place on the page; say it at the top
                messages.error(request, exc.message)
            return case_page(request, case_selectors.case_get(case_id=case.pk), status=exc.http_status,
                             **bound)
        messages.success(request, note)
        return redirect(_case_url(case, anchor))
    if form_name not in FORM_NAMES:
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
    return case_page(request, case, status=400, **bound)


@desk_view
@require_POST
def reply(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        message, _ = case_services.message_add(case=case, direction=d["direction"], body=d["body"], actor=actor)
        if message.direction == Direction.OUTBOUND:
            score = (message.coaching or {}).get("score")
            return "Reply sent." + (f" Coach score {score}." if score is not None else "")
        return "Note added." if message.direction == Direction.NOTE else "Customer message logged."

    return _act(request, case_id, f.ReplyForm, "reply_form", act, "conversation", "body")


@desk_view
@require_POST
def coach(request: HttpRequest, case_id: int) -> HttpResponse:
    """The live coach panel for the reply being typed (htmx, debounced in the browser)."""
    case = _case(case_id, request)
    body = str(request.POST.get("body", "")).replace("\x00", "")[: f.MAX_TEXT]
    coaching = coach_reply(body, case.story) if body.strip() and language_ready() else None
    context = {"coaching": coaching, "language_ready": language_ready(), "empty": not body.strip(), "case": case}
    return render(request, "web/partials/coach_panel.html", context)


@desk_view
@require_POST
def draft(request: HttpRequest, case_id: int) -> HttpResponse:
    """The reply editor, filled with the engine's draft for this case."""
    case = _case(case_id, request)
    text = draft_reply(case=case, agent_name=_actor(request).display_name,
                       company_name=getattr(settings, "COMPANY_NAME", ""))
    if text is None:
        # Keep what the agent typed and say why nothing was inserted.
        typed = str(request.POST.get("body", "")).replace("\x00", "")[: f.MAX_TEXT]
        form = f.ReplyForm(initial={"body": typed})
        return render(request, "web/partials/reply_editor.html",
                      {"reply_form": form, "case": case, "notice": "Drafting is unavailable right now."})
    form = f.ReplyForm(initial={"body": text, "direction": "outbound"})
    response = render(request, "web/partials/reply_editor.html", {"reply_form": form, "case": case})
    response["HX-Trigger-After-Settle"] = "coach-refresh"
    return response


@desk_view
@require_POST
def step_complete(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        step = case_services.step_complete(case=case, key=key, actor=actor, note=d.get("note") or "")
        return f"“{step.title}” is done."

    return _act(request, case_id, f.StepCompleteForm, "step_complete_form", act, "playbook")


@desk_view
@require_POST
def step_skip(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        step = case_services.step_skip(case=case, key=key, actor=actor, reason=d["reason"])
        return f"“{step.title}” is skipped."

    return _act(request, case_id, f.StepSkipForm, "skip_form", act, "playbook", "reason",
                context={"skip_key": key})


@desk_view
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_assign(case=case, owner=d["owner"], actor=actor)
        return f"Owner: {d['owner'].display_name}." if d["owner"] else "The case has no owner now."

    return _act(request, case_id, f.AssignForm, "assign_form", act, "")


@desk_view
@require_POST
def take(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(case_id, request)
    case_services.case_assign(case=case, owner=_actor(request), actor=_actor(request))
    messages.success(request, "You own this case now.")
    return redirect(_case_url(case))


@desk_view
@require_POST
def priority(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_set_priority(case=case, priority=d["priority"], actor=actor)
        return f"Priority: {case.get_priority_display().lower()}."

    return _act(request, case_id, f.PriorityForm, "priority_form", act, "")


@desk_view
@require_POST
def status(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_set_status(case=case, status=d["status"], actor=actor)
        return f"Status: {case.get_status_display().lower()}."

    return _act(request, case_id, f.StatusForm, "status_form", act, "")


@desk_view
@require_POST
def points(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_confirm_points(case=case, actor=actor, points=d["points"],
                                          desired_outcome=d.get("desired_outcome") or "")
        return "The customer's points are confirmed."

    return _act(request, case_id, f.PointsForm, "points_form", act, "story")


@desk_view
@require_POST
def agreement(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_record_agreement(case=case, actor=actor, resolution=d["resolution"])
        return "The agreed resolution is recorded."

    return _act(request, case_id, f.AgreementForm, "agreement_form", act, "agreement", "resolution")


@desk_view
@require_POST
def remedy(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        item = d.get("catalogue_item")
        description = d.get("description") or (item.name if item else "")
        made = remedy_propose(case=case, actor=actor, kind=d["kind"], value=d["value"], extra=d["extra"],
                              description=description)
        if made.status == "approved":
            return f"Remedy approved: {made.get_kind_display().lower()} of {made.value} {made.currency}."
        return f"The {made.get_kind_display().lower()} of {made.value} {made.currency} is waiting for a manager."

    return _act(request, case_id, f.RemedyForm, "remedy_form", act, "remedies", "value")


@desk_view
@require_GET
def remedy_check(request: HttpRequest, case_id: int) -> HttpResponse:
    """Says at once whether a value is within the agent's authority or goes to a manager."""
    form = f.RemedyCheckForm(request.GET)
    actor = _actor(request)
    value: Decimal | None = form.cleaned_data.get("value") if form.is_valid() else None
    context = {"value": value, "limit": actor.remedy_limit, "currency": settings.CURRENCY,
               "within": value is not None and authority_covers(actor, value), "invalid": not form.is_valid()}
    return render(request, "web/partials/authority.html", context)


def _remedy_on(request: HttpRequest, remedy_id: int) -> Remedy:
    return remedy_get(remedy_id=remedy_id, actor=_actor(request))


@desk_view
@require_POST
def remedy_delivered(request: HttpRequest, remedy_id: int) -> HttpResponse:
    item = _remedy_on(request, remedy_id)
    remedy_deliver(remedy=item, actor=_actor(request))
    messages.success(request, "Marked as delivered.")
    return redirect(_case_url(item.case, "remedies"))


@desk_view
@require_POST
def task_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        task_create(case=case, actor=actor, title=d["title"], assignee=d.get("assignee"), due_at=d.get("due_at"))
        return "Task added."

    return _act(request, case_id, f.TaskForm, "task_form", act, "tasks", "title")


@desk_view
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_get(task_id=task_id)
    task_complete(task=task, actor=_actor(request))
    messages.success(request, f"“{task.title}” is done.")
    return redirect(_case_url(task.case, "tasks"))


@desk_view
@require_POST
def followup_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        followup_schedule(case=case, actor=actor, due_at=d["due_at"])
        return f"Follow-up scheduled for {d['due_at']:%d %b %Y}."

    return _act(request, case_id, f.FollowUpForm, "followup_form", act, "followups", "due_at")


@desk_view
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, d: dict[str, Any], actor: User) -> str:
        case_services.case_close(case=case, actor=actor, outcome=d["outcome"], root_cause=d.get("root_cause") or "")
        return "The case is closed."

    return _act(request, case_id, f.CloseForm, "close_form", act, "close")


@desk_view
@require_POST
def reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(case_id, request)
    case_services.case_reopen(case=case, actor=_actor(request), reason="reopened from the desk")
    messages.success(request, "The case is open again.")
    return redirect(_case_url(case))
