"""SLA clocks on real cases: business-hour due times, pause and resume, warnings, breaches, escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from amends.accounts.models import Role, Team, User
from amends.accounts.services import user_create
from amends.cases.models import Case, CaseEvent, EventType, Status
from amends.cases.services import case_assign, case_set_status, message_add
from amends.core import clock
from amends.outbox.models import OutboxMessage
from amends.sla.models import Calendar, CaseClock, Holiday, OpeningHours, SlaPolicy
from amends.sla.services import sla_sweep

pytestmark = pytest.mark.django_db

PARIS = dt.timezone(dt.timedelta(hours=1))  # CET, for readable instants in winter


def _paris_calendar(team: Team | None = None, default: bool = True) -> Calendar:
    cal = Calendar.objects.create(name=f"Paris {team}", timezone="Europe/Paris", team=team, is_default=default)
    for day in range(5):
        OpeningHours.objects.create(calendar=cal, weekday=day, opens=dt.time(9), closes=dt.time(17))
    return cal


def _events(case: Case, kind: EventType) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, type=kind))


def test_steps_are_due_in_business_hours_of_the_default_calendar(make_case: Callable[..., Case]) -> None:
    _paris_calendar()
    friday_late = dt.datetime(2026, 1, 9, 16, 30, tzinfo=PARIS)
    with clock.frozen_at(friday_late):
        case = make_case()
    own = case.steps.get(key="own")  # a 60-minute target: 30 on Friday, 30 on Monday morning
    assert own.due_at == dt.datetime(2026, 1, 12, 9, 30, tzinfo=PARIS)
    case.refresh_from_db()
    assert case.next_due_at == own.due_at


def test_a_team_calendar_and_its_holidays_apply_to_the_owners_cases(make_case: Callable[..., Case]) -> None:
    _paris_calendar()
    team = Team.objects.create(name="Lyon")
    cal = _paris_calendar(team, default=False)
    Holiday.objects.create(calendar=cal, date=dt.date(2026, 1, 12), name="Closed")
    owner = user_create(username="lea", role=Role.AGENT, limit=Decimal("0"), email="lea@example.com")
    owner.team = team
    owner.save()
    with clock.frozen_at(dt.datetime(2026, 1, 9, 16, 30, tzinfo=PARIS)):
        case = make_case(owner=owner)
        from amends.cases.services import step_add

        extra = step_add(case=case, key="call", title="Call back", actor=owner, target_minutes=60)
    assert extra.due_at == dt.datetime(2026, 1, 13, 9, 30, tzinfo=PARIS)


def test_waiting_on_the_customer_pauses_the_clock_and_their_reply_resumes_it(
        make_case: Callable[..., Case], agent: User) -> None:
    _paris_calendar()
    monday_10 = dt.datetime(2026, 1, 12, 10, 0, tzinfo=PARIS)
    with clock.frozen_at(monday_10):
        case = make_case()
    listen_due = case.steps.get(key="listen").due_at  # 120 minutes: Monday 12:00
    assert listen_due == dt.datetime(2026, 1, 12, 12, 0, tzinfo=PARIS)
    with clock.frozen_at(monday_10 + dt.timedelta(minutes=30)):
        case_set_status(case=case, status=Status.WAITING_CUSTOMER, actor=agent)
    clock_row = CaseClock.objects.get(case=case)
    assert clock_row.paused_since is not None
    # Nothing breaches while paused, however long the wait.
    assert sla_sweep(now=monday_10 + dt.timedelta(days=2)) == 0
    with clock.frozen_at(dt.datetime(2026, 1, 13, 9, 0, tzinfo=PARIS)):
        message_add(case=case, direction="inbound", body="Here is the photo you asked for.", actor=None)
    case.refresh_from_db()
    assert case.status == Status.OPEN
    # 90 business minutes were left at the pause; they count again from Tuesday 09:00.
    assert case.steps.get(key="listen").due_at == dt.datetime(2026, 1, 13, 10, 30, tzinfo=PARIS)
    resumed = _events(case, EventType.SLA_RESUMED)
    assert len(_events(case, EventType.SLA_PAUSED)) == 1 and len(resumed) == 1
    assert resumed[0].payload["paused_business_minutes"] == 390.0  # Monday 10:30-17:00


def test_warning_then_breach_then_two_levels_of_escalation_each_once(
        make_case: Callable[..., Case], agent: User, manager: User) -> None:
    director = user_create(username="dir", role=Role.ADMIN, email="dir@example.com")
    manager.email = "mia@example.com"
    manager.manager = director
    manager.save()
    agent.manager = manager
    agent.save()
    for priority in ("low", "normal", "high", "critical"):  # whatever triage decides
        SlaPolicy.objects.create(priority=priority, first_response_minutes=100, resolution_minutes=10_000,
                                 warning_percent=80, second_escalation_minutes=60)
    start = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
    with clock.frozen_at(start):
        case = make_case()
        case_assign(case=case, owner=agent, actor=agent)
        case.steps.update(due_at=None)  # look at the first-response target alone
    sla_sweep(now=start + dt.timedelta(minutes=79))
    assert not _events(case, EventType.SLA_WARNING)
    sla_sweep(now=start + dt.timedelta(minutes=81))
    sla_sweep(now=start + dt.timedelta(minutes=81))  # a second sweep at the same moment adds nothing
    [warning] = _events(case, EventType.SLA_WARNING)
    assert warning.payload["target"] == "first_response"
    assert OutboxMessage.objects.filter(purpose="sla_warning", to_address="ana@example.com").count() == 1

    sla_sweep(now=start + dt.timedelta(minutes=101))
    sla_sweep(now=start + dt.timedelta(minutes=102))
    assert len(_events(case, EventType.SLA_BREACHED)) == 1
    [level1] = _events(case, EventType.ESCALATED)
    assert level1.payload == {"level": 1, "target": "first_response", "label": "First response", "to": ["mia"]}
    assert OutboxMessage.objects.filter(purpose="escalation", to_address="mia@example.com").count() == 1

    sla_sweep(now=start + dt.timedelta(minutes=162))
    sla_sweep(now=start + dt.timedelta(minutes=170))
    levels = [e.payload["level"] for e in _events(case, EventType.ESCALATED)]
    assert levels == [1, 2]
    assert _events(case, EventType.ESCALATED)[1].payload["to"] == ["dir"]
    assert OutboxMessage.objects.filter(purpose="escalation", to_address="dir@example.com").count() == 1


def test_a_first_reply_in_time_meets_the_first_response_target(make_case: Callable[..., Case], agent: User) -> None:
    start = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
    with clock.frozen_at(start):
        case = make_case()
        case.steps.update(due_at=None)
    with clock.frozen_at(start + dt.timedelta(minutes=10)):
        message_add(case=case, direction="outbound", body="Thank you for telling us; I am on it.", actor=agent)
    sla_sweep(now=start + dt.timedelta(hours=5))
    assert [e.payload["target"] for e in _events(case, EventType.SLA_BREACHED)] == []


def test_a_closed_case_stops_its_clock(make_case: Callable[..., Case], agent: User) -> None:
    case = make_case()
    from amends.cases.services import case_close

    case_close(case=case, actor=agent, outcome="not_recovered", root_cause="test")
    assert not CaseClock.objects.get(case=case).active
    assert sla_sweep(now=clock.now() + dt.timedelta(days=30)) == 0


def _breaching_cases(make_case: Callable[..., Case], count: int, start: dt.datetime) -> list[Case]:
    for priority in ("low", "normal", "high", "critical"):  # whatever triage decides
        SlaPolicy.objects.get_or_create(priority=priority, defaults={
            "first_response_minutes": 100, "resolution_minutes": 10_000, "second_escalation_minutes": 60})
    cases = []
    with clock.frozen_at(start):
        for n in range(count):
            case = make_case(message=f"My order number {n} never arrived and nobody answers.")
            case.steps.update(due_at=None)  # the first-response target alone
            cases.append(case)
    return cases


def test_a_burst_of_breaches_is_written_in_chunks_with_events_emails_and_webhooks_each_once(
        make_case: Callable[..., Case], agent: User, manager: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from amends.sla import services
    from amends.webhooks.models import WebhookSubscription

    manager.email = "mia@example.com"
    manager.save()
    agent.manager = manager
    agent.save()
    WebhookSubscription.objects.create(name="Pager", url="http://127.0.0.1:9/", secret="s",
                                       event_types=["sla.breached"])
    monkeypatch.setattr(services, "SWEEP_CHUNK", 2)  # five clocks: three chunks
    start = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
    cases = _breaching_cases(make_case, 5, start)
    with clock.frozen_at(start):
        for case in cases[:3]:
            case_assign(case=case, owner=agent, actor=agent)

    assert sla_sweep(now=start + dt.timedelta(minutes=101)) == 5
    assert sla_sweep(now=start + dt.timedelta(minutes=101)) == 0
    for case in cases:
        [breach] = _events(case, EventType.SLA_BREACHED)
        [escalation] = _events(case, EventType.ESCALATED)
        assert breach.payload["target"] == "first_response" and escalation.payload["level"] == 1
        assert breach.id < escalation.id
        # The webhook listener saw the bulk-written breach: one signed delivery row per breach.
        assert OutboxMessage.objects.filter(case=case, kind="webhook", event_type="sla.breached").count() == 1
    # Owned by Ana: her manager; unowned: every manager (Mia as well). One email per breach.
    assert OutboxMessage.objects.filter(purpose="escalation", to_address="mia@example.com").count() == 5
    assert {e.payload["to"][0] for c in cases for e in _events(c, EventType.ESCALATED)} == {"mia"}


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_running_at_once_breach_and_escalate_each_clock_once(
        make_case: Callable[..., Case], manager: User) -> None:
    import threading

    from django.db import connection

    manager.email = "mia@example.com"
    manager.save()
    start = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
    cases = _breaching_cases(make_case, 6, start)
    barrier = threading.Barrier(2)
    handled: list[int] = []

    def sweep() -> None:
        try:
            barrier.wait()
            handled.append(sla_sweep(now=start + dt.timedelta(minutes=101)))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(handled) == 6
    for case in cases:
        assert len(_events(case, EventType.SLA_BREACHED)) == 1
        assert len(_events(case, EventType.ESCALATED)) == 1
    assert OutboxMessage.objects.filter(purpose="escalation").count() == 6


def test_a_priority_change_moves_the_open_steps_due_times_to_the_new_policy(
        make_case: Callable[..., Case], agent: User) -> None:
    from amends.cases.services import case_set_priority, step_add, step_complete

    for priority, percent in (("low", 100), ("normal", 100), ("high", 100), ("critical", 50)):
        SlaPolicy.objects.create(priority=priority, first_response_minutes=60, resolution_minutes=6000,
                                 step_target_percent=percent)
    start = dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC)  # no calendar: wall-clock time
    with clock.frozen_at(start):
        case = make_case()
        case_set_priority(case=case, priority="low", actor=agent)
        step_complete(case=case, key="own", actor=agent)
    with clock.frozen_at(start + dt.timedelta(hours=1)):
        step_add(case=case, key="call", title="Call the customer back", actor=agent, target_minutes=120)
    listen = case.steps.get(key="listen")
    assert listen.due_at == start + dt.timedelta(minutes=listen.target_minutes)
    own_due = case.steps.get(key="own").due_at

    with clock.frozen_at(start + dt.timedelta(hours=2)):
        case_set_priority(case=case, priority="critical", actor=agent)
    # Half of each target, counted from when the step started: the case's opening or the step's addition.
    assert case.steps.get(key="listen").due_at == start + dt.timedelta(minutes=listen.target_minutes / 2)
    assert case.steps.get(key="call").due_at == start + dt.timedelta(hours=1, minutes=60)
    assert case.steps.get(key="own").due_at == own_due  # done: left as it was
    case.refresh_from_db()
    assert case.next_due_at == start + dt.timedelta(minutes=listen.target_minutes / 2)
    [change] = [e for e in _events(case, EventType.PRIORITY_CHANGED) if e.payload["priority"] == "critical"]
    assert change.payload["steps_retargeted"]["listen"] == {
        "due_at": (start + dt.timedelta(minutes=listen.target_minutes / 2)).isoformat(),
        "previous": listen.due_at.isoformat()}
    assert "own" not in change.payload["steps_retargeted"]


def test_a_priority_change_after_a_pause_keeps_the_time_the_customer_took(
        make_case: Callable[..., Case], agent: User) -> None:
    from amends.cases.services import case_set_priority

    for priority, percent in (("low", 100), ("normal", 100), ("high", 100), ("critical", 50)):
        SlaPolicy.objects.create(priority=priority, first_response_minutes=60, resolution_minutes=6000,
                                 step_target_percent=percent)
    start = dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC)
    with clock.frozen_at(start):
        case = make_case()
        case_set_priority(case=case, priority="low", actor=agent)
    with clock.frozen_at(start + dt.timedelta(minutes=10)):
        case_set_status(case=case, status=Status.WAITING_CUSTOMER, actor=agent)
    with clock.frozen_at(start + dt.timedelta(minutes=40)):
        message_add(case=case, direction="inbound", body="Here are the details you asked for.", actor=None)
    with clock.frozen_at(start + dt.timedelta(minutes=50)):
        case_set_priority(case=case, priority="critical", actor=agent)
    act = case.steps.get(key="act")
    assert act.due_at == start + dt.timedelta(minutes=act.target_minutes / 2 + 30)
