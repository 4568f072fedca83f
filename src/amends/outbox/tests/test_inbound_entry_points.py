"""Inbound email entry points: `amends email receive` (file or stdin) and POST /api/v1/inbound/email."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from typer.testing import CliRunner

from amends.accounts.models import User
from amends.cases.models import Case
from amends.cases.services import message_add
from amends.cli import app
from amends.outbox.models import InboundEmail, InboundStatus, OutboxMessage
from amends.outbox.tests.emails import customer_email

pytestmark = pytest.mark.django_db


def _post(token: str | None, body: bytes, content_type: str = "message/rfc822") -> Any:
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    headers["CONTENT_TYPE"] = content_type  # the test client leaves it out for an empty body
    return Client().post("/api/v1/inbound/email", body, content_type=content_type, **headers)


# -- CLI -------------------------------------------------------------------------------------------

def test_the_cli_reads_an_email_from_stdin_and_opens_a_case() -> None:
    result = CliRunner().invoke(app, ["email", "receive"], input=customer_email("<cli-1@customer.example>"))
    assert result.exit_code == 0, result.output
    inbound = InboundEmail.objects.get(message_id="<cli-1@customer.example>")
    assert inbound.status == InboundStatus.OPENED
    assert inbound.case is not None and f"Opened case #{inbound.case.pk}" in result.output
    assert inbound.case.customer.email == "dana@example.com"


def test_the_cli_reads_a_reply_from_a_file_onto_its_case(tmp_path: Path, make_case: Callable[..., Case],
                                                          agent: User) -> None:
    case = make_case(customer_email="dana@example.com")
    reply, _ = message_add(case=case, direction="outbound", body="Could you send a photo?", actor=agent)
    outgoing = OutboxMessage.objects.get(reply_message=reply)
    assert outgoing.message_id
    path = tmp_path / "reply.eml"
    path.write_bytes(customer_email("<cli-2@customer.example>", subject=f"Re: [Case #{case.pk}]",
                                    body="Photo attached.", in_reply_to=outgoing.message_id))
    result = CliRunner().invoke(app, ["email", "receive", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Added to case #{case.pk}" in result.output
    assert case.messages.filter(direction="inbound", body="Photo attached.").exists()


def test_the_cli_bounces_what_is_not_an_email_and_keeps_it_on_file() -> None:
    result = CliRunner().invoke(app, ["email", "receive"], input=b"hello, this is not an email at all\n")
    assert result.exit_code == 65  # EX_DATAERR: the mail server bounces instead of retrying
    assert "not an email" in result.output
    kept = InboundEmail.objects.get()
    assert kept.status == InboundStatus.FAILED and bytes(kept.raw).startswith(b"hello, this")
    assert CliRunner().invoke(app, ["email", "receive"], input=b"").exit_code == 65
    assert InboundEmail.objects.count() == 1  # nothing to keep from empty input


def test_the_cli_reports_a_missing_file_as_a_temporary_failure(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["email", "receive", "--file", str(tmp_path / "missing.eml")])
    assert result.exit_code == 75


# -- API -------------------------------------------------------------------------------------------

def test_the_api_opens_a_case_from_a_raw_email_and_a_repeat_is_one_message(
        agent: User, make_token: Callable[[User], str]) -> None:
    token = make_token(agent)
    raw = customer_email("<api-1@customer.example>")
    first = _post(token, raw)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "opened" and body["message_id"] == "<api-1@customer.example>"
    assert Case.objects.filter(pk=body["case_id"]).exists()
    again = _post(token, raw, content_type="text/plain")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert InboundEmail.objects.count() == 1


def test_the_api_needs_a_token(agent: User) -> None:
    response = _post(None, customer_email("<api-2@customer.example>"))
    assert response.status_code == 401
    assert not InboundEmail.objects.exists()


def test_the_api_refuses_bad_input_with_clear_4xx(agent: User, make_token: Callable[[User], str]) -> None:
    token = make_token(agent)
    empty = _post(token, b"")
    assert empty.status_code == 400 and "empty" in empty.json()["error"]["message"]
    json_body = _post(token, b'{"text": "hi"}', content_type="application/json")
    assert json_body.status_code == 415 and json_body.json()["error"]["code"] == "unsupported_media_type"
    not_mail = _post(token, b"just some words\n", content_type="text/plain")
    assert not_mail.status_code == 400
    error = not_mail.json()["error"]
    assert "not an email" in error["message"]
    assert InboundEmail.objects.get(pk=error["inbound_id"]).status == InboundStatus.FAILED  # kept first
    no_sender = _post(token, b"Subject: hello\n\nNo From header here.\n")
    assert no_sender.status_code == 400 and "From" in no_sender.json()["error"]["message"]


def test_the_api_refuses_an_email_over_the_limit(agent: User, make_token: Callable[[User], str]) -> None:
    token = make_token(agent)
    raw = customer_email("<api-big@customer.example>", body="x" * 5000)
    with override_settings(INBOUND_EMAIL_MAX_BYTES=2000):
        response = _post(token, raw)
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    assert not InboundEmail.objects.exists()


def test_an_empty_body_of_another_content_type_is_refused_for_its_type(
        agent: User, make_token: Callable[[User], str]) -> None:
    response = _post(make_token(agent), b"", content_type="application/json")
    assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_media_type"
    assert not InboundEmail.objects.exists()


def test_an_email_larger_than_the_general_api_body_limit_is_taken(
        agent: User, make_token: Callable[[User], str]) -> None:
    token = make_token(agent)
    raw = customer_email("<api-photo@customer.example>", body="The photo is below.\n" + "A" * 3000)
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = _post(token, raw)
    assert response.status_code == 201, response.content
