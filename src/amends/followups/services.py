"""Writes for follow-ups and the customer's own voice: the survey after the fix and agreement links.

The follow-up is scheduled when the fix is done (the "act" step completes) or, failing that, when
the case is closed; at its due time the survey email goes out with a signed link. An answer lands
on the case and its timeline; a low one reopens the recovery with a fresh step.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from amends.accounts.models import User
from amends.cases import events
from amends.cases.models import Case, CaseEvent, EventType, StepStatus
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput, NotFound
from amends.followups import links
from amends.followups.models import FollowUp, FollowUpStatus, SurveyResponse
from amends.followups.selectors import follow_up_for_link

# An answer at or under these reopens the recovery.
LOW_SATISFACTION = 2
LOW_RECOMMEND = 4


@transaction.atomic
def followup_schedule(*, case: Case, actor: User | None, due_at: dt.datetime) -> FollowUp:
    """Schedule the follow-up; a case has one pending follow-up, so scheduling again moves it."""
    pending = FollowUp.objects.select_for_update().filter(case=case, status=FollowUpStatus.SCHEDULED).first()
    if pending is not None:
        pending.due_at = due_at
        pending.save(update_fields=["due_at"])
        events.record(case=case, type=EventType.FOLLOW_UP_SCHEDULED, actor=actor, follow_up_id=pending.pk,
                      due_at=due_at.isoformat(), rescheduled=True)
        return pending
    follow_up = FollowUp.objects.create(case=case, due_at=due_at, created_at=clock.now())
    events.record(case=case, type=EventType.FOLLOW_UP_SCHEDULED, actor=actor, follow_up_id=follow_up.pk,
                  due_at=due_at.isoformat())
    return follow_up


def followup_schedule_after_fix(*, case: Case, actor: User | None) -> FollowUp | None:
    """Schedule the follow-up at the policy's delay, unless one is already pending or done."""
    from amends.sla.services import follow_up_due

    if case.follow_ups.exclude(status=FollowUpStatus.CANCELLED).exists():
        return None
    return followup_schedule(case=case, actor=actor, due_at=follow_up_due(case, clock.now()))


def followups_on_event(event: CaseEvent) -> None:
    """Subscribed to the timeline: the fix schedules the follow-up; an agreement sends its link."""
    case = event.case
    if event.type == EventType.STEP_COMPLETED and event.payload.get("step") == "act":
        followup_schedule_after_fix(case=case, actor=event.actor)
    elif event.type == EventType.CASE_CLOSED:
        skipped = case.steps.filter(key="follow_up", status=StepStatus.SKIPPED, completed_at__isnull=False)
        if not skipped.exists() or case.steps.filter(key="act", status=StepStatus.DONE).exists():
            followup_schedule_after_fix(case=case, actor=event.actor)
    elif event.type == EventType.RESOLUTION_AGREED and not event.payload.get("confirmed_by_customer"):
        agreement_link_send(case=case)


def _greeting(case: Case) -> str:
    return f"Hello {case.customer.name}," if case.customer.name else "Hello,"


def agreement_link_send(*, case: Case) -> bool:
    """Email the customer a one-click link to confirm the resolution we recorded."""
    from amends.outbox.services import case_subject, email_to_customer

    if not case.customer.email or not case.agreed_resolution:
        return False
    url = links.make_url(purpose=links.AGREE, case_id=case.pk)
    body = (f"{_greeting(case)}\n\nThis is what we agreed to put things right:\n\n    {case.agreed_resolution}\n\n"
            f"If that is right, please confirm it here (one click, no account needed):\n{url}\n\n"
            "If anything is missing or wrong, just reply to this email and tell us.\n")
    return email_to_customer(case=case, subject=f"Please confirm what we agreed: {case_subject(case)}", body=body,
                             purpose="agreement") is not None


@transaction.atomic
def followup_send(*, follow_up_id: int) -> str:
    """Send the survey for one due follow-up; safe to call twice (the second call does nothing)."""
    from amends.cases.services import step_complete_if_open
    from amends.outbox.services import case_subject, email_to_customer

    follow_up = FollowUp.objects.select_for_update().select_related("case__customer").filter(pk=follow_up_id).first()
    if follow_up is None or follow_up.status != FollowUpStatus.SCHEDULED:
        return "skipped"
    case = follow_up.case
    if not case.customer.email:
        follow_up.status = FollowUpStatus.CANCELLED
        follow_up.save(update_fields=["status"])
        return "no-email"
    url = links.make_url(purpose=links.SURVEY, case_id=case.pk, follow_up_id=follow_up.pk)
    body = (f"{_greeting(case)}\n\nA little while ago we worked with you to put things right. We would like to "
            "know whether it really is sorted, and how we did.\n\n"
            f"Four short questions, about a minute:\n{url}\n\n"
            f"The link works until {(clock.now() + links.LIFETIME[links.SURVEY]):%d %B %Y}. "
            "Thank you for telling us how it went.\n")
    email_to_customer(case=case, subject=f"How did we do? {case_subject(case)}", body=body, purpose="survey")
    follow_up.status = FollowUpStatus.SENT
    follow_up.sent_at = clock.now()
    follow_up.save(update_fields=["status", "sent_at"])
    events.record(case=case, type=EventType.FOLLOW_UP_SENT, actor=None, follow_up_id=follow_up.pk)
    step_complete_if_open(case=case, key="follow_up", actor=None, note="the follow-up survey was sent")
    return "sent"


def followups_send_due(*, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """Send every follow-up whose time has come (the minute job)."""
    now = now or clock.now()
    ids = list(FollowUp.objects.filter(status=FollowUpStatus.SCHEDULED, due_at__lte=now)
               .order_by("due_at").values_list("pk", flat=True)[:limit])
    return sum(followup_send(follow_up_id=i) == "sent" for i in ids)


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


def is_low(response: SurveyResponse) -> bool:
    return (response.satisfaction <= LOW_SATISFACTION or response.would_recommend <= LOW_RECOMMEND
            or not response.will_return)


@transaction.atomic
def survey_record(*, case: Case, follow_up: FollowUp | None, satisfaction: object, would_recommend: object,
                  will_return: bool, comment: str = "") -> SurveyResponse:
    """Record the customer's answers; a low answer reopens the recovery with a new step."""
    from amends.cases.services import case_reopen, step_add

    if follow_up is not None:
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if follow_up.status == FollowUpStatus.ANSWERED:
            raise Conflict("This survey has already been answered.")
    response = SurveyResponse.objects.create(
        case=case, follow_up=follow_up, satisfaction=_int_in(satisfaction, 1, 5, "satisfaction"),
        would_recommend=_int_in(would_recommend, 0, 10, "would_recommend"), will_return=bool(will_return),
        comment=(comment or "").replace("\x00", "").strip()[:5000], created_at=clock.now(),
    )
    if follow_up is not None:
        follow_up.status = FollowUpStatus.ANSWERED
        follow_up.save(update_fields=["status"])
    low = is_low(response)
    events.record(case=case, type=EventType.SURVEY_ANSWERED, actor=None, satisfaction=response.satisfaction,
                  would_recommend=response.would_recommend, will_return=response.will_return,
                  comment=response.comment, low=low)
    if low:
        case = Case.objects.get(pk=case.pk)
        case_reopen(case=case, actor=None, reason="the follow-up survey answer was low")
        step_add(case=case, key="recover-again", title="Recover again after a low survey answer", actor=None,
                 guidance="The customer is still not happy. Call or write personally, listen again, and agree "
                          "what would put it right this time.", target_minutes=240)
    return response


def survey_answer_by_link(*, token: str, satisfaction: object, would_recommend: object, will_return: object,
                          comment: str = "") -> SurveyResponse:
    data = links.read_token(token, purpose=links.SURVEY)
    follow_up = follow_up_for_link(case_id=data.case_id, follow_up_id=data.follow_up_id)
    if follow_up is None:
        raise NotFound("This survey no longer exists.")
    if will_return not in ("yes", "no", True, False):
        raise InvalidInput("Please say whether you would come back to us.")
    return survey_record(case=follow_up.case, follow_up=follow_up, satisfaction=satisfaction,
                         would_recommend=would_recommend, will_return=will_return in ("yes", True), comment=comment)


@transaction.atomic
def agreement_confirm_by_link(*, token: str, accepted: bool, comment: str = "") -> Case:
    """The customer confirms (or questions) the recorded resolution from their link."""
    from amends.cases.services import case_record_agreement, message_add, step_complete_if_open

    data = links.read_token(token, purpose=links.AGREE)
    case = Case.objects.select_for_update().filter(pk=data.case_id).first()
    if case is None:
        raise NotFound("This case no longer exists.")
    if not accepted:
        text = (comment or "").strip() or "(no details given)"
        message_add(case=case, direction="inbound", body=f"The customer did not confirm the resolution: {text}",
                    actor=None)
        return case
    # Once the step is done (by an agent, or an earlier click) or the case closed, a click changes nothing.
    if step_complete_if_open(case=case, key="agree", actor=None, note="confirmed by the customer from their link"):
        case_record_agreement(case=case, actor=None, resolution=case.agreed_resolution or "as discussed",
                              by_customer=True)
    return case
