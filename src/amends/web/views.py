"""Pages of the web desk: the queue (home), sign-in and account, the new-case form, health."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from amends.cases import selectors as case_selectors
from amends.cases import services as case_services
from amends.core import clock
from amends.core.errors import AmendsError
from amends.remedies.selectors import cases_with_pending_remedies
from amends.web.access import desk_view
from amends.web.forms import NewCaseForm, QueueFilterForm, attach_error

PAGE_SIZE = 50


def _filters(data: dict[str, Any]) -> case_selectors.QueueFilters:
    view = data.get("view") or ""
    return case_selectors.QueueFilters(
        status=data.get("status") or None,
        owner={"mine": "me", "unassigned": "none"}.get(view),
        category=data.get("category") or None,
        search=data.get("q") or None,
        breached=view == "breached",
        awaiting_approval=view == "approval",
    )


@desk_view
def home(request: HttpRequest) -> HttpResponse:
    """The queue: most urgent first, filtered, searchable; htmx asks for the results part only."""
    form = QueueFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "items": [], "next_cursor": None, "now": clock.now(), "query": ""}
        return render(request, "web/queue.html", context, status=400)
    data = form.cleaned_data
    page = case_selectors.case_queue(actor=request.user, filters=_filters(data),  # type: ignore[arg-type]
                                     cursor=data.get("cursor") or None, limit=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "form": form, "items": page.items, "next_cursor": page.next_cursor, "now": clock.now(),
        "pending": cases_with_pending_remedies(case_ids=[c.pk for c in page.items]),
        "query": query.urlencode(), "view": data.get("view") or "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        template = "web/partials/queue_more.html" if data.get("cursor") else "web/partials/queue_results.html"
        return render(request, template, context)
    return render(request, "web/queue.html", context)


@desk_view
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    """Open a case while listening to the customer (phone, counter, shop floor)."""
    form = NewCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case, _ = case_services.case_open(
                actor=request.user, customer_name=d["customer_name"],  # type: ignore[arg-type]
                customer_email=d["customer_email"] or "", channel=d["channel"], message=d["message"],
                subject=d["subject"] or "", owner=request.user if d["take_ownership"] else None,  # type: ignore[arg-type]
            )
        except AmendsError as exc:
            attach_error(form, exc, "message" if "message" in exc.message else None)
        else:
            messages.success(request, f"Case #{case.pk} is open.")
            return redirect("case", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/case_new.html", {"form": form}, status=status)


class SignInView(auth_views.LoginView):
    template_name = "web/account/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/account/password.html"
    success_url = "/"

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Your password is changed.")
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect("/static/web/logo.svg", permanent=True)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
