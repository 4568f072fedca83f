"""Intake triages with the engine's fast path; the minute job refines it with the full analysis."""

from __future__ import annotations

from typing import Any

import pytest

from amends import language
from amends.cases import services
from amends.cases.models import PRIORITY_RANK, Case, CaseEvent, Priority, Status

STORY = "Your courier left my parcel in the rain, the laptop inside is ruined and nobody answers. Refund me now!"


def _refined(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _analysis(**changes: Any) -> dict[str, Any]:
    analysis = language.analyze(STORY).to_dict()
    analysis.update(changes)
    return analysis


@pytest.mark.django_db
class TestTriageRefine:
    def test_intake_triages_with_the_fast_analysis_and_leaves_the_case_pending(self, make_case) -> None:
        case = make_case(message=STORY)
        assert case.triage_pending
        assert case.complaint_probability == pytest.approx(language.analyze(STORY, fast=True).probability)

    def test_a_short_harm_report_is_critical_at_intake_and_after_refining(self, make_case) -> None:
        case = make_case(message="My little boy was injured.")
        assert case.priority == Priority.CRITICAL
        services.case_triage_refine_pending()
        refined = _refined(case)
        assert refined.priority == Priority.CRITICAL
        assert refined.analysis is not None and refined.analysis["complaint"]["label"] is True

    def test_the_sweep_stores_the_full_analysis_once_and_records_what_changed(self, make_case) -> None:
        case = make_case(message=STORY)
        fast = case.complaint_probability
        assert services.case_triage_refine_pending() == 1
        refined = _refined(case)
        full = language.analyze(STORY).to_dict()
        assert not refined.triage_pending
        assert refined.analysis == full
        assert refined.complaint_probability == full["complaint"]["probability"]
        assert refined.anger == full["emotions"]["anger"]
        event = CaseEvent.objects.get(case=case, type="triage_refined")
        assert event.actor is None
        assert event.payload["previous_probability"] == round(fast, 2)
        assert event.payload["probability"] == round(full["complaint"]["probability"], 2)
        assert services.case_triage_refine_pending() == 0
        assert CaseEvent.objects.filter(case=case, type="triage_refined").count() == 1

    def test_the_sweep_goes_batch_by_batch_until_none_is_pending(self, make_case) -> None:
        cases = [make_case(message=STORY) for _ in range(3)]
        assert services.case_triage_refine_pending(batch=2) == 3
        assert not Case.objects.filter(pk__in=[c.pk for c in cases], triage_pending=True).exists()

    def test_a_new_urgency_moves_the_priority_in_the_queue(self, make_case) -> None:
        case = make_case(message=STORY)
        assert case.priority != Priority.CRITICAL
        services.case_triage_refine(case_id=case.pk, analysis=_analysis(urgency="critical"))
        refined = _refined(case)
        assert (refined.priority, refined.priority_rank) == (Priority.CRITICAL, PRIORITY_RANK[Priority.CRITICAL])
        change = CaseEvent.objects.get(case=case, type="priority_changed")
        assert change.actor is None and change.payload["previous"] == case.priority

    def test_a_priority_a_person_set_and_confirmed_points_are_kept(self, make_case, manager) -> None:
        case = make_case(message=STORY)
        services.case_set_priority(case=case, priority=Priority.LOW, actor=manager)
        services.case_confirm_points(case=case, actor=manager, points=["the laptop is ruined"],
                                     desired_outcome="replacement")
        services.case_triage_refine(case_id=case.pk, analysis=_analysis(urgency="critical"))
        refined = _refined(case)
        assert (refined.priority, refined.salient_points, refined.desired_outcome) == (
            Priority.LOW, ["the laptop is ruined"], "replacement")
        assert not refined.triage_pending

    def test_a_closed_case_keeps_its_priority(self, make_case, agent) -> None:
        case = make_case(message=STORY)
        Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
        services.case_triage_refine(case_id=case.pk, analysis=_analysis(urgency="critical"))
        assert _refined(case).priority == case.priority

    def test_an_engine_failure_keeps_the_intake_triage(self, make_case) -> None:
        case = make_case(message=STORY)
        services.case_triage_refine(case_id=case.pk, analysis=None)
        refined = _refined(case)
        assert not refined.triage_pending
        assert (refined.complaint_probability, refined.analysis) == (case.complaint_probability, case.analysis)
        assert not CaseEvent.objects.filter(case=case, type="triage_refined").exists()

    def test_a_case_already_refined_is_left_alone(self, make_case) -> None:
        case = make_case(message=STORY)
        services.case_triage_refine_pending()
        assert services.case_triage_refine(case_id=case.pk, analysis=_analysis(urgency="critical")) is None
        assert _refined(case).priority != Priority.CRITICAL


@pytest.mark.django_db
def test_the_minute_job_refines_every_pending_case(make_case) -> None:
    from amends.cases.tasks import refine_triage

    cases = [make_case(message=STORY), make_case(message="The app logs me out every hour, please fix it.")]
    assert refine_triage.call_local() == 2
    assert not Case.objects.filter(pk__in=[c.pk for c in cases], triage_pending=True).exists()
    assert refine_triage.call_local() == 0
