"""Writes for follow-ups and survey answers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from amends.accounts.models import User
from amends.cases import events
from amends.cases.models import Case, EventType
from amends.core import clock
from amends.core.errors import InvalidInput
from amends.followups.models import FollowUp, FollowUpStatus, SurveyResponse


@transaction.atomic
def followup_schedule(*, case: Case, actor: User | None, due_at: dt.datetime) -> FollowUp:
    follow_up = FollowUp.objects.create(case=case, due_at=due_at, created_at=clock.now())
    events.record(case=case, type=EventType.FOLLOW_UP_SCHEDULED, actor=actor, follow_up_id=follow_up.pk,
                  due_at=due_at.isoformat())
    return follow_up


def _int_in(value: object, low: int, high: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(f"{field} must be a whole number from {low} to {high}.")
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(f"{field} must be a whole number from {low} to {high}.") from exc
    if not low <= number <= high:
        raise InvalidInput(f"{field} must be a whole number from {low} to {high}.")
    return number


@transaction.atomic
def survey_record(*, case: Case, follow_up: FollowUp | None, satisfaction: object, would_recommend: object,
                  will_return: bool, comment: str = "") -> SurveyResponse:
    response = SurveyResponse.objects.create(
        case=case, follow_up=follow_up, satisfaction=_int_in(satisfaction, 1, 5, "satisfaction"),
        would_recommend=_int_in(would_recommend, 0, 10, "would_recommend"), will_return=bool(will_return),
        comment=(comment or "")[:5000], created_at=clock.now(),
    )
    if follow_up is not None:
        follow_up.status = FollowUpStatus.ANSWERED
        follow_up.save(update_fields=["status"])
    events.record(case=case, type=EventType.SURVEY_ANSWERED, actor=None, satisfaction=response.satisfaction,
                  would_recommend=response.would_recommend, will_return=response.will_return)
    return response
