"""Remedies and authority: within the limit approved at once, above it waits for someone who may."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amends.accounts.models import User
from amends.cases.models import CaseEvent
from amends.cases.services import case_close
from amends.core.errors import Conflict, InvalidInput, NotPermitted
from amends.remedies.models import Remedy, RemedyStatus
from amends.remedies.services import remedy_approve, remedy_deliver, remedy_propose, remedy_reject


def last_types(case, n: int) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("-created_at", "-id").values_list("type", flat=True))[
        :n][::-1]


@pytest.mark.django_db
class TestPropose:
    def test_within_the_limit_is_approved_at_once_by_the_proposer(self, make_case, agent: User) -> None:
        case = make_case()
        remedy = remedy_propose(case=case, actor=agent, kind="refund", value="30", description="half the price")
        assert (remedy.status, remedy.approver, remedy.value, remedy.currency) == (
            RemedyStatus.APPROVED, agent, Decimal("30.00"), "EUR")
        assert last_types(case, 2) == ["remedy_proposed", "remedy_approved"]

    def test_exactly_the_limit_is_still_within_it(self, make_case, agent: User) -> None:
        assert remedy_propose(case=make_case(), actor=agent, kind="refund", value=50).status == "approved"

    def test_above_the_limit_waits_for_approval(self, make_case, agent: User) -> None:
        case = make_case()
        remedy = remedy_propose(case=case, actor=agent, kind="replacement", value=Decimal("200"))
        assert (remedy.status, remedy.approver) == (RemedyStatus.PENDING_APPROVAL, None)
        assert last_types(case, 2) == ["remedy_proposed", "remedy_awaits_approval"]

    @pytest.mark.parametrize("kwargs", [
        {"kind": "gold"}, {"value": "-1"}, {"value": "ten"}, {"value": "NaN"}, {"value": "1e12"},
        {"currency": "EURO"}, {"currency": "1$%"}, {"currency": "ÄÖÜ"},
    ])
    def test_bad_values_are_refused_and_nothing_is_written(self, make_case, agent: User, kwargs) -> None:
        case = make_case()
        events_before = CaseEvent.objects.count()
        with pytest.raises(InvalidInput):
            remedy_propose(case=case, actor=agent, **({"kind": "refund", "value": "5"} | kwargs))
        assert Remedy.objects.count() == 0 and CaseEvent.objects.count() == events_before

    def test_closed_case_takes_no_remedy(self, make_case, agent: User) -> None:
        case = case_close(case=make_case(), actor=agent, outcome="not_recovered")
        with pytest.raises(Conflict):
            remedy_propose(case=case, actor=agent, kind="refund", value=5)


    def test_the_timeline_says_which_approvals_were_within_the_proposers_authority(
            self, make_case, agent: User, manager: User) -> None:
        from amends.web.templatetags.desk import event_sentence

        case = make_case()
        remedy_propose(case=case, actor=agent, kind="refund", value="30")
        waiting = remedy_propose(case=case, actor=agent, kind="refund", value="200")
        # A manager's note that happens to read like the automatic one is still the manager's note.
        remedy_approve(remedy=waiting, actor=manager, note="within the proposer's authority")
        auto, by_manager = CaseEvent.objects.filter(case=case, type="remedy_approved").order_by("id")
        assert auto.payload["within_authority"] is True
        assert auto.payload["note"] == "within the proposer's authority"
        assert by_manager.payload["within_authority"] is False
        assert event_sentence(auto) == "Ana approved the refund of 30.00 EUR (within their authority)"
        assert event_sentence(by_manager) == (
            "Mia approved the refund of 200.00 EUR — “within the proposer's authority”")

@pytest.mark.django_db
class TestDecide:
    def test_agent_cannot_approve_above_their_limit(self, make_case, agent: User) -> None:
        remedy = remedy_propose(case=make_case(), actor=agent, kind="refund", value=200)
        with pytest.raises(NotPermitted):
            remedy_approve(remedy=remedy, actor=agent)
        with pytest.raises(NotPermitted):
            remedy_reject(remedy=remedy, actor=agent)
        remedy.refresh_from_db()
        assert remedy.status == RemedyStatus.PENDING_APPROVAL

    def test_manager_approves_and_it_is_recorded(self, make_case, agent: User, manager: User) -> None:
        case = make_case()
        remedy = remedy_propose(case=case, actor=agent, kind="refund", value=200)
        approved = remedy_approve(remedy=remedy, actor=manager, note="loyal customer")
        assert (approved.status, approved.approver, approved.decision_note) == ("approved", manager,
                                                                               "loyal customer")
        event = CaseEvent.objects.filter(case=case).order_by("-id")[0]
        assert (event.type, event.actor, event.payload["value"]) == ("remedy_approved", manager, "200.00")

    def test_an_agent_whose_limit_covers_it_may_approve(self, make_case, agent: User, other_agent: User) -> None:
        remedy = remedy_propose(case=make_case(), actor=other_agent, kind="voucher", value=40)
        assert remedy.status == "pending_approval"  # ben's limit is 20
        assert remedy_approve(remedy=remedy, actor=agent).status == "approved"  # ana's is 50

    def test_reject_then_no_second_decision(self, make_case, agent: User, manager: User) -> None:
        case = make_case()
        remedy = remedy_propose(case=case, actor=agent, kind="refund", value=500)
        rejected = remedy_reject(remedy=remedy, actor=manager, note="a repair fits better")
        assert (rejected.status, rejected.approver) == ("rejected", manager)
        with pytest.raises(Conflict):
            remedy_approve(remedy=remedy, actor=manager)
        assert last_types(case, 1) == ["remedy_rejected"]

    def test_approved_remedy_can_be_delivered_once(self, make_case, agent: User) -> None:
        case = make_case()
        remedy = remedy_propose(case=case, actor=agent, kind="refund", value=10)
        assert remedy_deliver(remedy=remedy, actor=agent).status == "delivered"
        with pytest.raises(Conflict):
            remedy_deliver(remedy=remedy, actor=agent)
        pending = remedy_propose(case=case, actor=agent, kind="refund", value=100)
        with pytest.raises(Conflict):
            remedy_deliver(remedy=pending, actor=agent)
        assert last_types(case, 3) == ["remedy_delivered", "remedy_proposed", "remedy_awaits_approval"]

    def test_inactive_manager_may_not_approve(self, make_case, agent: User, manager: User) -> None:
        remedy = remedy_propose(case=make_case(), actor=agent, kind="refund", value=100)
        manager.is_active = False
        manager.save()
        with pytest.raises(NotPermitted):
            remedy_approve(remedy=remedy, actor=manager)
