"""A remedy on a case, and the catalogue agents pick remedies from."""

from django.conf import settings
from django.db import models


class RemedyKind(models.TextChoices):
    REFUND = "refund", "Refund"
    REPLACEMENT = "replacement", "Replacement"
    REPAIR = "repair", "Repair"
    DISCOUNT = "discount", "Discount"
    VOUCHER = "voucher", "Voucher"
    COMPLIMENTARY = "complimentary", "Complimentary item"
    OTHER = "other", "Other"


class RemedyStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PENDING_APPROVAL = "pending_approval", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    DELIVERED = "delivered", "Delivered"


class CatalogueItem(models.Model):
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=RemedyKind.choices)
    default_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    description = models.CharField(max_length=300, blank=True)
    is_extra = models.BooleanField(default=False, help_text="Suggested as a goodwill gesture beyond the fix.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Remedy(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=16, choices=RemedyKind.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    extra = models.BooleanField(default=False)
    description = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=RemedyStatus.choices, default=RemedyStatus.PROPOSED)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    decision_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="remedy_status_idx")]
