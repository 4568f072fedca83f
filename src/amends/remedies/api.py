"""Remedy routes of API v1: approve and reject (managers, or anyone whose limit covers it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from amends.api.auth import actor_of
from amends.cases.api import ERRORS
from amends.cases.schemas import RemedyOut, remedy_out
from amends.remedies import selectors, services
from amends.remedies.schemas import DecisionIn

router = Router()


@router.get("/pending", response={200: list[RemedyOut], **ERRORS}, summary="Remedies waiting for approval")
def pending(request: HttpRequest) -> list[dict[str, Any]]:
    return [remedy_out(r) for r in selectors.remedies_awaiting_approval(actor=actor_of(request))]


@router.post("/{int:remedy_id}/approve", response={200: RemedyOut, **ERRORS}, summary="Approve a remedy")
def approve(request: HttpRequest, remedy_id: int, payload: DecisionIn | None = None) -> dict[str, Any]:
    remedy = selectors.remedy_get(remedy_id=remedy_id, actor=actor_of(request))
    return remedy_out(services.remedy_approve(remedy=remedy, actor=actor_of(request),
                                              note=payload.note if payload else ""))


@router.post("/{int:remedy_id}/reject", response={200: RemedyOut, **ERRORS}, summary="Reject a remedy")
def reject(request: HttpRequest, remedy_id: int, payload: DecisionIn | None = None) -> dict[str, Any]:
    remedy = selectors.remedy_get(remedy_id=remedy_id, actor=actor_of(request))
    return remedy_out(services.remedy_reject(remedy=remedy, actor=actor_of(request),
                                             note=payload.note if payload else ""))
