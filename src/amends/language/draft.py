"""`draft`: a reply built from the case's facts that contains every playbook element.

Each element has several phrasings; `DraftContext.seed` picks among them so that replies to
different customers do not read as one template. The customer's salient points are restated
with the pronouns turned around ("my parcel was crushed" -> "your parcel was crushed"). When an
LLM backend is configured the built-in draft is handed to it for rephrasing, and its answer is
used only if the coach finds every element in it and no pitfall.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from amends.language.coach import PITFALLS, coach
from amends.language.llm import LLMConfig, rephrase
from amends.language.text import reflect

T = TypeVar("T")

_OPTIONS_BY_CATEGORY = {
    "product": "a replacement sent out straight away, a free repair, or a full refund",
    "delivery": "a free re-delivery on the day that suits you, or a full refund of the order",
    "billing": "a refund of the wrong charge, or a credit to your account",
    "service": "a refund of what you paid for the visit, or a fresh booking at a time that suits you",
    "other": "a refund, or another fix that works better for you",
}
# What the case is about when the customer's points are missing ("the problem with your bill").
_NOUN_BY_CATEGORY = {"delivery": "delivery", "billing": "bill", "product": "order", "service": "visit"}
_OUTCOME_TEXT = {
    "refund": "a full refund",
    "replacement": "a replacement",
    "repair": "a free repair",
    "discount": "a discount on this order",
    "apology": "a proper apology and an explanation of what went wrong",
    "explanation": "a clear explanation of what went wrong",
    "cancellation": "the cancellation you asked for, with nothing further to pay",
}


@dataclass
class DraftContext:
    """The case facts a draft is built from (filled in by the desk)."""

    customer_name: str = ""
    agent_name: str = ""
    salient_points: list[str] = field(default_factory=list)
    category: str = "other"
    desired_outcome: str | None = None
    remedy_description: str | None = None
    extra_description: str | None = None
    follow_up_date: date | None = None
    company_name: str = "our team"
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "customer_name": self.customer_name,
            "agent_name": self.agent_name,
            "salient_points": list(self.salient_points),
            "category": self.category,
            "desired_outcome": self.desired_outcome,
            "remedy_description": self.remedy_description,
            "extra_description": self.extra_description,
            "follow_up_date": self.follow_up_date.isoformat() if self.follow_up_date else None,
            "company_name": self.company_name,
            "seed": self.seed,
        }


def _join(points: list[str]) -> str:
    if len(points) == 1:
        return points[0]
    return ", ".join(points[:-1]) + " and " + points[-1]


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    return options[rng.randrange(len(options))]


def _date(d: date) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B')}"


def builtin_draft(ctx: DraftContext) -> str:
    rng = random.Random(ctx.seed)
    name = (ctx.customer_name or "").strip().split(" ")[0] or "there"
    agent = (ctx.agent_name or "").strip()
    company = (ctx.company_name or "our team").strip()
    points = [reflect(p) for p in ctx.salient_points if p and p.strip()][:3]
    category = ctx.category if ctx.category in _OPTIONS_BY_CATEGORY else "other"
    noun = _NOUN_BY_CATEGORY.get(category, "order")
    issue = _join(points) if points else f"the problem with your {noun}"

    greeting = _pick(rng, [f"Dear {name},", f"Hi {name},", f"Hello {name},"])
    thanks = _pick(
        rng,
        [
            "Thank you for taking the time to tell us what happened.",
            "Thank you for writing to us and explaining it so clearly.",
            "Thanks for letting us know about this; I'm glad you told us.",
        ],
    )
    if points:
        reflection = _pick(
            rng,
            [
                f"You told us that {issue}.",
                f"I can see from your message that {issue}.",
                f"As I understand it, {issue}.",
            ],
        )
    else:
        reflection = f"I have read your message about {issue} carefully."
    first = points[0] if points else f"there was a problem with your {noun}"
    empathy = _pick(
        rng,
        [
            f"I can only imagine how frustrating it was that {first}.",
            f"I understand how stressful it is when {first}, and it must have been really disappointing.",
            f"That must have been really frustrating; it is not the experience you should have had with {company}, "
            f"and I know it cost you time and hassle.",
        ],
    )
    apology = _pick(
        rng,
        [
            "I'm truly sorry for this.",
            "I'm so sorry we let you down.",
            "Please accept my sincere apologies.",
        ],
    )
    intro = f"My name is {agent}, and I" if agent else "I"
    ownership = _pick(
        rng,
        [
            f"This is on us. {intro} will personally make sure it is put right.",
            f"{intro} will be looking after this for you personally until it is fixed; "
            "this was our mistake, not yours.",
            f"We got this wrong. {intro} will make sure it is sorted properly.",
        ],
    )
    if ctx.remedy_description:
        remedy = _pick(
            rng,
            [
                f"To put it right, I can offer {ctx.remedy_description.strip().rstrip('.')}.",
                f"Here is what I can offer to fix it: {ctx.remedy_description.strip().rstrip('.')}.",
            ],
        )
        asks = _pick(
            rng,
            [
                "Would that work for you, or is there something else that would make it right?",
                "Does that sound right to you, or would you prefer a different option?",
            ],
        )
    else:
        wanted = _OUTCOME_TEXT.get(ctx.desired_outcome or "")
        opts = _OPTIONS_BY_CATEGORY[category]
        remedy = (
            f"I can offer {wanted} straight away, or {opts} if you would prefer."
            if wanted
            else f"I can offer you {opts}."
        )
        asks = _pick(
            rng,
            [
                "Which of these would you prefer, or is there something else that would make it right for you?",
                "Could you let me know which option suits you best?",
            ],
        )
    extra_text = (ctx.extra_description or "").strip().rstrip(".")
    extra = _pick(
        rng,
        [
            f"As a small goodwill gesture, I'd also like to add {extra_text or 'a voucher for your next order'}.",
            f"I'd also like to offer {extra_text or 'a complimentary voucher'} as a thank-you for your patience.",
        ],
    )
    if ctx.follow_up_date:
        follow = _pick(
            rng,
            [
                f"I will follow up with you on {_date(ctx.follow_up_date)} to make sure everything is sorted.",
                f"I'll check in with you on {_date(ctx.follow_up_date)} "
                "to make sure you are happy with how it turned out.",
            ],
        )
    else:
        follow = _pick(
            rng,
            [
                "I will follow up with you in a few days to make sure everything is sorted.",
                "I'll check in with you once it is done to make sure you are happy with the result.",
            ],
        )
    channel = "You can reply to this email to reach me directly at any time."
    sign = _pick(rng, ["Kind regards,", "With best wishes,", "All the best,"])
    signature = "\n".join(x for x in (sign, agent, company) if x)

    body_orders = [
        [thanks, reflection, empathy, apology, ownership],
        [thanks, apology, reflection, empathy, ownership],
        [reflection, empathy, apology, thanks, ownership],
    ]
    opening = " ".join(_pick(rng, body_orders))
    second = " ".join([remedy, asks, extra])
    third = " ".join([follow, channel])
    return f"{greeting}\n\n{opening}\n\n{second}\n\n{third}\n\n{signature}"


def draft(context: DraftContext, llm: LLMConfig | None = None) -> str:
    """The best reply for the case: the LLM's rephrasing when it passes the coach, else the built-in draft."""
    base = builtin_draft(context)
    if llm is None:
        return base
    if not isinstance(llm, LLMConfig):
        return base
    candidate = rephrase(base, context, llm)
    if candidate and acceptable(candidate, context):
        return candidate
    return base


def acceptable(reply: str, context: DraftContext | None = None) -> bool:
    """True when the coach finds every element and no pitfall in a reply (reflection checked
    against the case's salient points when there are any)."""
    points = [p for p in (context.salient_points if context else []) if p and p.strip()]
    result = coach(reply, ". ".join(points) if points else None)
    return not result.missing() and not any(result.pitfalls[p].present for p in PITFALLS)
