"""Reads for cases: the queue (ordered by urgency, then the nearest due step) and one case in full.

Any active desk user may read every case: a small team shares one queue. Who may *change* what
is decided in the services.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from amends.accounts.models import Role, User
from amends.cases.models import (
    PRIORITY_RANK,
    QUEUE_ORDER_KEYS,
    Case,
    CaseEvent,
    CaseStep,
    EventType,
    Message,
    Priority,
    Status,
)
from amends.core import clock
from amends.core.errors import InvalidInput, NotFound
from amends.customers.models import Customer

if TYPE_CHECKING:
    from amends.actions.models import Task
    from amends.followups.models import FollowUp
    from amends.remedies.models import Remedy

QUEUE_STATUSES = (Status.OPEN, Status.WAITING_CUSTOMER)
# Fields no queue row (API summary or desk list) reads.
QUEUE_DEFERRED = ("analysis", "salient_points", "agreed_resolution")
MAX_PAGE = 200


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None  # None: the working queue (open and waiting); "all": everything
    owner: str | None = None  # a username, "me" or "none"
    priority: str | None = None
    category: str | None = None
    search: str | None = None
    breached: bool = False  # an open step is past its due time
    awaiting_approval: bool = False  # a remedy waits for a manager


@dataclass(frozen=True)
class Page:
    items: list[Case]
    next_cursor: str | None


def _encode_cursor(case: Case) -> str:
    raw = json.dumps([case.priority_rank, case.next_due_at.isoformat() if case.next_due_at else None, case.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, dt.datetime | None, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        rank, due, pk = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        return int(rank), (dt.datetime.fromisoformat(due) if due else None), int(pk)
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("The cursor is not one this server gave out.") from exc


def _after(rank: int, due: dt.datetime | None, pk: int) -> Q:
    """Rows strictly after the cursor in the queue's order (-priority_rank, due time with none last, id)."""
    same_rank = Q(priority_rank=rank)
    if due is None:
        later_in_rank = Q(next_due_at__isnull=True, id__gt=pk)
    else:
        later_in_rank = (Q(next_due_at__gt=due) | Q(next_due_at__isnull=True)
                         | Q(next_due_at=due, id__gt=pk))
    return Q(priority_rank__lt=rank) | (same_rank & later_in_rank)


def queue_queryset(*, actor: User, filters: QueueFilters) -> QuerySet[Case]:
    qs = Case.objects.select_related("customer", "owner")
    if filters.status in (None, ""):
        qs = qs.filter(status__in=QUEUE_STATUSES)
    elif filters.status != "all":
        if filters.status not in Status.values:
            raise InvalidInput(f"Unknown status {filters.status!r}; use {', '.join(Status.values)} or all.")
        qs = qs.filter(status=filters.status)
    if filters.owner:
        if filters.owner == "me":
            qs = qs.filter(owner=actor)
        elif filters.owner == "none":
            qs = qs.filter(owner__isnull=True)
        else:
            qs = qs.filter(owner__username=filters.owner)
    if filters.priority:
        if filters.priority not in Priority.values:
            raise InvalidInput(f"Unknown priority {filters.priority!r}; use {', '.join(Priority.values)}.")
        # The rank says the same as the priority and leads the queue indexes, so both databases
        # read just that rank's rows, already in order.
        qs = qs.filter(priority=filters.priority, priority_rank=PRIORITY_RANK[Priority(filters.priority)])
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.breached:
        qs = qs.filter(next_due_at__lt=clock.now())
    if filters.awaiting_approval:
        from amends.remedies.selectors import pending_remedies

        # Driven from the (few) pending remedies rather than probing every open case.
        qs = qs.filter(pk__in=pending_remedies().values("case_id"))
    if filters.search:
        term = filters.search.replace("\x00", "").strip()[:200]
        if term:
            # The customer match is a subquery, not a join, so the case table drives the plan.
            customers = Customer.objects.filter(Q(name__icontains=term) | Q(email__icontains=term)).values("id")
            qs = qs.filter(Q(customer_id__in=customers) | Q(subject__icontains=term) | Q(story__icontains=term))
    return qs.order_by(*QUEUE_ORDER_KEYS)


def case_queue(*, actor: User, filters: QueueFilters, cursor: str | None = None, limit: int = 50) -> Page:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be between 1 and {MAX_PAGE}.")
    qs = queue_queryset(actor=actor, filters=filters)
    if cursor:
        qs = qs.filter(_after(*_decode_cursor(cursor)))
    # Order and cut the page on the case table alone, then load just those rows with their customer
    # and owner: joined first, SQLite would sort the whole working queue (100k cases: 300 ms vs 15 ms).
    ids = list(qs.values_list("id", flat=True)[: limit + 1])
    # The queue shows a summary: the analysis (a large JSON document to decode) and the other
    # fields no queue row shows stay in the table.
    by_id = Case.objects.select_related("customer", "owner").defer(*QUEUE_DEFERRED).in_bulk(ids)
    rows = [by_id[pk] for pk in ids if pk in by_id]
    has_more = len(rows) > limit
    items = rows[:limit]
    return Page(items=items, next_cursor=_encode_cursor(items[-1]) if has_more and items else None)


def case_get(*, case_id: int, actor: User | None = None) -> Case:
    case = Case.objects.select_related("customer", "owner", "playbook").filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"No case {case_id}.")
    return case


def case_for_update(*, case_id: int, actor: User) -> Case:
    case = Case.objects.select_related("customer", "owner").select_for_update(of=("self",)).filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"No case {case_id}.")
    return case


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("created_at", "id")


@dataclass(frozen=True)
class CaseDetail:
    """Everything that hangs off one case, in the order the case page and the API show it."""

    steps: list[CaseStep]  # by position
    messages: list[Message]
    remedies: list[Remedy]
    tasks: list[Task]
    follow_ups: list[FollowUp]
    timeline: list[CaseEvent]


def case_detail(*, case: Case) -> CaseDetail:
    """The case's related lists with the people each one names, one query per list."""
    return CaseDetail(
        steps=list(case.steps.select_related("completed_by").order_by("position")),
        messages=list(case.messages.select_related("author")),
        remedies=list(case.remedies.select_related("proposer", "approver")),
        tasks=list(case.tasks.select_related("assignee")),
        follow_ups=list(case.follow_ups.all()),
        timeline=list(case_timeline(case=case)),
    )


def customer_history(*, case: Case) -> QuerySet[Case]:
    return Case.objects.filter(customer=case.customer).exclude(pk=case.pk).order_by("-opened_at")


@dataclass(frozen=True)
class BoardRow:
    owner: User | None
    open_cases: int
    breached: int
    awaiting_approval: int


def team_board(*, actor: User) -> list[BoardRow]:
    """Open work per owner (unassigned last): how many cases, how many breached, how many wait on approval."""
    from amends.remedies.selectors import pending_remedies

    now = clock.now()
    pending = Exists(pending_remedies().filter(case=OuterRef("pk")))
    rows = (Case.objects.filter(status__in=QUEUE_STATUSES).values("owner")
            .annotate(open_cases=Count("id"), breached=Count("id", filter=Q(next_due_at__lt=now)),
                      awaiting_approval=Count("id", filter=Q(pending))))
    people = {u.pk: u for u in User.objects.filter(is_active=True)}
    board = [BoardRow(owner=people.get(r["owner"]) if r["owner"] else None, open_cases=r["open_cases"],
                      breached=r["breached"], awaiting_approval=r["awaiting_approval"]) for r in rows]
    seen = {r.owner.pk for r in board if r.owner}
    board += [BoardRow(owner=u, open_cases=0, breached=0, awaiting_approval=0)
              for u in people.values() if u.pk not in seen and u.role == Role.AGENT]
    board.sort(key=lambda r: (r.owner is None, -r.breached, -r.open_cases, r.owner.username if r.owner else ""))
    return board


@dataclass(frozen=True)
class DraftFacts:
    """What a drafted reply offers: the latest fix and extra not rejected, and the next follow-up."""

    fix: Remedy | None
    extra: Remedy | None
    follow_up_due: dt.datetime | None


def draft_facts(*, case: Case) -> DraftFacts:
    from amends.followups.models import FollowUpStatus
    from amends.remedies.models import RemedyStatus

    remedies = list(case.remedies.exclude(status=RemedyStatus.REJECTED).order_by("created_at", "id"))
    follow_up_due = (case.follow_ups.filter(status=FollowUpStatus.SCHEDULED).order_by("due_at")
                     .values_list("due_at", flat=True).first())
    return DraftFacts(fix=next((r for r in reversed(remedies) if not r.extra), None),
                      extra=next((r for r in reversed(remedies) if r.extra), None),
                      follow_up_due=follow_up_due)


def cases_pending_triage(*, limit: int) -> list[tuple[int, str]]:
    """(id, story) of the oldest cases whose intake triage waits for the full analysis."""
    return list(Case.objects.filter(triage_pending=True).order_by("id").values_list("id", "story")[:limit])


def priority_set_by_person(*, case: Case) -> bool:
    """Whether someone (not the desk's own rules) has changed the case's priority."""
    return case.events.filter(type=EventType.PRIORITY_CHANGED, actor__isnull=False).exists()
