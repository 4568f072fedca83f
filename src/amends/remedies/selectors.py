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


def remedies_awaiting_approval(*, actor: User) -> QuerySet[Remedy]:
    return (Remedy.objects.filter(status=RemedyStatus.PENDING_APPROVAL)
            .select_related("case", "case__customer", "proposer").order_by("created_at"))


def catalogue(*, active_only: bool = True) -> QuerySet[CatalogueItem]:
    qs = CatalogueItem.objects.all()
    return qs.filter(active=True) if active_only else qs
