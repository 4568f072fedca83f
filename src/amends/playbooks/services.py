"""Writes for playbooks: load one from YAML (creating or replacing its steps)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from amends.core.errors import InvalidInput
from amends.playbooks.models import Playbook, PlaybookStep

DEFAULT_FILE = Path(__file__).with_name("default.yaml")


def _validate(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not data.get("key") or not isinstance(data.get("steps"), list):
        raise InvalidInput("A playbook needs a key and a list of steps.")
    seen: set[str] = set()
    for i, step in enumerate(data["steps"]):
        if not isinstance(step, dict) or not step.get("key") or not step.get("title"):
            raise InvalidInput(f"Step {i + 1} needs a key and a title.")
        if step["key"] in seen:
            raise InvalidInput(f"Step key {step['key']!r} appears twice.")
        seen.add(step["key"])
        minutes = step.get("target_minutes", 1440)
        if not isinstance(minutes, int) or minutes <= 0:
            raise InvalidInput(f"Step {step['key']!r}: target_minutes must be a positive whole number.")
    return data


def _replace_steps(playbook: Playbook, steps: list[dict[str, Any]]) -> None:
    """The playbook's steps become these (already validated), in this order."""
    playbook.steps.all().delete()
    PlaybookStep.objects.bulk_create([
        PlaybookStep(
            playbook=playbook, key=s["key"], title=str(s["title"])[:200], guidance=(s.get("guidance") or "").strip(),
            done_when=(s.get("done_when") or "")[:300], required=bool(s.get("required", True)),
            target_minutes=s.get("target_minutes", 1440), position=i,
        )
        for i, s in enumerate(steps)
    ])


@transaction.atomic
def playbook_load(*, text: str, make_default: bool | None = None) -> Playbook:
    try:
        data = _validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise InvalidInput(f"The playbook is not valid YAML: {exc}") from exc
    playbook, _ = Playbook.objects.update_or_create(
        key=data["key"],
        defaults={"name": data.get("name") or data["key"], "category": data.get("category") or ""},
    )
    is_default = data["key"] == "default" if make_default is None else make_default
    if is_default:
        Playbook.objects.exclude(pk=playbook.pk).filter(is_default=True).update(is_default=False)
        playbook.is_default = True
        playbook.save(update_fields=["is_default"])
    _replace_steps(playbook, data["steps"])
    return playbook


def playbook_ensure_default() -> Playbook:
    existing = Playbook.objects.filter(is_default=True).first()
    return existing or playbook_load(text=DEFAULT_FILE.read_text(), make_default=True)


@transaction.atomic
def playbook_steps_replace(*, playbook: Playbook, steps: list[dict[str, Any]]) -> Playbook:
    """Replace a playbook's steps in the given order; cases already open keep the steps they started with."""
    _validate({"key": playbook.key, "steps": steps})
    if not steps:
        raise InvalidInput("A playbook needs at least one step.")
    _replace_steps(playbook, steps)
    playbook.save(update_fields=["updated_at"])
    return playbook
