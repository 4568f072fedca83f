"""The bridge from the desk to the language engine: analyse a complaint, coach a reply.

The engine is a pure library; this module turns its results into the plain dicts the desk stores
and maps urgency onto a case priority.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from amends.cases.models import Case, Priority
from amends.cases.selectors import draft_facts

log = logging.getLogger(__name__)

URGENCY_TO_PRIORITY = {
    "low": Priority.LOW, "normal": Priority.NORMAL, "high": Priority.HIGH, "critical": Priority.CRITICAL,
}


def analyse_text(text: str, *, fast: bool = False) -> dict[str, Any] | None:
    """The engine's analysis as the contract's dict, or None when the engine failed on this text.

    ``fast`` leaves out the engine's fine-tuned encoder (its linear heads alone, about a quarter
    of the time): what intake uses while the request waits.
    """
    return analyse_texts([text], fast=fast)[0]


def analyse_texts(texts: list[str], *, fast: bool = False) -> list[dict[str, Any] | None]:
    """analyse_text over a batch: one engine call, so the models run once for all of them.

    Everything the desk analyses was sent to the business, so a report of harm or a legal threat
    is always a complaint, however short (the engine's ``to_business``).
    """
    try:
        from amends import language

        return [a.to_dict() for a in language.analyze_many(texts, fast=fast, to_business=True)]
    except Exception:  # the desk must never lose a complaint because triage failed
        log.exception("analysis failed; the cases are kept without triage")
        return [None for _ in texts]


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


def language_ready() -> bool:
    """Whether the language engine is installed and exposes its entry points."""
    try:
        from amends import language
    except Exception:
        return False
    return all(hasattr(language, name) for name in ("analyze", "coach", "draft", "DraftContext"))


def draft_reply(*, case: Case, agent_name: str, company_name: str = "") -> str | None:
    """A full reply built from the case's facts by the engine's ``draft``; None when the engine is absent."""
    if not language_ready():
        return None
    from amends import language

    facts = draft_facts(case=case)

    def describe(remedy: Any) -> str | None:
        if remedy is None:
            return None
        amount = f"{remedy.value} {remedy.currency}"
        if remedy.description:
            return f"{remedy.description} (worth {amount})" if remedy.value else remedy.description
        return f"a {remedy.get_kind_display().lower()} of {amount}" if remedy.value else f"a {remedy.kind}"

    context = language.DraftContext(
        customer_name=case.customer.name, agent_name=agent_name, salient_points=list(case.salient_points or []),
        category=case.category or "other", desired_outcome=case.desired_outcome or None,
        remedy_description=describe(facts.fix), extra_description=describe(facts.extra),
        follow_up_date=facts.follow_up_due.date() if facts.follow_up_due else None,
        company_name=company_name or "our team", seed=case.pk,
    )
    llm = None
    if getattr(settings, "LLM_URL", ""):
        # An optional rephrasing model; the engine checks its output with the coach before using it.
        llm = language.LLMConfig(base_url=settings.LLM_URL, model=settings.LLM_MODEL or "default",
                                 api_key=settings.LLM_API_KEY or None)
    try:
        return str(language.draft(context, llm=llm))
    except Exception:
        log.exception("drafting failed for case %s", case.pk)
        return None
