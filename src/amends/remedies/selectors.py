"""Reads for remedies: the approvals inbox and the catalogue."""

from __future__ import annotations

from django.db.models import QuerySet

from amends.accounts.models import User
from amends.core.errors import NotFound
from amends.remedies.models import CatalogueItem, Remedy, RemedyStatus


def remedy_get(*, remedy_id: int, actor: User) -> Remedy:
    remedy = Remedy.objects.select_related("case", "proposer", "approver").filter(pk=remedy_id).first()
    if remedy is None:
        raise NotFound(f"No remedy {remedy_id}.")
    return remedy


def pending_remedies() -> QuerySet[Remedy]:
    """Remedies waiting for a manager's decision: the approvals inbox, its badge, and the queue's and
    team board's "awaiting approval" all count from this."""
    return Remedy.objects.filter(status=RemedyStatus.PENDING_APPROVAL)


def remedies_awaiting_approval(*, actor: User) -> QuerySet[Remedy]:
    return pending_remedies().select_related("case", "case__customer", "proposer").order_by("created_at")


def catalogue(*, active_only: bool = True) -> QuerySet[CatalogueItem]:
    qs = CatalogueItem.objects.all()
    return qs.filter(active=True) if active_only else qs


def cases_with_pending_remedies(*, case_ids: list[int]) -> set[int]:
    """Which of these cases have a remedy waiting for a manager (queue badges)."""
    return set(pending_remedies().filter(case_id__in=case_ids).values_list("case_id", flat=True))


def pending_approval_count() -> int:
    return pending_remedies().count()


def catalogue_item_get(*, item_id: int) -> CatalogueItem:
    item = CatalogueItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound(f"No catalogue entry {item_id}.")
    return item
