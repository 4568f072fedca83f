"""Writes for remedies: propose (approved at once within authority), approve, reject, deliver."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction

from amends.accounts.authority import authority_covers, may_approve
from amends.accounts.models import User
from amends.cases import events
from amends.cases.models import Case, EventType, Status
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput, NotPermitted
from amends.core.money import to_money
from amends.remedies.models import CatalogueItem, Remedy, RemedyKind, RemedyStatus


def _payload(remedy: Remedy) -> dict[str, object]:
    return {"remedy_id": remedy.pk, "kind": remedy.kind, "value": str(remedy.value),
            "currency": remedy.currency, "extra": remedy.extra, "description": remedy.description}


@transaction.atomic
def remedy_propose(
    *, case: Case, actor: User, kind: str, value: Decimal | str | int | float, currency: str | None = None,
    extra: bool = False, description: str = "",
) -> Remedy:
    """Record a proposed remedy; approve it at once when it is within the actor's authority."""
    if case.status == Status.CLOSED:
        raise Conflict(f"Case {case.pk} is closed.")
    if kind not in RemedyKind.values:
        raise InvalidInput(f"Unknown remedy kind {kind!r}; use one of {', '.join(RemedyKind.values)}.")
    amount = to_money(value)
    currency = (currency or settings.CURRENCY).upper()
    if len(currency) != 3 or not (currency.isascii() and currency.isalpha()):
        raise InvalidInput("currency must be a three-letter code such as EUR.")
    remedy = Remedy.objects.create(
        case=case, kind=kind, value=amount, currency=currency, extra=bool(extra),
        description=(description or "")[:500], proposer=actor, status=RemedyStatus.PROPOSED,
        created_at=clock.now(),
    )
    events.record(case=case, type=EventType.REMEDY_PROPOSED, actor=actor, **_payload(remedy))
    if authority_covers(actor, amount):
        _approve(remedy, actor, note="within the proposer's authority", within_authority=True)
    else:
        remedy.status = RemedyStatus.PENDING_APPROVAL
        remedy.save(update_fields=["status"])
        events.record(case=case, type=EventType.REMEDY_AWAITS_APPROVAL, actor=actor,
                      limit=str(actor.remedy_limit), **_payload(remedy))
    return remedy


def _approve(remedy: Remedy, actor: User, note: str, *, within_authority: bool = False) -> None:
    """Approve; ``within_authority``: approved on proposal, the value being within the proposer's own limit."""
    remedy.status = RemedyStatus.APPROVED
    remedy.approver = actor
    remedy.decided_at = clock.now()
    remedy.decision_note = note[:500]
    remedy.save(update_fields=["status", "approver", "decided_at", "decision_note"])
    events.record(case=remedy.case, type=EventType.REMEDY_APPROVED, actor=actor, note=note,
                  within_authority=within_authority, **_payload(remedy))


def _lock_pending(remedy: Remedy, actor: User) -> Remedy:
    remedy = Remedy.objects.select_for_update().select_related("case").get(pk=remedy.pk)
    if not may_approve(actor, remedy.value):
        raise NotPermitted(
            f"{actor.username} may not decide on a remedy of {remedy.value} {remedy.currency}; "
            "a manager or someone whose limit covers it must."
        )
    if remedy.status != RemedyStatus.PENDING_APPROVAL:
        raise Conflict(f"Remedy {remedy.pk} is {remedy.status}, not waiting for approval.")
    return remedy


@transaction.atomic
def remedy_approve(*, remedy: Remedy, actor: User, note: str = "") -> Remedy:
    remedy = _lock_pending(remedy, actor)
    _approve(remedy, actor, note)
    return remedy


@transaction.atomic
def remedy_reject(*, remedy: Remedy, actor: User, note: str = "") -> Remedy:
    remedy = _lock_pending(remedy, actor)
    remedy.status = RemedyStatus.REJECTED
    remedy.approver = actor
    remedy.decided_at = clock.now()
    remedy.decision_note = (note or "")[:500]
    remedy.save(update_fields=["status", "approver", "decided_at", "decision_note"])
    events.record(case=remedy.case, type=EventType.REMEDY_REJECTED, actor=actor, note=remedy.decision_note,
                  **_payload(remedy))
    return remedy


@transaction.atomic
def remedy_deliver(*, remedy: Remedy, actor: User) -> Remedy:
    remedy = Remedy.objects.select_for_update().select_related("case").get(pk=remedy.pk)
    if remedy.status != RemedyStatus.APPROVED:
        raise Conflict(f"Only an approved remedy can be delivered; this one is {remedy.status}.")
    remedy.status = RemedyStatus.DELIVERED
    remedy.delivered_at = clock.now()
    remedy.save(update_fields=["status", "delivered_at"])
    events.record(case=remedy.case, type=EventType.REMEDY_DELIVERED, actor=actor, **_payload(remedy))
    return remedy


@transaction.atomic
def catalogue_item_save(
    *, item: CatalogueItem | None, actor: User, name: str, kind: str, default_value: Decimal | str,
    description: str = "", is_extra: bool = False, active: bool = True,
) -> CatalogueItem:
    """Create or change a catalogue entry (managers configure what agents can offer)."""
    if not actor.is_manager:
        raise NotPermitted("Only managers change the remedy catalogue.")
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A catalogue entry needs a name.")
    if kind not in RemedyKind.values:
        raise InvalidInput(f"Unknown remedy kind {kind!r}.")
    item = item or CatalogueItem()
    item.name = name[:120]
    item.kind = kind
    item.default_value = to_money(default_value, field="default_value")
    item.description = (description or "")[:300]
    item.is_extra = bool(is_extra)
    item.active = bool(active)
    item.save()
    return item
