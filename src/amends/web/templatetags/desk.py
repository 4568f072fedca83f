"""Template helpers of the web desk: highlighted stories, countdowns, badges and timeline sentences."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from amends.core import clock

register = template.Library()


@register.filter
def highlight_points(story: str, points: Any) -> SafeString:
    """The story, escaped, with every salient point that appears in it wrapped in <mark>."""
    text = story or ""
    spans: list[tuple[int, int, int]] = []
    for index, point in enumerate(points or []):
        if not isinstance(point, str) or len(point.strip()) < 3:
            continue
        match = re.search(re.escape(point.strip()), text, flags=re.IGNORECASE)
        if match and not any(s < match.end() and match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), index))
    spans.sort()
    out: list[str] = []
    cursor = 0
    for start, end, index in spans:
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="point" data-point="{index}">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@register.filter
def point_in_story(point: str, story: str) -> bool:
    return bool(point) and point.strip().lower() in (story or "").lower()


def _span(delta: dt.timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {mins}m"
    return f"{mins}m"


@register.simple_tag
def countdown(due: dt.datetime | None, now: dt.datetime | None = None) -> SafeString:
    """A countdown to a due time; desk.js keeps it ticking in the browser."""
    if due is None:
        return format_html('<span class="due due-none">no due step</span>')
    now = now or clock.now()
    delta = due - now
    if delta.total_seconds() < 0:
        state, label = "due-late", f"{_span(delta)} overdue"
    elif delta.total_seconds() < 3600:
        state, label = "due-soon", f"due in {_span(delta)}"
    else:
        state, label = "due-ok", f"due in {_span(delta)}"
    return format_html('<time class="due {}" datetime="{}" data-due="{}" title="{}">{}</time>',
                       state, due.isoformat(), due.isoformat(), due.strftime("%d %b %Y %H:%M UTC"), label)


@register.filter
def level(value: float | None) -> str:
    """0..1 intensity as low / medium / high (for badge colours)."""
    if value is None:
        return "none"
    return "high" if value >= 0.6 else "medium" if value >= 0.3 else "low"


SEVERITY = {0: "not a complaint", 1: "no reproach", 2: "disapproval", 3: "accusation", 4: "blame"}


@register.filter
def severity_label(value: int | None) -> str:
    return SEVERITY.get(value, "unknown") if value is not None else "not triaged"


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@register.filter
def humanise(value: str | None) -> str:
    return (value or "").replace("_", " ")


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _who(event: Any) -> str:
    return event.actor.display_name if event.actor else "Amends"


_SENTENCES: dict[str, str] = {
    "case_opened": "opened the case ({channel})",
    "triaged": "triaged it: {priority} priority, {category}",
    "triage_refined": "refined the triage with the full analysis: complaint probability {previous_probability} → "
                      "{probability}, anger {previous_anger} → {anger}, severity {previous_severity} → {severity}",
    "message_received": "recorded a message from the customer",
    "reply_sent": "sent a reply (coach score {score})",
    "note_added": "added an internal note",
    "owner_assigned": "assigned the case to {owner}",
    "priority_changed": "changed priority from {previous} to {priority}",
    "status_changed": "changed status from {previous} to {status}",
    "points_confirmed": "confirmed the customer's points",
    "step_completed": "completed step “{step}”",
    "step_skipped": "skipped step “{step}”: {reason}",
    "step_added": "added step “{title}”",
    "step_reopened": "reopened step “{step}”",
    "resolution_agreed": "recorded the agreed resolution: {resolution}",
    "remedy_proposed": "proposed a {kind} of {value} {currency}",
    "remedy_awaits_approval": "asked a manager to approve a {kind} of {value} {currency} (limit {limit})",
    "remedy_approved": "approved the {kind} of {value} {currency}",
    "remedy_rejected": "declined the {kind} of {value} {currency}",
    "remedy_delivered": "delivered the {kind} of {value} {currency}",
    "task_created": "created task “{title}”",
    "task_completed": "completed task “{title}”",
    "follow_up_scheduled": "scheduled a follow-up",
    "follow_up_sent": "sent the follow-up",
    "survey_answered": "answered the survey: satisfaction {satisfaction}/5",
    "sla_warning": "flagged a step as nearly due",
    "sla_breached": "flagged a step as overdue",
    "escalated": "escalated the case",
    "email_sent": "sent an email",
    "case_closed": "closed the case: {outcome}",
    "case_reopened": "reopened the case: {reason}",
}


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "–"


@register.filter
def event_sentence(event: Any) -> str:
    payload = {k: ("–" if v in (None, "") else str(v).replace("_", " ")) for k, v in (event.payload or {}).items()}
    pattern = _SENTENCES.get(event.type, event.type.replace("_", " "))
    text = pattern.format_map(_Blank(payload))
    if event.type == "remedy_approved" and (event.payload or {}).get("within_authority"):
        text += " (within their authority)"
    elif event.type in ("remedy_approved", "remedy_rejected") and (event.payload or {}).get("note"):
        text += f" — “{event.payload['note']}”"
    return f"{_who(event)} {text}"


@register.simple_tag(takes_context=True)
def pending_approvals(context: Any) -> int:
    """How many remedies wait for a manager (the nav badge); 0 for agents, who cannot act on them."""
    user = context.get("user")
    if not user or not getattr(user, "is_manager", False):
        return 0
    from amends.remedies.selectors import pending_approval_count

    return pending_approval_count()


ELEMENT_LABELS = {
    "thanks": "Thanks the customer", "apology": "Sincere apology", "empathy": "Empathy tied to this case",
    "reflection": "Restates their points", "ownership": "Takes ownership", "remedy": "Concrete remedy",
    "something_extra": "Something extra", "follow_up": "Follow-up or direct line", "asks_customer": "Asks the customer",
}
PITFALL_LABELS = {
    "conditional_apology": "Conditional apology (“sorry if…”)", "defensive": "Defends or corrects the customer",
    "blames_other": "Blames someone else", "generic": "Reads like a template",
}
# Words in a suggestion that point at the element or pitfall it is about.
_HINTS = [
    ("conditional_apology", ("sorry if", "conditional", "if you felt")),
    ("blames_other", ("blam", "colleague", "supplier", "third party")),
    ("defensive", ("defen", "correct", "justif", "argu", "disput")),
    ("generic", ("generic", "template", "stock phrase")),
    ("thanks", ("thank",)),
    ("apology", ("apolog", "sorry")),
    ("empathy", ("empath", "feel", "impact", "frustrat")),
    ("reflection", ("restate", "point about", "reflect", "in your own words", "listened")),
    ("ownership", ("ownership", "responsib", "personally", "first person")),
    ("something_extra", ("something extra", "goodwill", "voucher", "gesture")),
    ("asks_customer", ("ask ", "ask the", "question", "which option")),
    ("remedy", ("remedy", "refund", "replace", "fix", "option", "compensat")),
    ("follow_up", ("follow", "check back", "direct way", "reach you")),
]


@register.filter
def element_label(key: str) -> str:
    return ELEMENT_LABELS.get(key) or PITFALL_LABELS.get(key) or key.replace("_", " ")


@register.filter
def suggestion_text(suggestion: Any) -> str:
    if isinstance(suggestion, dict):
        return str(suggestion.get("text") or suggestion.get("message") or "")
    return str(suggestion)


@register.filter
def suggestion_target(suggestion: Any) -> str:
    """Which element or pitfall a suggestion is about, so a click can show where it applies."""
    if isinstance(suggestion, dict):
        for key in ("element", "pitfall", "target", "key"):
            if suggestion.get(key):
                return str(suggestion[key])
    # Quoted customer words ("the courier was rude") must not steer the match.
    text = re.sub(r"“[^”]*”|\"[^\"]*\"", "", suggestion_text(suggestion)).lower()
    for key, words in _HINTS:
        if any(w in text for w in words):
            return key
    return ""


@register.filter
def as_json(value: Any) -> str:
    import json

    return json.dumps(value or [])
