"""SLA configuration (calendars with hours and holidays, policies per priority) and each case's clock."""

from __future__ import annotations

from django.db import models

from amends.cases.models import Priority


class Calendar(models.Model):
    """Business hours in one time zone; a team's calendar, or the default for everyone else.

    A calendar without any hours counts every minute (24/7). With no calendar at all, SLA clocks
    run on wall-clock time.
    """

    name = models.CharField(max_length=100, unique=True)
    timezone = models.CharField(max_length=64, default="UTC", help_text="An IANA zone such as Europe/Paris.")
    team = models.OneToOneField("accounts.Team", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="calendar")
    is_default = models.BooleanField(default=False, help_text="Used for cases whose owner has no team calendar.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField(help_text="00:00 means midnight at the end of the day.")

    class Meta:
        ordering = ["calendar", "weekday", "opens"]
        verbose_name_plural = "opening hours"


class Holiday(models.Model):
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["calendar", "date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="sla_holiday_unique")]


class SlaPolicy(models.Model):
    """Targets for one priority, in business minutes."""

    priority = models.CharField(max_length=10, choices=Priority.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField(help_text="First reply to the customer.")
    resolution_minutes = models.PositiveIntegerField(help_text="Case closed.")
    step_target_percent = models.PositiveIntegerField(
        default=100, help_text="Each playbook step's own target, scaled (50 halves it for this priority).")
    follow_up_delay_minutes = models.PositiveIntegerField(default=3 * 24 * 60,
                                                          help_text="From the fix to the follow-up survey.")
    warning_percent = models.PositiveSmallIntegerField(default=75,
                                                       help_text="Warn the owner when this share of a target is used.")
    second_escalation_minutes = models.PositiveIntegerField(
        default=240, help_text="After a breach reaches the owner's manager, when it goes one level up.")

    class Meta:
        verbose_name = "SLA policy"
        verbose_name_plural = "SLA policies"

    def __str__(self) -> str:
        return f"SLA for {self.priority} priority"


class CaseClock(models.Model):
    """A case's SLA state: pause, first-response and resolution targets, and what was already sent.

    ``next_check_at`` is the next moment anything can happen (a warning, a breach, an escalation);
    the minute sweep only looks at clocks whose moment has come, so it stays fast with many cases.
    ``marks`` keeps, per target, when it was warned, breached and escalated, so a sweep that runs
    twice does nothing twice.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="sla_clock")
    active = models.BooleanField(default=True)
    paused_since = models.DateTimeField(null=True, blank=True)
    paused_minutes = models.FloatField(default=0, help_text="Business minutes spent waiting on the customer.")
    first_response_due_at = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)
    marks = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["active", "next_check_at"], name="sla_clock_due_idx")]
