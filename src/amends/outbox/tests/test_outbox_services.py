"""Outbox delivery in-process against a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import transaction

from amends.cases.models import Case, CaseEvent, EventType, Status
from amends.cases.services import case_set_status, message_add
from amends.core import clock
from amends.outbox.models import DeliveryAttempt, DeliveryStatus, InboundEmail, InboundStatus, OutboxMessage
from amends.outbox.services import (
    email_queue,
    inbound_email_receive,
    outbox_deliver,
    outbox_retry_now,
    strip_quoted,
)
from amends.outbox.smtp import parse_smtp_url
from amends.outbox.tests.emails import customer_email
from amends.outbox.tests.smtp_server import SmtpBox

pytestmark = pytest.mark.django_db


def test_smtp_url_carries_credentials_starttls_and_port() -> None:
    cfg = parse_smtp_url("smtp://us%40er:p%3Ass@mail.example.com:587?starttls=1")
    assert (cfg.host, cfg.port, cfg.username, cfg.password, cfg.starttls, cfg.ssl) == (
        "mail.example.com", 587, "us@er", "p:ss", True, False)
    assert parse_smtp_url("smtps://mail.example.com").port == 465
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.com")


def test_a_reply_is_queued_in_the_same_transaction_and_delivered_with_threading_headers(
        make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    inbound = inbound_email_receive(raw=customer_email("<first@customer.example>", subject="Broken kettle",
                                                        body="My kettle broke after two days."))
    assert inbound.status == InboundStatus.OPENED and inbound.case is not None
    case = inbound.case
    reply, _ = message_add(case=case, direction="outbound", body="Thank you, Dana. I am sorry.", actor=agent)
    row = OutboxMessage.objects.get(reply_message=reply)
    assert row.message_id is not None
    assert row.status == DeliveryStatus.PENDING and row.to_address == "dana@example.com"

    assert outbox_deliver(outbox_id=row.pk) == "sent"
    [sent] = smtp.wait_for(1)
    assert sent["Message-ID"] == row.message_id
    assert sent["In-Reply-To"] == "<first@customer.example>"
    assert "<first@customer.example>" in sent["References"]
    assert f"[Case #{case.pk}]" in sent["Subject"]
    assert "I am sorry" in sent.get_content()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and row.attempts == 1
    assert CaseEvent.objects.filter(case=case, type=EventType.EMAIL_SENT, payload__outbox_id=row.pk).exists()
    # Delivering the same row again sends nothing more.
    assert outbox_deliver(outbox_id=row.pk) == "skipped"
    assert len(smtp.received) == 1

    # The customer's answer to our email lands on the same case and resumes a waiting case.
    case_set_status(case=case, status=Status.WAITING_CUSTOMER, actor=agent)
    answer = inbound_email_receive(raw=customer_email(
        "<second@customer.example>", subject=f"Re: {sent['Subject']}",
        body="Yes please, a replacement.\n\nOn Monday the desk wrote:\n> Thank you, Dana.",
        in_reply_to=row.message_id, references=f"<first@customer.example> {row.message_id}"))
    assert answer.status == InboundStatus.THREADED and answer.case_id == case.pk
    assert answer.case_message is not None and answer.case_message.body == "Yes please, a replacement."
    case.refresh_from_db()
    assert case.status == Status.OPEN
    # The same email delivered twice is stored and threaded once.
    again = inbound_email_receive(raw=customer_email("<second@customer.example>", subject="Re: again",
                                                      body="Yes please, a replacement.",
                                                      in_reply_to=row.message_id))
    assert again.pk == answer.pk
    assert case.messages.filter(direction="inbound").count() == 2


def test_an_unknown_sender_without_thread_headers_opens_a_new_case(make_case: Callable[..., Case]) -> None:
    existing = make_case(customer_email="dana@example.com")
    # A forged subject tag from someone else does not attach to that case.
    inbound = inbound_email_receive(raw=customer_email(
        "<x1@elsewhere.example>", subject=f"Re: [Case #{existing.pk}]", body="Hello?",
        sender="Eve <eve@elsewhere.example>"))
    assert inbound.status == InboundStatus.OPENED and inbound.case_id != existing.pk
    assert inbound.raw and bytes(inbound.raw).startswith(b"From: Eve")


def test_smtp_down_keeps_the_email_pending_with_the_error_then_it_goes_out_once(
        make_case: Callable[..., Case], agent, smtp: SmtpBox, settings) -> None:  # type: ignore[no-untyped-def]
    settings.OUTBOX_RETRY_SECONDS = 30
    case = make_case()
    message_add(case=case, direction="outbound", body="We are on it.", actor=agent)
    row = OutboxMessage.objects.get(case=case, purpose="reply")
    smtp.stop()
    assert outbox_deliver(outbox_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING and row.attempts == 1 and row.last_error
    assert row.next_attempt_at >= clock.now() + dt.timedelta(seconds=29)
    # Not due yet: a second call does nothing.
    assert outbox_deliver(outbox_id=row.pk) == "skipped"
    smtp.start()
    with clock.frozen_at(row.next_attempt_at + dt.timedelta(seconds=1)):
        assert outbox_deliver(outbox_id=row.pk) == "sent"
    assert len(smtp.wait_for(1)) == 1
    log = list(DeliveryAttempt.objects.filter(outbox=row).values_list("ok", flat=True))
    assert log == [False, True]


def test_after_the_last_attempt_the_row_is_failed_on_the_timeline_and_can_be_retried(
        make_case: Callable[..., Case], agent, smtp: SmtpBox, settings) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    with transaction.atomic():
        row = email_queue(to="x@example.com", subject="Hello", body="Hi", purpose="notice", case=case)
    row.max_attempts = 1
    row.save()
    smtp.stop()
    assert outbox_deliver(outbox_id=row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert CaseEvent.objects.filter(case=case, type=EventType.EMAIL_FAILED).exists()
    smtp.start()
    outbox_retry_now(outbox=row)
    assert outbox_deliver(outbox_id=row.pk) == "sent"


def test_a_live_claim_is_respected_and_an_expired_one_is_taken_over(
        make_case: Callable[..., Case], smtp: SmtpBox, settings) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    row = email_queue(to="x@example.com", subject="Hello", body="Hi", purpose="notice", case=case)
    # Another worker holds the row (it was killed mid-send and its lease has not run out).
    OutboxMessage.objects.filter(pk=row.pk).update(claimed_until=clock.now() + dt.timedelta(minutes=5),
                                                   claim_token="dead-worker", attempts=1)
    assert outbox_deliver(outbox_id=row.pk) == "skipped"
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=6)):
        assert outbox_deliver(outbox_id=row.pk) == "sent"
    row.refresh_from_db()
    assert row.attempts == 2 and len(smtp.wait_for(1)) == 1


def test_quoted_history_is_cut_from_an_answer() -> None:
    assert strip_quoted("Thanks!\n\nOn Tue, 3 Jun 2025, Desk <d@x> wrote:\n> old") == "Thanks!"
    assert strip_quoted("> old line\nnew line") == "new line"


def test_a_reply_to_a_customer_without_email_queues_nothing(make_case: Callable[..., Case], agent) -> None:  # type: ignore[no-untyped-def]
    case = make_case(customer_email="", customer_name="Walk-in")
    message_add(case=case, direction="outbound", body="Thanks for coming in.", actor=agent)
    assert not OutboxMessage.objects.filter(case=case).exists()
    assert InboundEmail.objects.count() == 0
