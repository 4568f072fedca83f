"""Playbooks are data: loading YAML, validation errors, the default, and the per-category choice."""

from __future__ import annotations

import pytest

from amends.core.errors import InvalidInput
from amends.playbooks.models import Playbook
from amends.playbooks.selectors import playbook_for_category
from amends.playbooks.services import DEFAULT_FILE, playbook_ensure_default, playbook_load, playbook_steps_replace

BILLING = """
key: billing
name: Billing errors
category: billing
steps:
  - key: own
    title: Take ownership
    target_minutes: 30
    guidance: Say who you are.
  - key: correct
    title: Correct the bill
    required: true
  - key: extra
    title: Something extra
    required: false
"""


@pytest.mark.django_db
class TestLoad:
    def test_default_file_has_the_nine_steps_with_guidance(self) -> None:
        playbook = playbook_ensure_default()
        steps = list(playbook.steps.order_by("position"))
        assert [s.key for s in steps] == ["own", "listen", "acknowledge", "resolve", "agree", "act", "extra",
                                          "follow_up", "close"]
        assert all(s.guidance and s.title and s.target_minutes > 0 for s in steps)
        assert [s.key for s in steps if not s.required] == ["extra", "close"]
        assert playbook.is_default and playbook_ensure_default() == playbook
        assert Playbook.objects.count() == 1

    def test_load_creates_then_replaces_steps(self) -> None:
        playbook = playbook_load(text=BILLING)
        assert (playbook.key, playbook.category, playbook.is_default) == ("billing", "billing", False)
        assert [(s.key, s.required, s.target_minutes) for s in playbook.steps.order_by("position")] == [
            ("own", True, 30), ("correct", True, 1440), ("extra", False, 1440)]
        without_correct = BILLING.replace("  - key: correct\n    title: Correct the bill\n    required: true\n", "")
        again = playbook_load(text=without_correct)
        assert again.pk == playbook.pk and again.steps.count() == 2

    def test_make_default_moves_the_flag(self) -> None:
        default = playbook_ensure_default()
        billing = playbook_load(text=BILLING, make_default=True)
        default.refresh_from_db()
        assert billing.is_default and not default.is_default

    @pytest.mark.parametrize("text", [
        "key: [unclosed", "just a string", "steps: []", "key: x\nsteps: 3",
        "key: x\nsteps:\n  - title: no key", "key: x\nsteps:\n  - key: a", "key: x\nsteps:\n  - 7",
        "key: x\nsteps:\n  - {key: a, title: A}\n  - {key: a, title: B}",
        "key: x\nsteps:\n  - {key: a, title: A, target_minutes: -5}",
        "key: x\nsteps:\n  - {key: a, title: A, target_minutes: soon}",
    ])
    def test_invalid_playbooks_are_refused_and_nothing_changes(self, text: str) -> None:
        with pytest.raises(InvalidInput):
            playbook_load(text=text)
        assert Playbook.objects.count() == 0

    def test_load_and_replace_store_steps_alike(self) -> None:
        # One writer for both: a title too long for its column is cut, from YAML as from the editor.
        long_title = "T" * 250
        playbook = playbook_load(text=f"key: x\nsteps:\n  - {{key: a, title: {long_title}}}\n")
        assert playbook.steps.get().title == "T" * 200
        playbook_steps_replace(playbook=playbook, steps=[{"key": "b", "title": 42, "required": False}])
        step = playbook.steps.get()
        assert (step.key, step.title, step.required, step.position) == ("b", "42", False, 0)

    def test_default_file_is_packaged_yaml(self) -> None:
        assert DEFAULT_FILE.name == "default.yaml" and "key: default" in DEFAULT_FILE.read_text()


@pytest.mark.django_db
class TestSelection:
    def test_a_category_playbook_wins_over_the_default(self, make_case) -> None:
        billing = playbook_load(text=BILLING)
        assert playbook_for_category("billing") == billing
        assert playbook_for_category("delivery").key == "default"
        assert playbook_for_category(None).key == "default"
        case = make_case()
        assert case.playbook.key == "default"  # no analysis category yet, so the default applies
