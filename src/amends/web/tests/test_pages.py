"""The desk's pages render for the right people, and its actions change cases through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from amends.accounts.models import User
from amends.cases.models import Case, EventType, Status, StepStatus
from amends.core import clock
from amends.remedies.models import CatalogueItem, Remedy, RemedyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(agent: User) -> Client:
    client = Client()
    client.force_login(agent)
    return client


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client


def test_signed_out_visitor_is_sent_to_sign_in(client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    for path in ["/", f"/cases/{case.pk}/", "/approvals/", "/team/", "/cases/new/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")


def test_a_signed_out_htmx_request_is_sent_to_sign_in_with_its_whole_url(client: Client) -> None:
    response = client.get("/?view=mine&status=open&q=a+b", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    target = urlsplit(response["HX-Redirect"])
    assert target.path == "/login/"
    # The filters after the first '&' stay in `next` instead of becoming the sign-in page's own.
    assert parse_qs(target.query) == {"next": ["/?view=mine&status=open&q=a+b"]}


def test_agent_signs_in_with_password_and_lands_on_the_queue(client: Client, agent: User) -> None:
    page = client.get("/login/")
    assert page.status_code == 200 and b"Sign in" in page.content
    wrong = client.post("/login/", {"username": "ana", "password": "nope"})
    assert wrong.status_code == 200 and b"correct username and password" in wrong.content
    response = client.post("/login/", {"username": "ana", "password": "demo-pass-ana"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert b"Queue" in response.content


def test_sign_out_needs_a_post(agent_client: Client) -> None:
    assert agent_client.get("/logout/").status_code == 405
    assert agent_client.post("/logout/").status_code == 302
    assert agent_client.get("/").status_code == 302


def test_password_change_shows_errors_inline_and_then_works(client: Client, agent: User) -> None:
    client.force_login(agent)
    bad = client.post("/account/password/", {"old_password": "x", "new_password1": "a", "new_password2": "b"})
    assert bad.status_code == 400
    assert b"field-error" in bad.content
    ok = client.post("/account/password/", {"old_password": "demo-pass-ana", "new_password1": "calm-river-42",
                                            "new_password2": "calm-river-42"})
    assert ok.status_code == 302
    agent.refresh_from_db()
    assert agent.check_password("calm-river-42")


def test_agent_gets_403_on_every_manager_page(agent_client: Client, make_case: Callable[..., Case]) -> None:
    for path in ["/approvals/", "/approvals/1/", "/team/", "/manage/catalogue/", "/manage/users/",
                 "/manage/playbooks/", "/manage/users/1/"]:
        assert agent_client.get(path).status_code == 403, path
    assert agent_client.post("/manage/users/new/", {"username": "x"}).status_code == 403


def test_queue_lists_cases_most_urgent_first_with_filters(agent_client: Client, agent: User,
                                                          make_case: Callable[..., Case]) -> None:
    calm = make_case(customer_name="Quiet Quentin")
    urgent = make_case(customer_name="Urgent Ursula")
    Case.objects.filter(pk=urgent.pk).update(priority="critical", priority_rank=4)
    Case.objects.filter(pk=calm.pk).update(owner=agent)
    body = agent_client.get("/").content.decode()
    assert body.index("Urgent Ursula") < body.index("Quiet Quentin")
    mine = agent_client.get("/", {"view": "mine"}).content.decode()
    assert "Quiet Quentin" in mine and "Urgent Ursula" not in mine
    unassigned = agent_client.get("/", {"view": "unassigned"}).content.decode()
    assert "Urgent Ursula" in unassigned and "Quiet Quentin" not in unassigned
    found = agent_client.get("/", {"q": "ursula"}).content.decode()
    assert "Urgent Ursula" in found and "Quiet Quentin" not in found


def test_queue_htmx_request_gets_only_the_results(agent_client: Client, make_case: Callable[..., Case]) -> None:
    make_case(customer_name="Partial Paula")
    response = agent_client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="queue-results"' in text and "Partial Paula" in text and "<html" not in text


def test_breached_and_waiting_approval_filters(agent_client: Client, agent: User,
                                               make_case: Callable[..., Case]) -> None:
    import datetime as dt

    from amends.core import clock
    from amends.remedies.services import remedy_propose

    late = make_case(customer_name="Late Larry")
    Case.objects.filter(pk=late.pk).update(next_due_at=clock.now() - dt.timedelta(hours=2))
    waiting = make_case(customer_name="Waiting Wendy")
    remedy_propose(case=waiting, actor=agent, kind="refund", value="500")
    breached = agent_client.get("/", {"view": "breached"}).content.decode()
    assert "Late Larry" in breached and "Waiting Wendy" not in breached
    assert "overdue" in breached
    approval = agent_client.get("/", {"view": "approval"}).content.decode()
    assert "Waiting Wendy" in approval and "Late Larry" not in approval


def test_case_page_shows_story_playbook_and_timeline(agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case(message="The parcel arrived two weeks late and the box was crushed.")
    Case.objects.filter(pk=case.pk).update(salient_points=["box was crushed"])
    body = agent_client.get(f"/cases/{case.pk}/").content.decode()
    assert '<mark class="point" data-point="0">box was crushed</mark>' in body
    assert "Take ownership" in body and "Hear the whole story" in body
    assert 'data-testid="timeline"' in body and "opened the case" in body
    assert 'id="coach-panel"' in body


def test_story_is_escaped_around_highlights(agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case(message="<script>alert(1)</script> the box was crushed")
    Case.objects.filter(pk=case.pk).update(salient_points=["box was crushed", "<b>"])
    body = agent_client.get(f"/cases/{case.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_completing_and_skipping_steps(agent_client: Client, agent: User, make_case: Callable[..., Case]) -> None:
    case = make_case()
    response = agent_client.post(f"/cases/{case.pk}/steps/own/complete/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.owner == agent
    assert case.steps.get(key="own").status == StepStatus.DONE
    no_reason = agent_client.post(f"/cases/{case.pk}/steps/extra/skip/", {"reason": "  "})
    assert no_reason.status_code == 400
    assert "field-error" in no_reason.content.decode()
    assert case.steps.get(key="extra").status == StepStatus.OPEN
    agent_client.post(f"/cases/{case.pk}/steps/extra/skip/", {"reason": "The customer declined a gesture."})
    step = case.steps.get(key="extra")
    assert step.status == StepStatus.SKIPPED and step.skip_reason == "The customer declined a gesture."
    again = agent_client.post(f"/cases/{case.pk}/steps/own/complete/")
    assert again.status_code == 409 and "already done" in again.content.decode()


def test_a_refused_skip_shows_its_error_on_that_step_and_answers_the_service_status(
        agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    no_reason = agent_client.post(f"/cases/{case.pk}/steps/extra/skip/", {"reason": ""}).content.decode()
    step_html = no_reason[no_reason.index('data-step="extra"'):]
    step_html = step_html[:step_html.index("</li>")]
    assert '<details class="skip" open>' in step_html and "field-error" in step_html
    assert "field-error" not in no_reason.replace(step_html, "")  # only the skipped step's form is bound
    agent_client.post(f"/cases/{case.pk}/steps/extra/skip/", {"reason": "Declined."})
    again = agent_client.post(f"/cases/{case.pk}/steps/extra/skip/", {"reason": "Declined twice."})
    assert again.status_code == 409  # the service's Conflict, as for every other case action


def test_reply_is_stored_as_an_outbound_message(agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    response = agent_client.post(f"/cases/{case.pk}/reply/", {"body": "Thank you for telling us.",
                                                               "direction": "outbound"})
    assert response.status_code == 302
    assert case.messages.filter(direction="outbound", body="Thank you for telling us.").exists()
    assert case.events.filter(type=EventType.REPLY_SENT).exists()
    empty = agent_client.post(f"/cases/{case.pk}/reply/", {"body": "", "direction": "outbound"})
    assert empty.status_code == 400 and "field-error" in empty.content.decode()


def test_remedy_within_limit_is_approved_and_above_goes_to_a_manager(
        agent_client: Client, manager_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    agent_client.post(f"/cases/{case.pk}/remedies/", {"kind": "voucher", "value": "20", "description": "Voucher"})
    agent_client.post(f"/cases/{case.pk}/remedies/", {"kind": "refund", "value": "120"})
    small, big = list(Remedy.objects.filter(case=case).order_by("id"))
    assert small.status == RemedyStatus.APPROVED
    assert big.status == RemedyStatus.PENDING_APPROVAL
    inbox = manager_client.get("/approvals/").content.decode()
    assert f'/approvals/{big.pk}/' in inbox
    assert manager_client.get(f"/approvals/{big.pk}/").status_code == 200
    done = manager_client.post(f"/approvals/{big.pk}/", {"decision": "approve", "note": "Fair, go ahead."})
    assert done.status_code == 302
    big.refresh_from_db()
    assert big.status == RemedyStatus.APPROVED and big.decision_note == "Fair, go ahead."
    twice = manager_client.post(f"/approvals/{big.pk}/", {"decision": "reject"})
    assert twice.status_code == 409


def test_authority_check_says_within_or_manager(agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    within = agent_client.get(f"/cases/{case.pk}/remedies/check/", {"value": "50"}).content.decode()
    above = agent_client.get(f"/cases/{case.pk}/remedies/check/", {"value": "50.01"}).content.decode()
    junk = agent_client.get(f"/cases/{case.pk}/remedies/check/", {"value": "lots"}).content.decode()
    assert 'data-authority="within"' in within
    assert 'data-authority="manager"' in above
    assert "Enter a value" in junk


def test_closing_with_open_steps_is_refused_inline(agent_client: Client, make_case: Callable[..., Case]) -> None:
    case = make_case()
    response = agent_client.post(f"/cases/{case.pk}/close/", {"outcome": "recovered", "root_cause": "courier"})
    assert response.status_code == 409
    assert "cannot be closed as recovered" in response.content.decode()
    case.refresh_from_db()
    assert case.status != Status.CLOSED
    ok = agent_client.post(f"/cases/{case.pk}/close/", {"outcome": "not_recovered", "root_cause": "courier"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.root_cause == "courier"
    agent_client.post(f"/cases/{case.pk}/reopen/")
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_tasks_followups_points_and_agreement(agent_client: Client, agent: User,
                                              make_case: Callable[..., Case]) -> None:
    case = make_case()
    agent_client.post(f"/cases/{case.pk}/tasks/", {"title": "Send a new kettle", "assignee": agent.pk,
                                                   "due_at": "2030-01-02T10:00"})
    task = case.tasks.get()
    assert task.assignee == agent and task.due_at is not None
    agent_client.post(f"/tasks/{task.pk}/done/")
    task.refresh_from_db()
    assert task.status == "done"
    agent_client.post(f"/cases/{case.pk}/followups/", {"due_at": "2030-01-09T09:00"})
    assert case.follow_ups.filter(due_at__year=2030, due_at__month=1, due_at__day=9).count() == 1
    agent_client.post(f"/cases/{case.pk}/points/", {"points": "late parcel\n\ncrushed box",
                                                    "desired_outcome": "refund"})
    case.refresh_from_db()
    assert case.salient_points == ["late parcel", "crushed box"] and case.points_confirmed
    agent_client.post(f"/cases/{case.pk}/agreement/", {"resolution": "Full refund and a new box."})
    case.refresh_from_db()
    assert case.agreed_resolution == "Full refund and a new box."


def test_the_follow_up_form_suggests_the_sla_policy_due_time(agent_client: Client,
                                                               make_case: Callable[..., Case]) -> None:
    from amends.sla.models import SlaPolicy

    case = make_case()
    SlaPolicy.objects.create(priority=case.priority, first_response_minutes=60, resolution_minutes=600,
                             follow_up_delay_minutes=90)
    with clock.frozen_at(dt.datetime(2030, 3, 4, 10, 15, tzinfo=dt.UTC)):
        body = agent_client.get(f"/cases/{case.pk}/").content.decode()
    assert 'value="2030-03-04T11:45"' in body  # no business calendar: 90 minutes after now


def test_new_case_form_opens_a_case_owned_by_the_agent(agent_client: Client, agent: User) -> None:
    bad = agent_client.post("/cases/new/", {"customer_name": "", "channel": "phone", "message": ""})
    assert bad.status_code == 400 and bad.content.decode().count("field-error") >= 2
    response = agent_client.post("/cases/new/", {"customer_name": "Pat Caller", "customer_email": "pat@example.com",
                                                 "channel": "phone", "message": "My boiler repair never happened.",
                                                 "take_ownership": "on"})
    assert response.status_code == 302
    case = Case.objects.get(customer__name="Pat Caller")
    assert case.owner == agent and case.channel == "phone" and case.story == "My boiler repair never happened."


def test_team_board_counts_open_breached_and_waiting(manager_client: Client, agent: User,
                                                     make_case: Callable[..., Case]) -> None:
    make_case(owner=agent)
    make_case()
    body = manager_client.get("/team/").content.decode()
    assert "Open work per person" in body and "Ana" in body and "Unassigned" in body


def test_manager_configures_catalogue_limits_and_playbooks(manager_client: Client, agent: User,
                                                           make_case: Callable[..., Case]) -> None:
    response = manager_client.post("/manage/catalogue/", {"name": "Coffee voucher", "kind": "voucher",
                                                          "default_value": "15", "is_extra": "on", "active": "on"})
    assert response.status_code == 302
    item = CatalogueItem.objects.get(name="Coffee voucher")
    assert item.is_extra and item.default_value == Decimal("15.00")
    edit = manager_client.post(f"/manage/users/{agent.pk}/", {
        "first_name": "Ana", "last_name": "", "email": "ana@example.com", "role": "agent",
        "remedy_limit": "75", "is_active": "on"})
    assert edit.status_code == 302
    agent.refresh_from_db()
    assert agent.remedy_limit == Decimal("75.00")
    new = manager_client.post("/manage/users/new/", {"username": "cleo", "role": "agent", "password": "long-enough-1"})
    assert new.status_code == 302 and User.objects.filter(username="cleo").exists()
    make_case()  # creates the default playbook
    from amends.playbooks.models import Playbook

    book = Playbook.objects.get(is_default=True)
    page = manager_client.get(f"/manage/playbooks/{book.pk}/")
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {"steps-TOTAL_FORMS": str(len(formset.forms)), "steps-INITIAL_FORMS": str(formset.initial_form_count()),
            "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "40"}
    for i, form in enumerate(formset.forms):
        for name in ("key", "title", "guidance", "done_when", "target_minutes"):
            value = form.initial.get(name, "")
            data[f"steps-{i}-{name}"] = "" if value is None else str(value)
        if form.initial.get("required"):
            data[f"steps-{i}-required"] = "on"
    data["steps-0-title"] = "Own it, by name"
    saved = manager_client.post(f"/manage/playbooks/{book.pk}/", data)
    assert saved.status_code == 302
    assert book.steps.get(key="own").title == "Own it, by name"
