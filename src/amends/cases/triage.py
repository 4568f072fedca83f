"""The bridge from the desk to the language engine: analyse a complaint, coach a reply.

The engine is a pure library; this module turns its results into the plain dicts the desk stores
and maps urgency onto a case priority.
"""

from __future__ import annotations

import logging
from typing import Any

from amends.cases.models import Priority

log = logging.getLogger(__name__)

URGENCY_TO_PRIORITY = {
    "low": Priority.LOW, "normal": Priority.NORMAL, "high": Priority.HIGH, "critical": Priority.CRITICAL,
}


def analyse_text(text: str) -> dict[str, Any] | None:
    """The engine's analysis as the contract's dict, or None when the engine failed on this text."""
    try:
        from amends import language

        return language.analyze(text).to_dict()
    except Exception:  # the desk must never lose a complaint because triage failed
        log.exception("analysis failed; the case is kept without triage")
        return None


def coach_reply(reply: str, customer_message: str | None) -> dict[str, Any] | None:
    try:
        from amends import language

        return language.coach(reply, customer_message=customer_message).to_dict()
    except Exception:
        log.exception("coaching failed; the reply is kept without coaching")
        return None


def priority_for(analysis: dict[str, Any] | None) -> Priority:
    if not analysis:
        return Priority.NORMAL
    return URGENCY_TO_PRIORITY.get(str(analysis.get("urgency")), Priority.NORMAL)
