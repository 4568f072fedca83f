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


def playbooks_all() -> list[Playbook]:
    return list(Playbook.objects.prefetch_related("steps").order_by("-is_default", "name"))


def playbook_get(*, playbook_id: int) -> Playbook:
    from amends.core.errors import NotFound

    book = Playbook.objects.filter(pk=playbook_id).first()
    if book is None:
        raise NotFound(f"No playbook {playbook_id}.")
    return book
