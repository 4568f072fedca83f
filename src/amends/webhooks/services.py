"""Webhook writes: turn timeline events into signed deliveries in the outbox, and send them.

Which timeline events become webhooks, and under which name, is ``EVENT_NAMES``. The delivery
rows are written in the transaction that recorded the event and sent by the outbox worker with
its retries and delivery log.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from amends.cases.models import Case, CaseEvent, EventType
from amends.core.cache import ProcessCache
from amends.outbox.models import Kind, OutboxMessage
from amends.outbox.services import DeliveryError, WebhookDelivery, register_transport, webhook_queue_many
from amends.webhooks import signing
from amends.webhooks.models import WebhookSubscription

EVENT_NAMES: dict[str, str] = {
    EventType.CASE_OPENED: "case.opened",
    EventType.STEP_COMPLETED: "step.completed",
    EventType.REMEDY_AWAITS_APPROVAL: "remedy.pending_approval",
    EventType.REMEDY_APPROVED: "remedy.approved",
    EventType.SLA_BREACHED: "sla.breached",
    EventType.ESCALATED: "case.escalated",
    EventType.SURVEY_ANSWERED: "survey.answered",
    EventType.CASE_CLOSED: "case.closed",
    EventType.CASE_REOPENED: "case.reopened",
}
TIMEOUT_SECONDS = 10


def _case_summary(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "status": case.status, "priority": case.priority, "subject": case.subject,
            "channel": case.channel, "owner": case.owner.username if case.owner else None,
            "customer": {"name": case.customer.name, "email": case.customer.email}}


# Every new case is a "case.opened" event, and subscribers change rarely: the active ones are kept
# per process (amends.core.cache; cleared by the signals in apps.py).
SUBSCRIBERS: ProcessCache[list[WebhookSubscription]] = ProcessCache("webhook-subscribers")


def active_subscriptions() -> list[WebhookSubscription]:
    return SUBSCRIBERS.get(None, lambda: list(WebhookSubscription.objects.filter(active=True).order_by("id")))


def webhook_on_event(event: CaseEvent) -> None:
    """Subscribed to the timeline: one outbox row per interested subscriber, written together."""
    name = EVENT_NAMES.get(event.type)
    if name is None:
        return
    subscribers = [s for s in active_subscriptions() if s.wants(name)]
    if not subscribers:
        return
    event_id = f"evt_{uuid.uuid4().hex}"
    payload = {"id": event_id, "type": name, "created_at": event.created_at.isoformat(),
               "data": {"case": _case_summary(event.case), "event": event.payload}}
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    webhook_queue_many(deliveries=[
        WebhookDelivery(subscription_id=sub.pk, endpoint=sub.url, event_type=name, event_id=event_id,
                        payload=payload, case=event.case)
        for sub in subscribers])


def deliver_webhook(row: OutboxMessage) -> int | None:
    """POST the signed JSON; a 2xx answer is delivered, anything else is retried."""
    sub = (WebhookSubscription.objects.filter(pk=row.subscription_id).first()
           if row.subscription_id is not None else None)
    if sub is None or not sub.active:
        raise DeliveryError("The subscription was removed or switched off.")
    body = json.dumps(row.payload, separators=(",", ":"), sort_keys=True).encode()
    request = urllib.request.Request(row.endpoint or sub.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "Amends-Webhooks/1",
        signing.HEADER: signing.sign(sub.secret, body), "Amends-Event": row.event_type,
        "Amends-Event-Id": row.event_id, "Amends-Delivery": str(row.pk),
    })
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - the admin's URL
            return int(response.status)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"The receiver answered HTTP {exc.code}.", status_code=exc.code) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeliveryError(f"Could not reach the receiver: {exc}") from exc


register_transport(Kind.WEBHOOK, deliver_webhook)
