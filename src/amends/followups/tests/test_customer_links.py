"""The follow-up after the fix, the survey email at its time, and the customer's signed links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from django.test import Client

from amends.actions.services import task_complete, task_create
from amends.cases.models import Case, CaseEvent, EventType, Status, StepStatus
from amends.cases.services import case_close, case_record_agreement, step_complete, step_skip
from amends.core import clock
from amends.followups import links
from amends.followups.models import FollowUp, FollowUpStatus, SurveyResponse
from amends.followups.services import followups_send_due
from amends.outbox.models import OutboxMessage
from amends.outbox.services import outbox_deliver
from amends.outbox.tests.smtp_server import SmtpBox

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp(settings) -> Iterator[SmtpBox]:  # type: ignore[no-untyped-def]
    box = SmtpBox().start()
    settings.SMTP_URL = box.url
    yield box
    box.stop()


def _link_path(body: str, purpose: str) -> str:
    url = re.search(rf"https?://\S+/c/{purpose}/\S+/", body)
    assert url, body
    return urlsplit(url.group(0)).path


def _deliver_all() -> None:
    for pk in OutboxMessage.objects.filter(status="pending").values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)


def test_agreement_link_confirms_the_agree_step(make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    case = make_case(customer_email="dana@example.com", customer_name="Dana")
    case_record_agreement(case=case, actor=agent, resolution="A new kettle delivered by Friday, at no cost.")
    _deliver_all()
    [mail] = smtp.wait_for(1)
    path = _link_path(mail.get_content(), "agree")
    client = Client()
    page = client.get(path)
    assert page.status_code == 200 and "A new kettle delivered by Friday" in page.content.decode()
    done = client.post(path, {"answer": "yes"})
    assert done.status_code == 200 and "confirmed" in done.content.decode()
    assert case.steps.get(key="agree").status == StepStatus.DONE
    assert CaseEvent.objects.filter(case=case, type=EventType.RESOLUTION_AGREED,
                                    payload__confirmed_by_customer=True).count() == 1
    # A survey link cannot stand in for an agreement link.
    survey_token = links.make_token(purpose=links.SURVEY, case_id=case.pk, follow_up_id=None)
    assert client.get(f"/c/agree/{survey_token}/").status_code == 400


def test_a_customer_who_disagrees_leaves_a_message_on_the_case(make_case: Callable[..., Case], agent) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    case_record_agreement(case=case, actor=agent, resolution="Refund of 20 EUR.")
    token = links.make_token(purpose=links.AGREE, case_id=case.pk)
    response = Client().post(f"/c/agree/{token}/", {"answer": "no", "comment": "It was 40 EUR."})
    assert response.status_code == 200
    assert case.messages.filter(direction="inbound", body__contains="It was 40 EUR.").exists()
    assert case.steps.get(key="agree").status == StepStatus.OPEN


def test_a_case_closed_after_its_fix_gets_its_survey_at_the_follow_up_time(
        make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    with clock.frozen_at(START):
        case = make_case(customer_email="dana@example.com", customer_name="Dana", owner=agent)
        for key in ("own", "listen", "acknowledge", "resolve"):
            step_complete(case=case, key=key, actor=agent)
        case_record_agreement(case=case, actor=agent, resolution="A replacement kettle.")
        step_complete(case=case, key="agree", actor=agent)
        task = task_create(case=case, actor=agent, title="Ship the replacement", assignee=agent)
    fixed_at = START + dt.timedelta(hours=3)
    with clock.frozen_at(fixed_at):
        task_complete(task=task, actor=agent)  # the last task completes "act": the fix is done
        step_skip(case=case, key="extra", actor=agent, reason="not needed here")
        step_skip(case=case, key="follow_up", actor=agent, reason="the survey goes out by itself")
        case_close(case=case, actor=agent, outcome="recovered", root_cause="carrier damage")
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.due_at == fixed_at + dt.timedelta(days=3)  # the normal policy's delay, no calendar set

    with clock.frozen_at(follow_up.due_at - dt.timedelta(minutes=1)):
        assert followups_send_due() == 0
    with clock.frozen_at(follow_up.due_at + dt.timedelta(seconds=30)):
        assert followups_send_due() == 1
        assert followups_send_due() == 0  # the minute job running twice sends one survey
        _deliver_all()
    survey_mails = [m for m in smtp.wait_for(2) if "How did we do" in m["Subject"]]
    assert len(survey_mails) == 1
    path = _link_path(survey_mails[0].get_content(), "survey")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.SENT

    client = Client()
    with clock.frozen_at(follow_up.due_at + dt.timedelta(hours=2)):
        page = client.get(path)
        assert page.status_code == 200 and "How satisfied are you" in page.content.decode()
        incomplete = client.post(path, {"satisfaction": "9", "would_recommend": "3", "will_return": "no"})
        assert incomplete.status_code == 400 and "satisfaction" in incomplete.content.decode()
        answered = client.post(path, {"satisfaction": "2", "would_recommend": "3", "will_return": "no",
                                      "comment": "The new kettle leaks too."})
        assert answered.status_code == 200
        again = client.post(path, {"satisfaction": "5", "would_recommend": "10", "will_return": "yes"})
        assert again.status_code == 409
    [response] = SurveyResponse.objects.filter(case=case)
    assert (response.satisfaction, response.would_recommend, response.will_return) == (2, 3, False)
    assert response.comment == "The new kettle leaks too."
    case.refresh_from_db()
    assert case.status == Status.OPEN  # a low answer reopens the recovery...
    assert case.steps.get(key="recover-again").status == StepStatus.OPEN  # ...with a fresh step
    kinds = list(case.events.values_list("type", flat=True))
    assert EventType.SURVEY_ANSWERED in kinds and EventType.CASE_REOPENED in kinds

    # Tampered or expired links get a clear 4xx page.
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = client.get(f"/c/survey/{token[:-2]}xy/")
    assert tampered.status_code == 400 and "not valid" in tampered.content.decode()
    with clock.frozen_at(follow_up.due_at + dt.timedelta(days=31)):
        expired = client.get(path)
    assert expired.status_code == 410 and "expired" in expired.content.decode()


def test_a_good_answer_keeps_the_case_closed(make_case: Callable[..., Case], agent) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    case_close(case=case, actor=agent, outcome="not_recovered", root_cause="x")
    follow_up = FollowUp.objects.get(case=case)  # closing schedules the follow-up when none exists
    token = links.make_token(purpose=links.SURVEY, case_id=case.pk, follow_up_id=follow_up.pk)
    response = Client().post(f"/c/survey/{token}/", {"satisfaction": "5", "would_recommend": "9",
                                                     "will_return": "yes"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.CLOSED
