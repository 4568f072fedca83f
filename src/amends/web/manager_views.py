"""Manager pages: the approvals inbox, the team board and configuration (catalogue, people, playbooks)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from amends.accounts.models import User
from amends.accounts.selectors import user_get, users_for_admin
from amends.accounts.services import user_create, user_update
from amends.cases import selectors as case_selectors
from amends.core.errors import AmendsError
from amends.playbooks.selectors import playbook_get, playbooks_all
from amends.playbooks.services import playbook_steps_replace
from amends.remedies.selectors import catalogue, catalogue_item_get, remedies_awaiting_approval, remedy_get
from amends.remedies.services import catalogue_item_save, remedy_approve, remedy_reject
from amends.web import forms as f
from amends.web.access import manager_view


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@manager_view
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    pending = list(remedies_awaiting_approval(actor=_actor(request))[:200])
    return render(request, "web/manage/approvals.html", {"pending": pending, "form": f.DecisionForm()})


@manager_view
@require_http_methods(["GET", "POST"])
def approval(request: HttpRequest, remedy_id: int) -> HttpResponse:
    """One remedy to decide on; the notification email links straight here."""
    item = remedy_get(remedy_id=remedy_id, actor=_actor(request))
    form = f.DecisionForm(request.POST or None, initial={"decision": "approve"})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                if d["decision"] == "approve":
                    remedy_approve(remedy=item, actor=_actor(request), note=d["note"] or "")
                else:
                    remedy_reject(remedy=item, actor=_actor(request), note=d["note"] or "")
            except AmendsError as exc:
                if exc.http_status == 403:
                    raise
                f.attach_error(form, exc)
                status = exc.http_status
            else:
                verb = "approved" if d["decision"] == "approve" else "declined"
                messages.success(request, f"Remedy for case #{item.case_id} {verb}.")
                return redirect("approvals")
    return render(request, "web/manage/approval.html", {"remedy": item, "form": form}, status=status)


@manager_view
@require_GET
def team(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    board = case_selectors.team_board(actor=actor)
    breached = list(case_selectors.case_queue(actor=actor, filters=case_selectors.QueueFilters(breached=True),
                                              limit=15).items)
    waiting = list(remedies_awaiting_approval(actor=actor)[:15])
    totals = {k: sum(getattr(r, k) for r in board) for k in ("open_cases", "breached", "awaiting_approval")}
    return render(request, "web/manage/team.html",
                  {"board": board, "breached": breached, "waiting": waiting, "totals": totals})


@manager_view
@require_http_methods(["GET", "POST"])
def catalogue_list(request: HttpRequest, item_id: int | None = None) -> HttpResponse:
    item = catalogue_item_get(item_id=item_id) if item_id else None
    form = f.CatalogueItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_item_save(item=item, actor=_actor(request), **form.cleaned_data)
        except AmendsError as exc:
            f.attach_error(form, exc)
        else:
            messages.success(request, "Catalogue saved.")
            return redirect("manage-catalogue")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/manage/catalogue.html",
                  {"items": list(catalogue(active_only=False)), "form": form, "item": item}, status=status)


@manager_view
@require_GET
def users(request: HttpRequest) -> HttpResponse:
    return render(request, "web/manage/users.html", {"people": list(users_for_admin()), "form": f.NewUserForm()})


@manager_view
@require_http_methods(["POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    form = f.NewUserForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        if d["role"] == "admin" and _actor(request).role != "admin":
            form.add_error("role", "Only an admin can create another admin.")
        else:
            try:
                person = user_create(username=d["username"], role=d["role"], limit=d["remedy_limit"],
                                     password=d["password"], email=d["email"] or "", first_name=d["first_name"],
                                     last_name=d["last_name"])
            except AmendsError as exc:
                f.attach_error(form, exc, "username")
            else:
                messages.success(request, f"{person.display_name} can sign in now.")
                return redirect("manage-users")
    return render(request, "web/manage/users.html", {"people": list(users_for_admin()), "form": form}, status=400)


@manager_view
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    person = user_get(user_id=user_id)
    form = f.UserEditForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        d: dict[str, Any] = form.cleaned_data
        person.refresh_from_db()  # the ModelForm wrote onto the instance; the service decides
        try:
            user_update(user=person, actor=_actor(request), **d)
        except AmendsError as exc:
            f.attach_error(form, exc)
        else:
            messages.success(request, f"{person.display_name} is saved.")
            return redirect("manage-users")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/manage/user_edit.html", {"person": person, "form": form}, status=status)


@manager_view
@require_GET
def playbooks(request: HttpRequest) -> HttpResponse:
    return render(request, "web/manage/playbooks.html", {"playbooks": list(playbooks_all())})


@manager_view
@require_http_methods(["GET", "POST"])
def playbook_edit(request: HttpRequest, playbook_id: int) -> HttpResponse:
    book = playbook_get(playbook_id=playbook_id)
    initial = [{"key": s.key, "title": s.title, "guidance": s.guidance, "done_when": s.done_when,
                "required": s.required, "target_minutes": s.target_minutes} for s in book.steps.all()]
    formset = f.PlaybookStepFormSet(request.POST or None, initial=initial, prefix="steps")
    status = 200
    save_error = ""
    if request.method == "POST":
        status = 400
        if formset.is_valid():
            steps = [form.cleaned_data for form in formset.forms
                     if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            try:
                playbook_steps_replace(playbook=book, steps=steps)
            except AmendsError as exc:
                save_error = exc.message
            else:
                messages.success(request, f"“{book.name}” is saved. New cases follow it; open ones keep theirs.")
                return redirect("manage-playbook", playbook_id=book.pk)
    context = {"playbook": book, "formset": formset, "save_error": save_error}
    return render(request, "web/manage/playbook_edit.html", context, status=status)
