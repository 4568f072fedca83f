"""Webhooks to a real HTTP receiver on loopback: signatures verify with the documented recipe, retries logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from amends.cases.models import Case
from amends.core import clock
from amends.outbox.models import DeliveryAttempt, DeliveryStatus, OutboxMessage
from amends.outbox.services import outbox_deliver
from amends.webhooks import signing
from amends.webhooks.models import WebhookSubscription

pytestmark = pytest.mark.django_db


class Receiver:
    def __init__(self, secret: str, statuses: list[int]) -> None:
        self.secret = secret
        self.statuses = statuses  # answers to give, in order; 200 once they run out
        self.calls: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append({"headers": dict(self.headers), "body": body,
                                       "verified": verify_as_documented(receiver.secret, self.headers, body)})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def verify_as_documented(secret: str, headers: Any, body: bytes) -> bool:
    """The recipe in docs/webhooks.md, written out independently of amends.webhooks.signing."""
    fields = dict(part.split("=", 1) for part in headers["Amends-Signature"].split(","))
    timestamp = fields["t"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= 300
    return fresh and hmac.compare_digest(expected, fields["v1"])


@pytest.fixture
def receiver_factory() -> Iterator[Callable[..., Receiver]]:
    made: list[Receiver] = []

    def make(statuses: list[int] | None = None, events: list[str] | None = None) -> Receiver:
        sub = WebhookSubscription.objects.create(name="CRM", url="http://placeholder.invalid/",
                                                 event_types=events or [])
        rec = Receiver(sub.secret, list(statuses or []))
        sub.url = rec.url
        sub.save()
        made.append(rec)
        return rec

    yield make
    for rec in made:
        rec.server.shutdown()


def test_a_case_opened_webhook_is_signed_and_verifies(make_case: Callable[..., Case],
                                                      receiver_factory: Callable[..., Receiver]) -> None:
    rec = receiver_factory(events=["case.opened"])
    case = make_case()
    [row] = OutboxMessage.objects.filter(kind="webhook")
    assert outbox_deliver(outbox_id=row.pk) == "sent"
    [call] = rec.calls
    assert call["verified"]
    assert call["headers"]["Amends-Event"] == "case.opened"
    assert call["headers"]["Amends-Delivery"] == str(row.pk)
    payload = json.loads(call["body"])
    assert payload["type"] == "case.opened" and payload["data"]["case"]["id"] == case.pk
    # Any change to the body breaks the signature.
    assert not signing.verify(rec.secret, call["headers"]["Amends-Signature"], call["body"] + b" ")
    assert signing.verify(rec.secret, call["headers"]["Amends-Signature"], call["body"])


def test_only_subscribed_events_are_sent(make_case: Callable[..., Case], agent,  # type: ignore[no-untyped-def]
                                         receiver_factory: Callable[..., Receiver]) -> None:
    receiver_factory(events=["case.closed"])
    case = make_case()
    assert not OutboxMessage.objects.filter(kind="webhook").exists()
    from amends.cases.services import case_close

    case_close(case=case, actor=agent, outcome="not_recovered", root_cause="x")
    assert list(OutboxMessage.objects.filter(kind="webhook").values_list("event_type", flat=True)) == ["case.closed"]


def test_a_receiver_answering_500_gets_retries_and_the_log_shows_them(
        make_case: Callable[..., Case], receiver_factory: Callable[..., Receiver], settings) -> None:  # type: ignore[no-untyped-def]
    settings.OUTBOX_RETRY_SECONDS = 10
    rec = receiver_factory(statuses=[500, 500], events=["case.opened"])
    make_case()
    [row] = OutboxMessage.objects.filter(kind="webhook")
    assert outbox_deliver(outbox_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.last_status_code == 500 and row.status == DeliveryStatus.PENDING
    first_retry = row.next_attempt_at
    with clock.frozen_at(first_retry + dt.timedelta(seconds=1)):
        assert outbox_deliver(outbox_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.next_attempt_at - first_retry >= dt.timedelta(seconds=20)  # the wait doubles
    with clock.frozen_at(row.next_attempt_at + dt.timedelta(seconds=1)):
        assert outbox_deliver(outbox_id=row.pk) == "sent"
    log = list(DeliveryAttempt.objects.filter(outbox=row).values_list("number", "status_code", "ok"))
    assert log == [(1, 500, False), (2, 500, False), (3, 200, True)]
    assert len(rec.calls) == 3 and all(c["verified"] for c in rec.calls)
    # Every try carries the same delivery id, so a receiver can drop a repeat.
    assert {c["headers"]["Amends-Delivery"] for c in rec.calls} == {str(row.pk)}


def test_every_subscriber_gets_a_row_with_the_configured_attempts_and_one_job(
        make_case: Callable[..., Case], receiver_factory: Callable[..., Receiver], settings: Any,
        monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any) -> None:
    from amends import jobs
    from amends.outbox.tasks import deliver_outbox_many

    settings.OUTBOX_MAX_ATTEMPTS = 3
    enqueued: list[tuple[Any, ...]] = []
    monkeypatch.setattr(jobs, "enqueue", lambda task, *args, **kwargs: enqueued.append((task, *args)))
    first, second = receiver_factory(events=["case.opened"]), receiver_factory()
    receiver_factory(events=["case.closed"])
    with django_capture_on_commit_callbacks(execute=True):
        make_case()
    rows = list(OutboxMessage.objects.filter(kind="webhook").order_by("id"))
    assert [r.endpoint for r in rows] == [first.url, second.url]
    assert {r.max_attempts for r in rows} == {3}
    assert len({r.event_id for r in rows}) == 1  # one event, delivered to each
    ids = [r.pk for r in rows]
    assert [job for job in enqueued if job[1:] == (ids,)] == [(deliver_outbox_many, ids)]  # one job for all
