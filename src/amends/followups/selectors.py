"""Reads for the customer's own pages: the case or follow-up a signed link points at."""

from __future__ import annotations

from amends.cases.models import Case, EventType, StepStatus
from amends.followups.models import FollowUp


def case_for_link(*, case_id: int) -> Case | None:
    return Case.objects.select_related("customer").filter(pk=case_id).first()


def follow_up_for_link(*, case_id: int, follow_up_id: int | None) -> FollowUp | None:
    if follow_up_id is None:
        return None
    return FollowUp.objects.select_related("case__customer").filter(pk=follow_up_id, case_id=case_id).first()


def agreement_confirmed(case: Case) -> bool:
    """True once the customer confirmed by link, or the agent marked the resolution agreed."""
    confirmed = case.events.filter(type=EventType.RESOLUTION_AGREED, payload__confirmed_by_customer=True).exists()
    return confirmed or case.steps.filter(key="agree", status=StepStatus.DONE).exists()
