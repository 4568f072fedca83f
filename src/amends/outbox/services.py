"""Writes for the outbox: queue an email or a webhook, deliver one row, sweep, receive inbound email.

Delivery is at-least-once with the duplicate window shrunk to almost nothing: a row is claimed
with a lease before anything is sent, marked sent right after the transport accepts it, and
carries a fixed identity (the email's Message-ID, the webhook's delivery id) so a receiver can
recognise the rare repeat after a crash between "accepted" and "marked sent".
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import os
import re
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags

from amends.cases import events
from amends.cases.models import Case, Channel, Direction, EventType, Message
from amends.core import clock
from amends.outbox.models import (
    DeliveryAttempt,
    DeliveryStatus,
    InboundEmail,
    InboundStatus,
    Kind,
    OutboxMessage,
)

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600


class DeliveryError(Exception):
    """A transport could not deliver; ``status_code`` is the receiver's answer when there was one."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


# A transport delivers one claimed row or raises DeliveryError. Email is built in; the webhooks
# app registers its own from its AppConfig.ready.
Transport = Callable[[OutboxMessage], int | None]
_transports: dict[str, Transport] = {}


def register_transport(kind: str, transport: Transport) -> None:
    _transports[kind] = transport


def _enqueue_delivery(outbox_id: int, *, delay: float | None = None) -> None:
    from amends.jobs import enqueue, enqueue_on_commit
    from amends.outbox.tasks import deliver_outbox

    if delay is None:
        enqueue_on_commit(deliver_outbox, outbox_id)
    else:
        enqueue(deliver_outbox.schedule, args=(outbox_id,), delay=max(delay, 0.0))


# -- email ---------------------------------------------------------------------------------------

def _mail_domain() -> str:
    address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def new_message_id(case: Case | None) -> str:
    return email.utils.make_msgid(idstring=f"amends.case{case.pk}" if case else "amends", domain=_mail_domain())


def _email_row(*, to: str, subject: str, body: str, purpose: str, case: Case | None, in_reply_to: str = "",
               references: Iterable[str] = (), reply_message: Message | None = None) -> OutboxMessage:
    now = clock.now()
    return OutboxMessage(
        kind=Kind.EMAIL, purpose=purpose[:40], case=case, to_address=to[:320],
        from_address=settings.DEFAULT_FROM_EMAIL[:320], subject=" ".join(subject.split())[:300], body=body,
        message_id=new_message_id(case), in_reply_to=in_reply_to[:255], references=" ".join(references),
        reply_message=reply_message, max_attempts=settings.OUTBOX_MAX_ATTEMPTS, next_attempt_at=now,
        created_at=now,
    )


@transaction.atomic
def email_queue(*, to: str, subject: str, body: str, purpose: str, case: Case | None = None,
                in_reply_to: str = "", references: Iterable[str] = (),
                reply_message: Message | None = None) -> OutboxMessage:
    """Write one email to the outbox; it is sent after this transaction commits."""
    row = _email_row(to=to, subject=subject, body=body, purpose=purpose, case=case, in_reply_to=in_reply_to,
                     references=references, reply_message=reply_message)
    row.save()
    _enqueue_delivery(row.pk)
    return row


@dataclass(frozen=True)
class Notification:
    """One internal email (warning, escalation) for ``email_queue_many``."""

    to: str
    subject: str
    body: str
    purpose: str
    case: Case | None = None


@transaction.atomic
def email_queue_many(*, notifications: list[Notification]) -> list[OutboxMessage]:
    """Write many emails in one insert (the SLA sweep's bursts); one job delivers them after commit.

    One job for the lot keeps a burst of escalations from costing one queue write each; every
    row is still claimed and retried on its own, and the outbox sweep catches a lost job.
    """
    if not notifications:
        return []
    rows = OutboxMessage.objects.bulk_create([
        _email_row(to=n.to, subject=n.subject, body=n.body, purpose=n.purpose, case=n.case) for n in notifications])
    _enqueue_many(rows)
    return rows


def _enqueue_many(rows: list[OutboxMessage]) -> None:
    """One job for rows written together, after commit."""
    ids = [row.pk for row in rows]
    if all(ids):  # a database that does not return ids from bulk inserts leaves them to the sweep
        from amends.jobs import enqueue_on_commit
        from amends.outbox.tasks import deliver_outbox_many

        enqueue_on_commit(deliver_outbox_many, ids)


def case_subject(case: Case) -> str:
    """Subjects carry the case number so a reply can be threaded even without headers."""
    return f"{case.subject or 'Your message'} [Case #{case.pk}]"


def thread_ids(case: Case) -> tuple[str, list[str]]:
    """(In-Reply-To, References) for the next email on a case: the customer's last email, else ours."""
    known: list[tuple[dt.datetime, str, bool]] = []
    for mid, at in InboundEmail.objects.filter(case=case).exclude(message_id="").values_list(
            "message_id", "received_at"):
        known.append((at, mid, True))
    for out_id, out_at in OutboxMessage.objects.filter(case=case, kind=Kind.EMAIL).exclude(
            message_id=None).values_list("message_id", "created_at"):
        if out_id:
            known.append((out_at, out_id, False))
    known.sort()
    ids = list(dict.fromkeys(mid for _, mid, _ in known))
    if len(ids) > 20:
        ids = ids[:1] + ids[-19:]  # the root plus the recent chain, as mail clients do
    inbound = [mid for _, mid, is_in in known if is_in]
    in_reply_to = inbound[-1] if inbound else (ids[-1] if ids else "")
    return in_reply_to, ids


@transaction.atomic
def email_for_reply(*, message: Message) -> OutboxMessage | None:
    """Queue the email that carries a desk reply to the customer (none when we have no address)."""
    case = message.case
    to = case.customer.email
    if not to or message.direction != Direction.OUTBOUND:
        return None
    in_reply_to, references = thread_ids(case)
    body = (f"{message.body}\n\n--\nCase #{case.pk}. Reply to this email to continue the conversation; "
            "your answer goes straight to the person handling your case.\n")
    return email_queue(to=to, subject=f"Re: {case_subject(case)}", body=body, purpose="reply", case=case,
                       in_reply_to=in_reply_to, references=references, reply_message=message)


def email_to_customer(*, case: Case, subject: str, body: str, purpose: str) -> OutboxMessage | None:
    """Queue a notification to the case's customer, threaded with the rest of the conversation."""
    to = case.customer.email
    if not to:
        return None
    in_reply_to, references = thread_ids(case)
    return email_queue(to=to, subject=subject, body=body, purpose=purpose, case=case, in_reply_to=in_reply_to,
                       references=references)


def build_email(row: OutboxMessage) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = row.from_address
    msg["To"] = row.to_address
    msg["Subject"] = row.subject
    msg["Date"] = email.utils.format_datetime(row.created_at)
    msg["Message-ID"] = row.message_id or ""
    if row.in_reply_to:
        msg["In-Reply-To"] = row.in_reply_to
    if row.references:
        msg["References"] = row.references
    if row.case_id:
        msg["X-Amends-Case"] = str(row.case_id)
    if row.purpose != "reply":
        msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row.body)
    return msg


def _smtp_send(row: OutboxMessage) -> int | None:
    from amends.outbox.smtp import send_via_url

    msg = build_email(row)
    if not settings.SMTP_URL:
        # No SMTP server configured (a laptop demo): keep the message as a file under var/mail/.
        folder = settings.VAR_DIR / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{row.pk}.eml").write_bytes(msg.as_bytes())
        return None
    try:
        send_via_url(settings.SMTP_URL, msg)
    except DeliveryError:
        raise
    except Exception as exc:  # noqa: BLE001 - every SMTP/socket failure is a retryable delivery error
        raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
    return None


register_transport(Kind.EMAIL, _smtp_send)


# -- webhooks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WebhookDelivery:
    """One signed POST of an event to one subscription, for ``webhook_queue_many``."""

    subscription_id: int
    endpoint: str
    event_type: str
    event_id: str
    payload: dict[str, Any]
    case: Case | None = None


@transaction.atomic
def webhook_queue_many(*, deliveries: list[WebhookDelivery]) -> list[OutboxMessage]:
    """Write an event's webhook deliveries in one insert; one job sends them after commit.

    The webhooks app's transport (registered in its AppConfig.ready) signs and posts each row;
    as for email, every row is claimed and retried on its own.
    """
    if not deliveries:
        return []
    now = clock.now()
    rows = OutboxMessage.objects.bulk_create([
        OutboxMessage(kind=Kind.WEBHOOK, purpose="webhook", case=d.case, endpoint=d.endpoint,
                      subscription_id=d.subscription_id, event_type=d.event_type, event_id=d.event_id,
                      payload=d.payload, max_attempts=settings.OUTBOX_MAX_ATTEMPTS, next_attempt_at=now,
                      created_at=now)
        for d in deliveries])
    _enqueue_many(rows)
    return rows


# -- delivery ------------------------------------------------------------------------------------

def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff_seconds(attempts: int) -> float:
    """First retry after OUTBOX_RETRY_SECONDS, doubling, at most an hour apart."""
    return float(min(settings.OUTBOX_RETRY_SECONDS * (2 ** max(attempts - 1, 0)), MAX_BACKOFF_SECONDS))


def _claim(outbox_id: int) -> tuple[OutboxMessage, str] | None:
    now = clock.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        claimed = OutboxMessage.objects.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            pk=outbox_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now,
        ).update(claimed_until=now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS), claim_token=token)
        if not claimed:
            return None
        row = OutboxMessage.objects.get(pk=outbox_id)
        row.attempts += 1
        row.save(update_fields=["attempts"])
    return row, token


def outbox_deliver(*, outbox_id: int) -> str:
    """Deliver one outbox row if it is due and nobody holds it; returns what happened.

    Safe to call any number of times, from any number of workers: only the holder of a live
    claim sends, and a sent row is never sent again.
    """
    claim = _claim(outbox_id)
    if claim is None:
        return "skipped"
    row, token = claim
    transport = _transports.get(row.kind)
    started = clock.now()
    status_code: int | None = None
    error = ""
    try:
        if transport is None:
            raise DeliveryError(f"No transport for {row.kind!r} deliveries.")
        status_code = transport(row)
    except DeliveryError as exc:
        error, status_code = str(exc)[:2000] or type(exc).__name__, exc.status_code
    except Exception as exc:  # noqa: BLE001 - a bug in a transport must not lose the row
        log.exception("Outbox transport failed for #%s", row.pk)
        error = f"{type(exc).__name__}: {exc}"[:2000]
    return _record_result(row, token, started, status_code, error)


@transaction.atomic
def _record_result(row: OutboxMessage, token: str, started: dt.datetime, status_code: int | None,
                   error: str) -> str:
    now = clock.now()
    DeliveryAttempt.objects.create(outbox=row, number=row.attempts, started_at=started, finished_at=now,
                                   ok=not error, status_code=status_code, error=error, worker=_worker_name())
    current = OutboxMessage.objects.select_for_update().get(pk=row.pk)
    if current.claim_token != token or current.status != DeliveryStatus.PENDING:
        return "lost-claim"  # our lease ran out and another worker took over; it owns the result
    current.claimed_until = None
    current.claim_token = ""
    current.last_status_code = status_code
    if not error:
        current.status = DeliveryStatus.SENT
        current.sent_at = now
        current.last_error = ""
        current.save()
        if current.case is not None and current.kind == Kind.EMAIL:
            events.record(case=current.case, type=EventType.EMAIL_SENT, actor=None, outbox_id=current.pk,
                          purpose=current.purpose, to=current.to_address, message_id=current.message_id)
        return "sent"
    current.last_error = error
    if current.attempts >= current.max_attempts:
        current.status = DeliveryStatus.FAILED
        current.save()
        if current.case is not None and current.kind == Kind.EMAIL:
            events.record(case=current.case, type=EventType.EMAIL_FAILED, actor=None, outbox_id=current.pk,
                          purpose=current.purpose, to=current.to_address, error=error[:300])
        return "failed"
    delay = backoff_seconds(current.attempts)
    current.next_attempt_at = now + dt.timedelta(seconds=delay)
    current.save()
    transaction.on_commit(lambda: _enqueue_delivery(current.pk, delay=delay))
    return "retry"


def outbox_sweep(*, limit: int = 1000) -> int:
    """Enqueue pending rows that are due and unclaimed (lost enqueues, expired leases, retries).

    Runs every minute; a row must have been due for OUTBOX_SWEEP_GRACE_SECONDS so that rows whose
    own job is merely still queued are not enqueued twice (a double enqueue is harmless anyway).
    """
    from amends.jobs import enqueue
    from amends.outbox.tasks import deliver_outbox

    now = clock.now()
    due_before = now - dt.timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    ids = list(
        OutboxMessage.objects.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
                                     status=DeliveryStatus.PENDING, next_attempt_at__lte=due_before)
        .order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )
    for outbox_id in ids:
        enqueue(deliver_outbox, outbox_id)
    return len(ids)


@transaction.atomic
def outbox_retry_now(*, outbox: OutboxMessage) -> OutboxMessage:
    """Put a failed or waiting row back to the front (the admin's "retry now")."""
    row = OutboxMessage.objects.select_for_update().get(pk=outbox.pk)
    if row.status not in (DeliveryStatus.PENDING, DeliveryStatus.FAILED):
        return row
    row.status = DeliveryStatus.PENDING
    row.next_attempt_at = clock.now()
    if row.attempts >= row.max_attempts:
        row.max_attempts = row.attempts + 1
    row.save()
    _enqueue_delivery(row.pk)
    return row


# -- inbound email -------------------------------------------------------------------------------

_CASE_TAG = re.compile(r"\[Case #(\d+)\]", re.IGNORECASE)
_QUOTE_HEADER = re.compile(r"^\s*(On .{0,200}wrote:|-----Original Message-----|Le .{0,200}a écrit\s*:)\s*$",
                           re.IGNORECASE | re.MULTILINE)
_ID = re.compile(r"<[^<>\s]+>")


def _text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_subtype() == "html":
        text = strip_tags(text)
    return str(text)


def strip_quoted(text: str) -> str:
    """The new part of a reply: cut at the "On ... wrote:" line and drop '>' quoted lines."""
    match = _QUOTE_HEADER.search(text)
    if match:
        text = text[: match.start()]
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = str(msg.get(name, ""))
    except Exception:  # noqa: BLE001 - a malformed header reads as missing, not as a crash
        return ""
    return value.replace("\x00", "")


def _not_an_email(msg: EmailMessage) -> str:
    """Why the bytes are not an email we can answer ('' when they are one)."""
    if not msg.keys():
        return "The data is not an email: it has no headers."
    if "@" not in email.utils.parseaddr(_header(msg, "From"))[1]:
        return "The email has no sender address in its From header."
    return ""


def inbound_email_receive(*, raw: bytes) -> InboundEmail:
    """Store a raw inbound email and thread it (see ``inbound_email_take``); returns the stored row."""
    return inbound_email_take(raw=raw)[0]


def inbound_email_take(*, raw: bytes) -> tuple[InboundEmail, bool]:
    """Store a raw inbound email, then thread it onto its case (or open a new case).

    Returns the row and whether it was stored now (False: the same Message-ID was taken before).

    The raw bytes are committed before anything parses them, so a failure in threading leaves
    the message on file with its error, ready to be processed again. Empty or oversized data
    is refused outright (InvalidInput, PayloadTooLarge); data that is not an email we can answer
    is kept as a failed inbound email, for an admin to look at, and refused with InvalidInput.
    """
    from amends.core.errors import InvalidInput, PayloadTooLarge

    if not isinstance(raw, bytes | bytearray) or not bytes(raw).strip():
        raise InvalidInput("The inbound email is empty.")
    limit = settings.INBOUND_EMAIL_MAX_BYTES
    if len(raw) > limit:
        raise PayloadTooLarge(f"The inbound email is larger than the limit of {limit} bytes.")
    msg = BytesParser(policy=policy.default).parsebytes(bytes(raw))
    message_id = (_ID.findall(_header(msg, "Message-ID")) or [""])[0][:255]
    problem = _not_an_email(msg)  # type: ignore[arg-type]
    if message_id and not problem:
        seen = InboundEmail.objects.filter(message_id=message_id).exclude(status=InboundStatus.FAILED).first()
        if seen is not None:
            return seen, False  # the same email delivered twice is one message
    with transaction.atomic():
        inbound = InboundEmail.objects.create(
            raw=bytes(raw), message_id=message_id,
            in_reply_to=(_ID.findall(_header(msg, "In-Reply-To")) or [""])[0][:255],
            references=" ".join(_ID.findall(_header(msg, "References"))),
            from_address=email.utils.parseaddr(_header(msg, "From"))[1][:320],
            subject=_header(msg, "Subject")[:300], received_at=clock.now(),
            status=InboundStatus.FAILED if problem else InboundStatus.RECEIVED, error=problem,
        )
    if problem:
        raise InvalidInput(f"{problem} It was kept as inbound email #{inbound.pk}.",
                           details={"inbound_id": inbound.pk})
    try:
        return inbound_email_process(inbound=inbound, msg=msg), True  # type: ignore[arg-type]
    except Exception as exc:
        InboundEmail.objects.filter(pk=inbound.pk).update(status=InboundStatus.FAILED,
                                                         error=f"{type(exc).__name__}: {exc}"[:2000])
        raise


def _case_for(inbound: InboundEmail) -> Case | None:
    ids = [i for i in [inbound.in_reply_to, *reversed(inbound.references.split())] if i]
    for mid in ids:
        case_id = (OutboxMessage.objects.filter(message_id=mid).values_list("case_id", flat=True).first()
                   or InboundEmail.objects.filter(message_id=mid).exclude(case=None)
                   .values_list("case_id", flat=True).first())
        if case_id:
            return Case.objects.filter(pk=case_id).first()
    tag = _CASE_TAG.search(inbound.subject)
    if tag and inbound.from_address:
        # A subject tag alone is trusted only from the case's own customer.
        return Case.objects.filter(pk=int(tag.group(1)), customer__email__iexact=inbound.from_address).first()
    return None


@transaction.atomic
def inbound_email_process(*, inbound: InboundEmail, msg: EmailMessage | None = None) -> InboundEmail:
    from amends.cases.services import case_open, message_add

    inbound = InboundEmail.objects.select_for_update().get(pk=inbound.pk)
    if inbound.status in (InboundStatus.THREADED, InboundStatus.OPENED):
        return inbound
    if msg is None:
        msg = BytesParser(policy=policy.default).parsebytes(bytes(inbound.raw))  # type: ignore[assignment]
    assert msg is not None
    body = strip_quoted(_text_of(msg)) or "(The email had no text.)"
    external_id = f"email:{inbound.message_id}" if inbound.message_id else f"email:inbound-{inbound.pk}"
    case = _case_for(inbound)
    if case is not None:
        message, _ = message_add(case=case, direction=Direction.INBOUND, body=body, actor=None,
                                 external_id=external_id)
        inbound.status = InboundStatus.THREADED
    else:
        name = email.utils.parseaddr(_header(msg, "From"))[0]
        case, _ = case_open(actor=None, customer_name=name, customer_email=inbound.from_address,
                            channel=Channel.EMAIL, message=body, external_id=external_id,
                            subject=re.sub(r"^\s*((re|fwd?|aw|tr)\s*:\s*)+", "", inbound.subject, flags=re.I))
        message = case.messages.order_by("id").first()  # type: ignore[assignment]
        inbound.status = InboundStatus.OPENED
    inbound.case = case
    inbound.case_message = message
    inbound.error = ""
    inbound.save()
    return inbound
