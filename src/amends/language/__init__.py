"""amends.language: the framework-free text engine of Amends (no Django imports).

- `analyze(text)` / `analyze_many(texts)`: triage a customer message (complaint, severity,
  emotions, category, urgency, salient points, desired outcome).
- `coach(reply, customer_message=None)`: the recovery-playbook elements and pitfalls in a reply,
  a 0-100 score and concrete suggestions.
- `draft(context, llm=None)`: a reply containing every element, built from the case's facts;
  optionally rephrased by an OpenAI-compatible model (`LLMConfig`) and checked by the coach.

The trained artefacts ship in `artefacts/` and are loaded on first use; see docs/language.md.
"""

from __future__ import annotations

from amends.language.analyze import Analysis, analyze, analyze_many
from amends.language.coach import ELEMENTS, PITFALLS, Coaching, Finding, coach
from amends.language.draft import DraftContext, draft
from amends.language.llm import LLMConfig

__all__ = [
    "ELEMENTS",
    "PITFALLS",
    "Analysis",
    "Coaching",
    "DraftContext",
    "Finding",
    "LLMConfig",
    "analyze",
    "analyze_many",
    "coach",
    "draft",
]
