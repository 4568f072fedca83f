"""The demo data set: every playbook step and every outcome is represented, all with real timelines."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from amends.accounts.models import User
from amends.cases.models import Case, CaseEvent, StepStatus
from amends.cli import app
from amends.demo import DEMO_PASSWORDS, load_demo
from amends.followups.models import SurveyResponse
from amends.remedies.models import CatalogueItem, Remedy

STEPS = ["own", "listen", "acknowledge", "resolve", "agree", "act", "extra", "follow_up"]


@pytest.mark.django_db
def test_small_demo_covers_every_step_and_outcome() -> None:
    summary = load_demo(cases=30, seed=3)
    assert "http://127.0.0.1:8000/" in summary and "/admin/" in summary and DEMO_PASSWORDS["agent"] in summary
    for name in ("agent", "manager", "admin"):
        assert User.objects.get(username=name).check_password(DEMO_PASSWORDS[name])
    assert User.objects.filter(role="agent").count() >= 4
    assert CatalogueItem.objects.filter(is_extra=True).count() >= 4

    assert Case.objects.count() == 30
    current = set()
    for case in Case.objects.exclude(status="closed"):
        first_open = case.steps.filter(status=StepStatus.OPEN).order_by("position").first()
        current.add(first_open.key)
    assert set(STEPS) <= current
    assert {"recovered", "wow", "not_recovered"} <= set(Case.objects.values_list("outcome", flat=True))
    assert Remedy.objects.filter(status="pending_approval").exists()
    assert Remedy.objects.filter(status="approved", extra=True).exists()
    assert SurveyResponse.objects.exists()
    assert len(set(Case.objects.values_list("story", flat=True))) >= 20
    overdue = [c for c in Case.objects.exclude(status="closed") if c.next_due_at and c.next_due_at < c.updated_at]
    assert overdue, "some open cases should be past their next due time"

    # Every case's timeline starts with its opening and is in time order.
    for case in Case.objects.all():
        times = list(CaseEvent.objects.filter(case=case).order_by("id").values_list("created_at", flat=True))
        assert CaseEvent.objects.filter(case=case).order_by("id").first().type == "case_opened"
        assert times == sorted(times)


@pytest.mark.django_db
def test_running_the_demo_twice_adds_nothing_new() -> None:
    load_demo(cases=10, seed=5)
    counts = (Case.objects.count(), User.objects.count(), CatalogueItem.objects.count(), CaseEvent.objects.count())
    result = CliRunner().invoke(app, ["demo", "--cases", "10", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "0 new cases" in result.output
    assert (Case.objects.count(), User.objects.count(), CatalogueItem.objects.count(),
            CaseEvent.objects.count()) == counts
