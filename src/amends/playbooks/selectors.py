"""Reads for playbooks: which playbook a new case of a given category follows."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction

from amends.playbooks.models import Playbook, PlaybookStep
from amends.playbooks.services import playbook_ensure_default

# Every new case copies its playbook's steps, and playbooks change rarely: keep each category's
# playbook and steps per process for a short while. Saving or deleting a playbook or a step
# clears this cache in the process that saved it (signals in apps.py); other processes (the other
# web workers, the job worker) pick the change up within CACHE_SECONDS.
CACHE_SECONDS = 30.0
_cache: dict[str, tuple[float, tuple[Playbook, list[PlaybookStep]]]] = {}


def playbook_cache_clear(**_: Any) -> None:
    _cache.clear()


def playbook_for_category(category: str | None) -> Playbook:
    if category:
        specific = Playbook.objects.filter(category=category).order_by("id").first()
        if specific:
            return specific
    return playbook_ensure_default()


def playbook_with_steps_for_category(category: str | None) -> tuple[Playbook, list[PlaybookStep]]:
    """The playbook a new case of this category follows, with its steps in order (cached briefly)."""
    key = category or ""
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    playbook = playbook_for_category(category)
    value = (playbook, list(playbook.steps.order_by("position", "id")))
    # Kept only once the surrounding transaction commits: the default playbook may have just been
    # created in it, and a rollback must not leave a playbook in the cache that does not exist.
    transaction.on_commit(lambda: _cache.__setitem__(key, (now + CACHE_SECONDS, value)))
    return value


def playbooks_all() -> list[Playbook]:
    return list(Playbook.objects.prefetch_related("steps").order_by("-is_default", "name"))


def playbook_get(*, playbook_id: int) -> Playbook:
    from amends.core.errors import NotFound

    book = Playbook.objects.filter(pk=playbook_id).first()
    if book is None:
        raise NotFound(f"No playbook {playbook_id}.")
    return book
