"""Case services: opening (idempotent), the playbook walk, closing rules and the timeline."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection

from amends.accounts.models import User
from amends.actions.services import task_complete, task_create
from amends.cases import services
from amends.cases.models import Case, CaseEvent, CaseStep, ImmutableEvent, Message, Status, StepStatus
from amends.cases.selectors import case_timeline
from amends.core import clock
from amends.core.errors import Conflict, InvalidInput, NotFound, OpenStepsRemain
from amends.customers.models import Customer
from amends.followups.services import followup_schedule, survey_record
from amends.remedies.services import remedy_approve, remedy_propose

REQUIRED_BEFORE_CLOSE = ["own", "listen", "acknowledge", "resolve", "agree", "act", "follow_up"]
T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def types(case: Case) -> list[str]:
    """The desk core's own events; SLA clocks and outbound email add theirs beside them."""
    return [t for t in case_timeline(case=case).values_list("type", flat=True)
            if not t.startswith(("sla_", "email_", "escalated"))]


def opening_types(case: Case) -> list[str]:
    """What case_open writes: the triage event only when the language engine gave an analysis."""
    return ["case_opened"] + (["triaged"] if case.analysis else [])


@pytest.mark.django_db
class TestCaseOpen:
    def test_stores_the_customers_words_verbatim_as_the_first_inbound_message(self, make_case) -> None:
        words = "My order #77 never came.\nI called twice and nobody called back!"
        case = make_case(message=words)
        assert case.story == words
        first = case.messages.get()
        assert (first.direction, first.body) == ("inbound", words)
        assert case.subject == "My order #77 never came."
        assert case.status == Status.OPEN

    def test_instantiates_every_default_playbook_step_with_due_times(self, make_case) -> None:
        with clock.frozen_at(T0):
            case = make_case()
        steps = list(case.steps.order_by("position"))
        assert [s.key for s in steps] == REQUIRED_BEFORE_CLOSE[:6] + ["extra", "follow_up", "close"]
        assert all(s.status == StepStatus.OPEN for s in steps)
        own = steps[0]
        assert own.due_at == T0 + dt.timedelta(minutes=own.target_minutes)
        assert case.next_due_at == min(s.due_at for s in steps)
        assert not next(s for s in steps if s.key == "extra").required

    def test_same_external_id_returns_the_first_case_and_writes_nothing(self, make_case) -> None:
        first = make_case(external_id="shop-1001")
        counts = (Case.objects.count(), Message.objects.count(), Customer.objects.count(), CaseEvent.objects.count())
        again, created = services.case_open(actor=None, customer_name="Someone Else", customer_email="x@example.com",
                                            message="A different text", external_id="  shop-1001 ")
        assert not created and again.pk == first.pk
        assert (Case.objects.count(), Message.objects.count(), Customer.objects.count(),
                CaseEvent.objects.count()) == counts

    def test_customer_is_reused_by_email_case_insensitively(self, make_case) -> None:
        a = make_case(customer_email="Lena@Example.com", customer_name="Lena")
        b = make_case(customer_email="lena@example.com", customer_name="L. K.")
        assert a.customer_id == b.customer_id

    @pytest.mark.parametrize("kwargs", [
        {"message": "   "}, {"message": ""}, {"channel": "pigeon"}, {"customer_email": "not-an-email"},
        {"customer_name": "", "customer_email": ""}, {"message": "x" * 100_001},
    ])
    def test_bad_input_is_refused_and_nothing_is_written(self, make_case, kwargs) -> None:
        before = (Case.objects.count(), Customer.objects.count(), CaseEvent.objects.count())
        with pytest.raises(InvalidInput):
            make_case(**kwargs)
        assert (Case.objects.count(), Customer.objects.count(), CaseEvent.objects.count()) == before

    def test_open_with_owner_records_the_assignment(self, make_case, agent: User) -> None:
        case = make_case(owner=agent, actor=agent)
        assert case.owner == agent
        assert types(case) == opening_types(case) + ["owner_assigned"]


@pytest.mark.django_db
class TestSteps:
    def test_complete_records_who_when_and_the_note(self, make_case, agent: User) -> None:
        with clock.frozen_at(T0):
            case = make_case()
            step = services.step_complete(case=case, key="listen", actor=agent, note="points confirmed by phone")
        assert (step.status, step.completed_by, step.completed_at, step.note) == ("done", agent, T0,
                                                                                  "points confirmed by phone")
        event = case_timeline(case=case).reverse()[0]
        assert (event.type, event.actor, event.payload["step"]) == ("step_completed", agent, "listen")

    def test_completing_own_without_owner_makes_the_actor_the_owner(self, make_case, agent: User) -> None:
        case = make_case()
        services.step_complete(case=case, key="own", actor=agent)
        case.refresh_from_db()
        assert case.owner == agent
        assert types(case)[-2:] == ["owner_assigned", "step_completed"]

    def test_next_due_moves_to_the_next_open_step(self, make_case, agent: User) -> None:
        with clock.frozen_at(T0):
            case = make_case()
        own_due = case.steps.get(key="own").due_at
        assert case.next_due_at == own_due
        services.step_complete(case=case, key="own", actor=agent)
        case.refresh_from_db()
        assert case.next_due_at == case.steps.get(key="listen").due_at > own_due

    def test_skip_needs_a_reason_and_keeps_it(self, make_case, agent: User) -> None:
        case = make_case()
        for blank in ("", "   "):
            with pytest.raises(InvalidInput):
                services.step_skip(case=case, key="extra", actor=agent, reason=blank)
        assert case.steps.get(key="extra").status == StepStatus.OPEN
        step = services.step_skip(case=case, key="extra", actor=agent, reason="customer declined any gesture")
        assert (step.status, step.skip_reason) == ("skipped", "customer declined any gesture")
        assert case_timeline(case=case).reverse()[0].payload["reason"] == "customer declined any gesture"

    def test_a_step_is_done_only_once(self, make_case, agent: User) -> None:
        case = make_case()
        services.step_complete(case=case, key="listen", actor=agent)
        with pytest.raises(Conflict):
            services.step_complete(case=case, key="listen", actor=agent)
        with pytest.raises(Conflict):
            services.step_skip(case=case, key="listen", actor=agent, reason="late")

    def test_complete_if_open_writes_only_for_an_open_step_of_an_open_case(self, make_case, agent: User) -> None:
        case = make_case()
        # The desk completing a step on its own: no actor, and "own" gives nobody the case.
        assert services.step_complete_if_open(case=case, key="own", actor=None, note="by the desk")
        own = case.steps.get(key="own")
        assert (own.status, own.completed_by, own.note) == (StepStatus.DONE, None, "by the desk")
        case.refresh_from_db()
        assert case.owner is None
        event = case_timeline(case=case).reverse()[0]
        assert (event.type, event.actor, event.payload["step"]) == ("step_completed", None, "own")
        before = types(case)
        assert not services.step_complete_if_open(case=case, key="own", actor=agent)
        services.step_skip(case=case, key="extra", actor=agent, reason="declined")
        assert not services.step_complete_if_open(case=case, key="extra", actor=agent)
        assert not services.step_complete_if_open(case=case, key="dance", actor=agent)
        case = services.case_close(case=case, actor=agent, outcome="not_recovered")
        assert not services.step_complete_if_open(case=case, key="listen", actor=agent)
        assert case.steps.get(key="listen").status == StepStatus.OPEN
        after = types(case)[len(before):]
        assert after[:2] == ["step_skipped", "case_closed"] and "step_completed" not in after

    def test_unknown_step_is_not_found(self, make_case, agent: User) -> None:
        with pytest.raises(NotFound):
            services.step_complete(case=make_case(), key="dance", actor=agent)

    def test_step_add_gets_a_fresh_key_and_the_last_position(self, make_case, agent: User) -> None:
        case = make_case()
        a = services.step_add(case=case, key="listen", title="Hear them again", actor=agent)
        assert a.key == "listen-2"
        assert a.position == case.steps.order_by("-position").first().position
        assert types(case)[-1] == "step_added"


def _finish_required(case: Case, actor: User) -> None:
    for key in REQUIRED_BEFORE_CLOSE:
        services.step_complete(case=case, key=key, actor=actor)


@pytest.mark.django_db
class TestClose:
    def test_recovered_is_refused_while_required_steps_are_open_with_the_list(self, make_case, agent: User) -> None:
        case = make_case()
        services.step_complete(case=case, key="own", actor=agent)
        with pytest.raises(OpenStepsRemain) as info:
            services.case_close(case=case, actor=agent, outcome="recovered")
        assert info.value.open_steps == REQUIRED_BEFORE_CLOSE[1:]
        case.refresh_from_db()
        assert case.status == Status.OPEN and types(case)[-1] != "case_closed"

    def test_wow_has_the_same_rule(self, make_case, agent: User) -> None:
        with pytest.raises(OpenStepsRemain):
            services.case_close(case=make_case(), actor=agent, outcome="wow")

    def test_skipped_steps_count_as_handled(self, make_case, agent: User) -> None:
        case = make_case()
        for key in REQUIRED_BEFORE_CLOSE:
            services.step_skip(case=case, key=key, actor=agent, reason="handled in the shop")
        closed = services.case_close(case=case, actor=agent, outcome="recovered", root_cause="courier")
        assert closed.status == Status.CLOSED

    def test_close_after_the_steps_records_outcome_and_root_cause(self, make_case, agent: User) -> None:
        with clock.frozen_at(T0):
            case = make_case()
            _finish_required(case, agent)
            closed = services.case_close(case=case, actor=agent, outcome="wow", root_cause="packaging")
        assert (closed.status, closed.outcome, closed.root_cause, closed.closed_at) == ("closed", "wow", "packaging",
                                                                                        T0)
        assert closed.steps.get(key="close").status == StepStatus.DONE
        assert closed.next_due_at is None  # nothing left to chase
        assert types(case)[-1] == "case_closed"

    def test_not_recovered_may_close_early(self, make_case, agent: User) -> None:
        closed = services.case_close(case=make_case(), actor=agent, outcome="not_recovered", root_cause="unknown")
        assert (closed.status, closed.outcome) == ("closed", "not_recovered")

    def test_a_closed_case_keeps_no_due_time_when_its_open_steps_move(self, make_case, agent: User) -> None:
        from amends.sla.models import SlaPolicy

        # Critical halves every step's target, so the steps left open at closing get new due times.
        SlaPolicy.objects.create(priority="critical", first_response_minutes=60, resolution_minutes=6000,
                                 step_target_percent=50)
        case = services.case_close(case=make_case(), actor=agent, outcome="not_recovered")
        services.case_set_priority(case=case, priority="critical", actor=agent)
        assert types(case)[-1] == "priority_changed"
        assert case_timeline(case=case).filter(type="priority_changed").get().payload["steps_retargeted"]
        case.refresh_from_db()
        assert case.next_due_at is None
        services.case_reopen(case=case, actor=agent, reason="customer came back")
        case.refresh_from_db()
        assert case.next_due_at == case.steps.filter(status=StepStatus.OPEN).order_by("due_at")[0].due_at

    def test_unknown_outcome_and_double_close_are_refused(self, make_case, agent: User) -> None:
        case = make_case()
        with pytest.raises(InvalidInput):
            services.case_close(case=case, actor=agent, outcome="meh")
        services.case_close(case=case, actor=agent, outcome="not_recovered")
        with pytest.raises(Conflict):
            services.case_close(case=case, actor=agent, outcome="not_recovered")

    def test_closed_case_refuses_step_changes_until_reopened(self, make_case, agent: User) -> None:
        case = services.case_close(case=make_case(), actor=agent, outcome="not_recovered")
        with pytest.raises(Conflict):
            services.step_complete(case=case, key="own", actor=agent)
        services.case_reopen(case=case, actor=agent, reason="customer came back")
        assert (case.status, case.outcome) == ("open", "")
        services.step_complete(case=case, key="own", actor=agent)
        assert types(case)[-3:] == ["case_reopened", "owner_assigned", "step_completed"]

    def test_an_inbound_message_reopens_a_closed_case(self, make_case, agent: User) -> None:
        case = services.case_close(case=make_case(), actor=agent, outcome="not_recovered")
        services.message_add(case=case, direction="inbound", body="It broke again.", actor=None)
        case.refresh_from_db()
        assert case.status == Status.OPEN
        assert types(case)[-2:] == ["message_received", "case_reopened"]


@pytest.mark.django_db
class TestMessagesAndCaseFields:
    def test_directions_write_their_own_event(self, make_case, agent: User) -> None:
        case = make_case()
        services.message_add(case=case, direction="outbound", body="Thank you for telling us.", actor=agent)
        services.message_add(case=case, direction="note", body="Called the courier.", actor=agent)
        services.message_add(case=case, direction="inbound", body="Any news?", actor=None)
        assert types(case)[-3:] == ["reply_sent", "note_added", "message_received"]

    def test_unknown_direction_and_empty_body_are_refused(self, make_case, agent: User) -> None:
        case = make_case()
        with pytest.raises(InvalidInput):
            services.message_add(case=case, direction="sideways", body="hi", actor=agent)
        with pytest.raises(InvalidInput):
            services.message_add(case=case, direction="note", body="  \x00 ", actor=agent)
        assert case.messages.count() == 1

    def test_message_external_id_is_idempotent(self, make_case) -> None:
        case = make_case()
        m1, c1 = services.message_add(case=case, direction="inbound", body="again", actor=None, external_id="m-1")
        m2, c2 = services.message_add(case=case, direction="inbound", body="again", actor=None, external_id="m-1")
        assert (c1, c2, m1.pk) == (True, False, m2.pk)

    def test_customer_reply_moves_a_waiting_case_back_to_open(self, make_case, agent: User) -> None:
        case = make_case()
        services.case_set_status(case=case, status=Status.WAITING_CUSTOMER, actor=agent, reason="asked for photo")
        services.message_add(case=case, direction="inbound", body="Photo attached.", actor=None)
        case.refresh_from_db()
        assert case.status == Status.OPEN
        assert types(case)[-3:] == ["status_changed", "message_received", "status_changed"]

    def test_priority_assign_points_and_agreement(self, make_case, agent: User, manager: User) -> None:
        case = make_case()
        services.case_set_priority(case=case, priority="critical", actor=manager)
        assert (case.priority, case.priority_rank) == ("critical", 4)
        with pytest.raises(InvalidInput):
            services.case_set_priority(case=case, priority="urgent!", actor=manager)
        services.case_assign(case=case, owner=agent, actor=manager)
        services.case_assign(case=case, owner=agent, actor=manager)  # no change, no event
        services.case_confirm_points(case=case, actor=agent, points=[" late ", "", "crushed box"],
                                     desired_outcome="refund")
        services.case_record_agreement(case=case, actor=agent, resolution="Full refund and a new box.")
        case.refresh_from_db()
        assert case.salient_points == ["late", "crushed box"] and case.points_confirmed
        assert case.agreed_resolution == "Full refund and a new box."
        assert types(case)[-4:] == ["priority_changed", "owner_assigned", "points_confirmed", "resolution_agreed"]

    def test_inactive_owner_is_refused(self, make_case, other_agent: User) -> None:
        other_agent.is_active = False
        other_agent.save()
        with pytest.raises(InvalidInput):
            services.case_assign(case=make_case(), owner=other_agent, actor=None)


@pytest.mark.django_db
class TestTimeline:
    def test_a_full_recovery_leaves_one_event_per_change_in_order(self, make_case, agent: User,
                                                                  manager: User) -> None:
        case = make_case()
        services.step_complete(case=case, key="own", actor=agent)
        services.message_add(case=case, direction="outbound", body="Thank you, I am sorry, I will fix it.",
                             actor=agent)
        services.case_confirm_points(case=case, actor=agent, points=["late"])
        services.step_complete(case=case, key="listen", actor=agent)
        services.step_complete(case=case, key="acknowledge", actor=agent)
        remedy_propose(case=case, actor=agent, kind="refund", value=Decimal("30"))
        big = remedy_propose(case=case, actor=agent, kind="replacement", value=Decimal("200"))
        remedy_approve(remedy=big, actor=manager)
        services.step_complete(case=case, key="resolve", actor=agent)
        services.case_record_agreement(case=case, actor=agent, resolution="Refund and new kettle")
        services.step_complete(case=case, key="agree", actor=agent)
        task = task_create(case=case, actor=agent, title="Ship the kettle", assignee=agent)
        task_complete(task=task, actor=agent)  # the last task completes "act"
        services.step_skip(case=case, key="extra", actor=agent, reason="refund was generous")
        # Finishing "act" schedules the follow-up by itself; schedule one by hand only if it did not.
        follow_up = case.follow_ups.order_by("id").first() or followup_schedule(
            case=case, actor=agent, due_at=clock.now() + dt.timedelta(days=7))
        survey_record(case=case, follow_up=follow_up, satisfaction=5, would_recommend=9, will_return=True)
        services.step_complete(case=case, key="follow_up", actor=agent)
        services.case_close(case=case, actor=agent, outcome="recovered", root_cause="courier")

        assert types(case) == opening_types(case) + [
            "owner_assigned", "step_completed", "reply_sent", "points_confirmed", "step_completed",
            "step_completed", "remedy_proposed", "remedy_approved", "remedy_proposed", "remedy_awaits_approval",
            "remedy_approved", "step_completed", "resolution_agreed", "step_completed", "task_created",
            "task_completed", "step_completed", "follow_up_scheduled", "step_skipped", "survey_answered",
            "step_completed", "case_closed",
        ]
        actors = {e.payload["value"]: e.actor_id for e in case_timeline(case=case).filter(type="remedy_approved")}
        assert actors == {"30.00": agent.pk, "200.00": manager.pk}

    def test_events_cannot_be_changed_or_deleted(self, make_case) -> None:
        event = case_timeline(case=make_case())[0]
        event.payload = {"forged": True}
        with pytest.raises(ImmutableEvent):
            event.save()
        with pytest.raises(ImmutableEvent):
            event.delete()
        event.refresh_from_db()
        assert event.payload.get("forged") is None

    def test_event_time_comes_from_the_clock(self, make_case) -> None:
        with clock.frozen_at(T0):
            case = make_case()
        assert {e.created_at for e in case_timeline(case=case)} == {T0}


@pytest.mark.django_db(transaction=True)
def test_concurrent_opens_with_one_external_id_make_one_case() -> None:
    """Eight clients post the same external_id at once; exactly one case and one customer exist."""
    from amends.playbooks.services import playbook_ensure_default

    playbook_ensure_default()
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def open_one(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            case, created = services.case_open(actor=None, customer_name=f"Racer {i}",
                                               customer_email=f"racer{i}@example.com",
                                               message="The same complaint sent twice by a retrying client.",
                                               external_id="retry-42")
            results.append((case.pk, created))
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert len(results) == 8
    assert len({pk for pk, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert Case.objects.filter(external_id="retry-42").count() == 1
    assert Customer.objects.filter(email__startswith="racer").count() == 1
    assert CaseStep.objects.count() == 9


@pytest.mark.django_db
def test_make_case_factory_is_usable_by_other_suites(make_case: Callable[..., Case]) -> None:
    case = make_case(channel="phone", subject="Call about the invoice")
    assert (case.channel, case.subject) == ("phone", "Call about the invoice")
