"""Reads for playbooks: which playbook a new case of a given category follows."""

from __future__ import annotations

from amends.playbooks.models import Playbook
from amends.playbooks.services import playbook_ensure_default


def playbook_for_category(category: str | None) -> Playbook:
    if category:
        specific = Playbook.objects.filter(category=category).order_by("id").first()
        if specific:
            return specific
    return playbook_ensure_default()
