"""End to end in a real browser: an agent recovers a case with the coach's help, a manager approves the
remedy above the agent's limit, and the timeline tells the whole story; managers' pages stay closed to agents."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from amends.accounts.models import Role
from amends.accounts.services import user_create
from amends.cases import services as case_services
from amends.cases.models import Case, Status
from amends.remedies.models import Remedy, RemedyStatus

pytestmark = [pytest.mark.browser]

STORY = ("I ordered a kettle (order 4471) and it arrived two weeks late. The box was crushed and the lid is "
         "cracked. Nobody answered my emails. I want a full refund.")


def _sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def _people() -> None:
    user_create(username="ana", role=Role.AGENT, limit=Decimal("50"), first_name="Ana", password="agent-pass-123")
    user_create(username="mia", role=Role.MANAGER, limit=Decimal("1000"), first_name="Mia",
                password="manager-pass-123")


def test_agent_recovers_a_case_with_coach_and_manager_approval(transactional_db: None, live_server: Any,
                                                                browser: Any) -> None:
    from playwright.sync_api import expect

    _people()
    case_services.case_open(actor=None, customer_name="Olive Quiet", customer_email="olive@example.com",
                            channel="email", message="Could you tell me when my order ships? Thanks.")
    urgent, _ = case_services.case_open(actor=None, customer_name="Grace Kettle", customer_email="grace@example.com",
                                        channel="email", message=STORY)
    case_services.case_set_priority(case=urgent, priority="critical", actor=None)
    base = live_server.url

    agent = browser.new_context(viewport={"width": 1366, "height": 900})
    page = agent.new_page()
    _sign_in(page, base, "ana", "agent-pass-123")

    # The most urgent case is first in the queue; open it from there.
    first = page.locator(".queue-row").first
    expect(first).to_contain_text("Grace Kettle")
    first.locator("a").click()
    page.wait_for_url(re.compile(rf"/cases/{urgent.pk}/$"))
    expect(page.locator(".story")).to_contain_text("two weeks late")

    # The coach panel follows the reply as it is typed.
    editor = page.locator("#reply-body")
    editor.click()
    editor.press_sequentially("Hello Grace.", delay=5)
    score = page.get_by_test_id("coach-score")
    expect(score).to_be_visible()
    expect(page.locator('#coach-panel [data-key="thanks"]')).to_have_class(re.compile("el-missing"))
    before = int(score.inner_text())
    editor.press_sequentially(" Thank you for telling us about this, and I am so sorry your kettle arrived two "
                              "weeks late with a crushed box.", delay=2)
    expect(page.locator('#coach-panel [data-key="thanks"]')).to_have_class(re.compile("el-present"))
    expect(page.locator('#coach-panel [data-key="apology"]')).to_have_class(re.compile("el-present"))
    assert int(score.inner_text()) > before

    # Insert the engine's draft: the editor fills and the coach scores the draft.
    page.get_by_role("button", name="Insert draft").click()
    expect(editor).to_have_value(re.compile("Grace"))
    expect(page.locator('#coach-panel [data-key="something_extra"]')).to_have_class(re.compile("el-present"))
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".msg-outbound")).to_have_count(1)

    # A refund above the agent's limit of 50 goes to a manager; the form says so before sending.
    page.locator("#remedies summary").click()
    page.get_by_label("Kind").select_option("refund")
    page.get_by_label("Value (EUR)").fill("120")
    expect(page.locator("#authority [data-authority]")).to_have_attribute("data-authority", "manager")
    page.get_by_role("button", name="Propose remedy").click()
    expect(page.get_by_test_id("remedy-status")).to_have_text("Waiting for approval")
    remedy = Remedy.objects.get(case=urgent)

    # The manager signs in and approves it from the notification link.
    boss = browser.new_context(viewport={"width": 1366, "height": 900})
    mpage = boss.new_page()
    _sign_in(mpage, base, "mia", "manager-pass-123")
    mpage.goto(f"{base}/approvals/{remedy.pk}/")
    mpage.get_by_label("Note for the agent").fill("Agreed: refund in full.")
    mpage.get_by_role("button", name="Approve").click()
    mpage.wait_for_url(f"{base}/approvals/")
    expect(mpage.locator(".flash")).to_contain_text("approved")
    boss.close()
    remedy.refresh_from_db()
    assert remedy.status == RemedyStatus.APPROVED

    # The agent walks the rest of the playbook and closes the case as recovered.
    page.reload()
    expect(page.get_by_test_id("remedy-status")).to_have_text("Approved")
    for _ in range(12):
        button = page.locator("button[data-complete]:visible").first
        if not button.count():
            break
        key = button.get_attribute("data-complete")
        if key == "close":
            break
        button.click()
        expect(page.locator(f'[data-step="{key}"]')).to_have_class(re.compile("step-done"))
    page.get_by_label("Outcome").select_option("recovered")
    page.get_by_label("Root cause of the breakdown").fill("courier damage")
    page.get_by_role("button", name="Close case").click()
    expect(page.locator(".case-badges")).to_contain_text("Closed")

    timeline = page.get_by_test_id("timeline")
    for sentence in ["opened the case", "sent a reply", "asked a manager to approve a refund of 120.00 EUR",
                     "Mia approved the refund of 120.00 EUR", "completed step “follow up”",
                     "closed the case: recovered"]:
        expect(timeline).to_contain_text(sentence)
    agent.close()
    urgent.refresh_from_db()
    assert urgent.status == Status.CLOSED and urgent.outcome == "recovered"


def test_agents_cannot_reach_manager_pages_and_visitors_must_sign_in(transactional_db: None, live_server: Any,
                                                                      browser: Any) -> None:
    _people()
    case, _ = case_services.case_open(actor=None, customer_name="Sam", message="The invoice is wrong.")
    base = live_server.url
    visitor = browser.new_context()
    page = visitor.new_page()
    page.goto(f"{base}/cases/{case.pk}/")
    assert page.url.startswith(f"{base}/login/?next=")
    assert page.get_by_role("heading", name="Sign in to the desk").is_visible()
    # Signing in goes back to the page that was asked for.
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("agent-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert page.get_by_role("link", name="Approvals").count() == 0
    for path in ["/approvals/", "/team/", "/manage/catalogue/", "/manage/users/", "/manage/playbooks/"]:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 403, path
        assert page.get_by_role("heading", name="Not allowed").is_visible()
    visitor.close()
    assert Case.objects.count() == 1
