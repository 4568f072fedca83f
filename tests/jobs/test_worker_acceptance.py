"""The real worker process on each queue storage, delivering through a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.db import connection

from amends.cases.models import Case
from amends.cases.services import message_add
from amends.core import clock
from amends.jobs import enqueue
from amends.outbox.models import DeliveryAttempt, DeliveryStatus, OutboxMessage
from amends.outbox.services import inbound_email_receive
from amends.outbox.tasks import sweep_outbox
from amends.outbox.tests.smtp_server import SmtpBox
from amends.outbox.tests.worker import queue_kinds, wait_until, workers

pytestmark = pytest.mark.django_db(transaction=True)


def _default_kind() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgres"


@pytest.fixture
def smtp() -> Iterator[SmtpBox]:
    box = SmtpBox().start()
    try:
        yield box
    finally:
        box.stop()


def _row(case: Case) -> OutboxMessage:
    return OutboxMessage.objects.get(case=case, purpose="reply")


@pytest.mark.parametrize("kind", queue_kinds())
def test_a_reply_reaches_smtp_through_the_worker_with_threading_headers(
        kind: str, make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: Dana <dana@example.com>\r\nTo: desk@localhost\r\nSubject: Late parcel\r\n"
           b"Message-ID: <late-1@customer.example>\r\n\r\nMy parcel is two weeks late.\r\n")
    case = inbound_email_receive(raw=raw).case
    assert case is not None
    with workers(kind, AMENDS_SMTP_URL=smtp.url) as pool:
        pool.start()
        message_add(case=case, direction="outbound", body="I am sorry, Dana; it ships today.", actor=agent)
        [sent] = smtp.wait_for(1)
        row = _row(case)
        assert sent["Message-ID"] == row.message_id
        assert sent["In-Reply-To"] == "<late-1@customer.example>"
        assert "<late-1@customer.example>" in sent["References"]
        wait_until(lambda: OutboxMessage.objects.get(pk=row.pk).status == DeliveryStatus.SENT, what="sent")


def test_smtp_down_keeps_it_queued_and_it_is_delivered_once_when_back(
        make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    smtp.stop()
    with workers(_default_kind(), AMENDS_SMTP_URL=smtp.url) as pool:
        pool.start()
        message_add(case=case, direction="outbound", body="We are replacing the kettle.", actor=agent)
        row = _row(case)
        wait_until(lambda: DeliveryAttempt.objects.filter(outbox=row, ok=False).count() >= 2, what="retries")
        row.refresh_from_db()
        assert row.status == DeliveryStatus.PENDING and "Connection refused" in row.last_error
        smtp.start()
        wait_until(lambda: OutboxMessage.objects.get(pk=row.pk).status == DeliveryStatus.SENT, what="delivery")
        # Let the worker run on a little: nothing else goes out for this row.
        enqueue(sweep_outbox)
        wait_until(lambda: len(smtp.received) >= 1, what="the message")
    assert [m["Message-ID"] for m in smtp.messages()] == [row.message_id]
    assert DeliveryAttempt.objects.filter(outbox=row, ok=True).count() == 1


def test_a_worker_killed_mid_delivery_leaves_it_to_the_next_worker_without_duplicate(
        make_case: Callable[..., Case], agent, smtp: SmtpBox) -> None:  # type: ignore[no-untyped-def]
    case = make_case()
    smtp.stall_next = True
    with workers(_default_kind(), AMENDS_SMTP_URL=smtp.url) as pool:
        first = pool.start()
        message_add(case=case, direction="outbound", body="Your refund is on its way.", actor=agent)
        row = _row(case)
        assert smtp.stalled.wait(30), "the worker never reached the SMTP server"
        pool.kill(first)  # SIGKILL in the middle of the SMTP conversation
        smtp.release.set()
        row.refresh_from_db()
        assert row.status == DeliveryStatus.PENDING and row.claimed_until is not None and row.attempts == 1

        pool.start(scheduler=False)
        claimed_until = row.claimed_until
        wait_until(lambda: clock.now() > claimed_until, what="the dead worker's lease to run out")
        enqueue(sweep_outbox)  # what the scheduler does every minute
        wait_until(lambda: OutboxMessage.objects.get(pk=row.pk).status == DeliveryStatus.SENT, what="redelivery")
    row.refresh_from_db()
    assert row.attempts == 2
    assert [m["Message-ID"] for m in smtp.messages()] == [row.message_id]
