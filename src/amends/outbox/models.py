"""Outbound deliveries (email and webhooks) and inbound email, stored before anything is sent or read.

An ``OutboxMessage`` is written in the same transaction as the change that causes it, so a crash
or a down SMTP server can delay a delivery but never lose it. A worker *claims* a row by setting
``claimed_until`` (a lease); a worker killed mid-delivery leaves a lease that simply runs out,
and the next worker takes the row again. Each try is logged in ``DeliveryAttempt``.
"""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    EMAIL = "email", "Email"
    WEBHOOK = "webhook", "Webhook"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (gave up)"
    CANCELLED = "cancelled", "Cancelled"


class OutboxMessage(models.Model):
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    purpose = models.CharField(max_length=40, blank=True,
                               help_text="Why it is sent: reply, survey, agreement, sla_warning, escalation...")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox")
    # Email.
    to_address = models.CharField(max_length=320, blank=True)
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    reply_message = models.ForeignKey("cases.Message", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", help_text="The desk reply this email carries.")
    # Webhook.
    endpoint = models.URLField(max_length=1000, blank=True)
    subscription_id = models.PositiveBigIntegerField(null=True, blank=True)
    event_type = models.CharField(max_length=64, blank=True)
    event_id = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(null=True, blank=True)
    # Delivery state.
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=12)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "outbox message"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        what = self.subject if self.kind == Kind.EMAIL else self.event_type
        return f"{self.kind} #{self.pk}: {what}"


class DeliveryAttempt(models.Model):
    """One try at delivering an outbox message: the delivery log."""

    outbox = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="delivery_attempts")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    worker = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["outbox", "number", "id"]


class InboundStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    THREADED = "threaded", "Added to a case"
    OPENED = "opened", "Opened a new case"
    FAILED = "failed", "Failed"


class InboundEmail(models.Model):
    """A raw inbound email, kept exactly as received before it is parsed and threaded."""

    raw = models.BinaryField()
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=InboundStatus.choices, default=InboundStatus.RECEIVED)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    case_message = models.ForeignKey("cases.Message", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    error = models.TextField(blank=True)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["-id"]
