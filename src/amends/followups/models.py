"""A scheduled check with the customer after the fix, and their answers to the short survey."""

from django.db import models


class FollowUpStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    SENT = "sent", "Sent"
    ANSWERED = "answered", "Answered"
    CANCELLED = "cancelled", "Cancelled"


class FollowUp(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="follow_ups")
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.SCHEDULED)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]


class SurveyResponse(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="survey_responses")
    follow_up = models.ForeignKey(FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses")
    satisfaction = models.PositiveSmallIntegerField(help_text="1 to 5")
    would_recommend = models.PositiveSmallIntegerField(help_text="0 to 10")
    will_return = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
