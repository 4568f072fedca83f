"""No input a browser can send makes a desk page fail with a 500: junk goes to every form and filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from amends.accounts.models import User
from amends.cases.models import Case
from amends.remedies.services import remedy_propose

pytestmark = pytest.mark.django_db

JUNK_VALUES: list[Any] = ["", "a\x00b", "x" * 100_001, "-1", "1e999", "NaN", "99999999999999999999",
                          "<script>alert(1)</script>", "2030-13-45T99:99", "none", ["a", "b"]]
FIELDS = ["body", "direction", "note", "reason", "owner", "priority", "status", "points", "desired_outcome",
          "resolution", "catalogue_item", "kind", "value", "extra", "description", "title", "assignee", "due_at",
          "outcome", "root_cause", "decision", "name", "default_value", "is_extra", "active", "username", "role",
          "remedy_limit", "password", "first_name", "last_name", "email", "is_active", "team", "manager",
          "customer_name", "customer_email", "channel", "message", "subject", "take_ownership", "old_password",
          "new_password1", "new_password2", "steps-TOTAL_FORMS", "steps-INITIAL_FORMS", "steps-0-key",
          "steps-0-title", "steps-0-target_minutes"]


def _payloads() -> list[dict[str, Any]]:
    payloads: list[dict[str, Any]] = [{}]
    for value in JUNK_VALUES:
        payloads.append({field: value for field in FIELDS})
    return payloads


def _paths(case: Case, remedy_id: int, task_id: int, user_id: int, book_id: int) -> list[str]:
    c = case.pk
    return [
        "/login/", "/account/password/", "/cases/new/", f"/cases/{c}/reply/", f"/cases/{c}/coach/",
        f"/cases/{c}/draft/", f"/cases/{c}/steps/own/complete/", f"/cases/{c}/steps/extra/skip/",
        f"/cases/{c}/steps/nope/complete/", f"/cases/{c}/steps/nope/skip/", f"/cases/{c}/assign/",
        f"/cases/{c}/take/", f"/cases/{c}/priority/", f"/cases/{c}/status/", f"/cases/{c}/points/",
        f"/cases/{c}/agreement/", f"/cases/{c}/remedies/", f"/cases/{c}/tasks/", f"/cases/{c}/followups/",
        f"/cases/{c}/close/", f"/cases/{c}/reopen/", f"/remedies/{remedy_id}/deliver/", f"/tasks/{task_id}/done/",
        f"/approvals/{remedy_id}/", "/manage/catalogue/", "/manage/users/new/", f"/manage/users/{user_id}/",
        f"/manage/playbooks/{book_id}/", "/logout/",
    ]


@pytest.fixture
def world(agent: User, manager: User, make_case: Callable[..., Case]) -> dict[str, Any]:
    from amends.actions.services import task_create
    from amends.playbooks.models import Playbook

    case = make_case()
    remedy = remedy_propose(case=case, actor=agent, kind="refund", value="400")
    task = task_create(case=case, actor=agent, title="Call the courier")
    return {"case": case, "remedy": remedy.pk, "task": task.pk, "user": agent.pk,
            "book": Playbook.objects.get(is_default=True).pk}


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_junk_posted_to_every_form_never_gives_a_500(role: str, world: dict[str, Any], agent: User,
                                                     manager: User) -> None:
    client = Client(raise_request_exception=False)
    person = agent if role == "agent" else manager
    paths = _paths(world["case"], world["remedy"], world["task"], world["user"], world["book"])
    for payload in _payloads():
        for path in paths:
            client.force_login(person)
            response = client.post(path, payload)
            assert response.status_code < 500, (path, {k: str(v)[:20] for k, v in list(payload.items())[:3]})


def test_junk_in_queue_filters_and_urls_never_gives_a_500(world: dict[str, Any], manager: User) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    for value in JUNK_VALUES:
        if isinstance(value, list) or len(value) > 5000:
            continue
        for name in ("view", "status", "category", "q", "cursor", "value"):
            for path in ("/", f"/cases/{world['case'].pk}/remedies/check/"):
                response = client.get(path, {name: value})
                assert response.status_code < 500, (path, name, value[:30])
                assert response.status_code in (200, 400)
    for path in ["/cases/0/", "/cases/999999999999999999/", "/cases/99999999999999999999/", "/cases/abc/",
                 "/approvals/999999/", "/manage/users/999999/", "/manage/playbooks/999999/",
                 "/manage/catalogue/999999/", "/cases/%00/", "/tasks/999999/done/"]:
        response = client.get(path)
        assert response.status_code in (404, 405), path


def test_a_bad_filter_is_explained_on_the_queue(manager: User) -> None:
    client = Client()
    client.force_login(manager)
    response = client.get("/", {"view": "everything"})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    cursor = client.get("/", {"cursor": "not-a-cursor"})
    assert cursor.status_code == 400
