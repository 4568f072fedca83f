"""The case and what hangs off it: messages, playbook steps and the immutable timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.lookups import IsNull


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    WEB = "web", "Web form"
    PHONE = "phone", "Phone"
    CHAT = "chat", "Chat"
    SOCIAL = "social", "Social media"
    SURVEY = "survey", "Survey"
    IN_PERSON = "in_person", "In person"
    API = "api", "API"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    WAITING_CUSTOMER = "waiting_customer", "Waiting on customer"
    CLOSED = "closed", "Closed"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


PRIORITY_RANK = {Priority.LOW: 1, Priority.NORMAL: 2, Priority.HIGH: 3, Priority.CRITICAL: 4}


class Outcome(models.TextChoices):
    RECOVERED = "recovered", "Recovered"
    NOT_RECOVERED = "not_recovered", "Not recovered"
    WOW = "wow", "Wow: more loyal than before"


# The queue's sort keys; selectors order by exactly these so that the indexes below match.
QUEUE_ORDER_KEYS = (F("priority_rank").desc(), IsNull(F("next_due_at"), True).asc(), F("next_due_at").asc(),
                    F("id").asc())


class Case(models.Model):
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.API)
    subject = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_cases")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    # Denormalised from priority so that the queue can sort on an index.
    priority_rank = models.PositiveSmallIntegerField(default=2)
    story = models.TextField(help_text="The customer's first account, verbatim.")
    salient_points = models.JSONField(default=list, blank=True)
    points_confirmed = models.BooleanField(default=False)
    desired_outcome = models.CharField(max_length=32, blank=True)
    analysis = models.JSONField(null=True, blank=True, help_text="The language engine's analysis at intake.")
    complaint_probability = models.FloatField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    anger = models.FloatField(null=True, blank=True)
    # Set when intake triaged with the fast analysis; the minute job refines the triage with the
    # full one (services.case_triage_refine_pending) and clears it.
    triage_pending = models.BooleanField(default=False, db_index=True)
    category = models.CharField(max_length=16, blank=True)
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    playbook = models.ForeignKey("playbooks.Playbook", null=True, on_delete=models.SET_NULL, related_name="+")
    agreed_resolution = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    root_cause = models.CharField(max_length=200, blank=True)
    opened_at = models.DateTimeField(db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The earliest due time among open steps; the queue's second sort key.
    next_due_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The queue's order (selectors.QUEUE_ORDER): most urgent first, then the nearest due
            # time with cases that have none after the others, then the oldest. "No due time" is
            # its own key rather than NULLS LAST, which SQLite cannot read from an index, so both
            # databases walk these in order and stop after a page instead of sorting the queue.
            models.Index(*QUEUE_ORDER_KEYS, name="case_queue_order_idx"),
            # "Mine", "unassigned" and one category, each read in order. Not partial indexes on the
            # working statuses: SQLite cannot match those against the bound parameters Django sends.
            models.Index(F("owner"), *QUEUE_ORDER_KEYS, name="case_owner_queue_idx"),
            models.Index(F("category"), *QUEUE_ORDER_KEYS, name="case_category_queue_idx"),
            models.Index(fields=["owner", "status"], name="case_owner_status_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject or self.customer.name}"


class Direction(models.TextChoices):
    INBOUND = "inbound", "From the customer"
    OUTBOUND = "outbound", "To the customer"
    NOTE = "note", "Internal note"


class Message(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    external_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    coaching = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class StepStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class CaseStep(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(max_length=64)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=StepStatus.choices, default=StepStatus.OPEN)
    target_minutes = models.PositiveIntegerField(default=1440)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    note = models.TextField(blank=True)
    skip_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "position"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="case_step_key_unique")]


class EventType(models.TextChoices):
    CASE_OPENED = "case_opened"
    TRIAGED = "triaged"
    TRIAGE_REFINED = "triage_refined"
    MESSAGE_RECEIVED = "message_received"
    REPLY_SENT = "reply_sent"
    NOTE_ADDED = "note_added"
    OWNER_ASSIGNED = "owner_assigned"
    PRIORITY_CHANGED = "priority_changed"
    STATUS_CHANGED = "status_changed"
    POINTS_CONFIRMED = "points_confirmed"
    STEP_COMPLETED = "step_completed"
    STEP_SKIPPED = "step_skipped"
    STEP_ADDED = "step_added"
    STEP_REOPENED = "step_reopened"
    RESOLUTION_AGREED = "resolution_agreed"
    REMEDY_PROPOSED = "remedy_proposed"
    REMEDY_AWAITS_APPROVAL = "remedy_awaits_approval"
    REMEDY_APPROVED = "remedy_approved"
    REMEDY_REJECTED = "remedy_rejected"
    REMEDY_DELIVERED = "remedy_delivered"
    TASK_CREATED = "task_created"
    TASK_COMPLETED = "task_completed"
    FOLLOW_UP_SCHEDULED = "follow_up_scheduled"
    FOLLOW_UP_SENT = "follow_up_sent"
    SURVEY_ANSWERED = "survey_answered"
    SLA_WARNING = "sla_warning"
    SLA_BREACHED = "sla_breached"
    ESCALATED = "escalated"
    EMAIL_SENT = "email_sent"
    EMAIL_FAILED = "email_failed"
    SLA_PAUSED = "sla_paused"
    SLA_RESUMED = "sla_resumed"
    TASK_ASSIGNED = "task_assigned"
    TASK_REMINDED = "task_reminded"
    CASE_CLOSED = "case_closed"
    CASE_REOPENED = "case_reopened"


class ImmutableEvent(Exception):
    pass


class CaseEvent(models.Model):
    """One thing that happened to a case. Written once, never changed or deleted alone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=32, choices=EventType.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="case_event_case_time_idx")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableEvent("Timeline events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableEvent("Timeline events cannot be deleted.")
