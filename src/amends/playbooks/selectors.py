"""Reads for playbooks: which playbook a new case of a given category follows."""

from __future__ import annotations

from amends.core.cache import ProcessCache
from amends.playbooks.models import Playbook, PlaybookStep
from amends.playbooks.services import playbook_ensure_default

# Every new case copies its playbook's steps, and playbooks change rarely: each category's playbook
# and steps are kept per process (amends.core.cache; cleared by the signals in apps.py).
PLAYBOOKS: ProcessCache[tuple[Playbook, list[PlaybookStep]]] = ProcessCache("playbooks")


def playbook_for_category(category: str | None) -> Playbook:
    if category:
        specific = Playbook.objects.filter(category=category).order_by("id").first()
        if specific:
            return specific
    return playbook_ensure_default()


def playbook_with_steps_for_category(category: str | None) -> tuple[Playbook, list[PlaybookStep]]:
    """The playbook a new case of this category follows, with its steps in order (cached briefly)."""
    def load() -> tuple[Playbook, list[PlaybookStep]]:
        playbook = playbook_for_category(category)
        return playbook, list(playbook.steps.order_by("position", "id"))

    return PLAYBOOKS.get(category or "", load)


def playbooks_all() -> list[Playbook]:
    return list(Playbook.objects.prefetch_related("steps").order_by("-is_default", "name"))


def playbook_get(*, playbook_id: int) -> Playbook:
    from amends.core.errors import NotFound

    book = Playbook.objects.filter(pk=playbook_id).first()
    if book is None:
        raise NotFound(f"No playbook {playbook_id}.")
    return book
