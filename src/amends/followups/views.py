"""The customer's pages: confirm an agreed resolution, answer the follow-up survey.

Thin views: read the signed link, call one service, render. A tampered link gets a 400 page, an
expired one a 410, a missing case a 404, a second answer a 409; never a 500.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from amends.core.errors import AmendsError
from amends.followups import links
from amends.followups.models import FollowUpStatus
from amends.followups.selectors import agreement_confirmed, case_for_link, follow_up_for_link
from amends.followups.services import agreement_confirm_by_link, survey_answer_by_link


def _problem(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "followups/problem.html", {"title": title, "text": text}, status=status)


def _read(request: HttpRequest, token: str, purpose: str) -> links.LinkData | HttpResponse:
    try:
        return links.read_token(token, purpose=purpose)
    except links.ExpiredLink:
        return _problem(request, 410, "This link has expired",
                        "For your security, links like this one only work for a limited time. Reply to our last "
                        "email and we will gladly send you a new one.")
    except links.BadLink:
        return _problem(request, 400, "This link is not valid",
                        "The link seems to be incomplete or changed. Please open it straight from our email, or "
                        "reply to that email and we will help.")


@require_http_methods(["GET", "POST"])
def agree(request: HttpRequest, token: str) -> HttpResponse:
    data = _read(request, token, links.AGREE)
    if isinstance(data, HttpResponse):
        return data
    case = case_for_link(case_id=data.case_id)
    if case is None:
        return _problem(request, 404, "We could not find this case", "It may have been removed.")
    context: dict[str, Any] = {"case": case, "token": token}
    if request.method == "POST":
        accepted = request.POST.get("answer") == "yes"
        try:
            agreement_confirm_by_link(token=token, accepted=accepted, comment=request.POST.get("comment", ""))
        except AmendsError as exc:
            return _problem(request, exc.http_status, "We could not record that", exc.message)
        return render(request, "followups/agree_done.html", {**context, "accepted": accepted})
    done = agreement_confirmed(case)
    return render(request, "followups/agree.html", {**context, "done": done})


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    data = _read(request, token, links.SURVEY)
    if isinstance(data, HttpResponse):
        return data
    follow_up = follow_up_for_link(case_id=data.case_id, follow_up_id=data.follow_up_id)
    if follow_up is None:
        return _problem(request, 404, "We could not find this survey", "It may have been withdrawn.")
    context: dict[str, Any] = {"case": follow_up.case, "token": token, "scores": range(1, 6),
                               "recommend": range(0, 11), "values": request.POST}
    if follow_up.status == FollowUpStatus.ANSWERED:
        status = 409 if request.method == "POST" else 200
        return render(request, "followups/survey_done.html", {**context, "again": True}, status=status)
    if request.method == "POST":
        try:
            response = survey_answer_by_link(
                token=token, satisfaction=request.POST.get("satisfaction", ""),
                would_recommend=request.POST.get("would_recommend", ""),
                will_return=request.POST.get("will_return", ""), comment=request.POST.get("comment", ""))
        except AmendsError as exc:
            if exc.http_status == 400:
                return render(request, "followups/survey.html", {**context, "error": exc.message}, status=400)
            return _problem(request, exc.http_status, "We could not record that", exc.message)
        return render(request, "followups/survey_done.html", {**context, "response": response})
    return render(request, "followups/survey.html", context)
