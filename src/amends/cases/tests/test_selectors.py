"""The queue: most urgent first, then the nearest due step; cursor pages; filters. One case in full."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from amends.accounts.models import User
from amends.cases import selectors, services
from amends.cases.models import Case, Status
from amends.cases.selectors import QueueFilters, case_queue
from amends.core import clock
from amends.core.errors import InvalidInput, NotFound

T0 = dt.datetime(2025, 5, 5, 8, 0, tzinfo=dt.UTC)


def walk(actor: User, filters: QueueFilters, limit: int) -> list[list[int]]:
    pages: list[list[int]] = []
    cursor = None
    while True:
        page = case_queue(actor=actor, filters=filters, cursor=cursor, limit=limit)
        pages.append([c.pk for c in page.items])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@pytest.fixture
def mixed_queue(make_case, agent: User) -> list[Case]:
    """Thirty cases with mixed priorities, opening times (so due times) and some closed."""
    rng = random.Random(3)
    cases = []
    for i in range(30):
        with clock.frozen_at(T0 + dt.timedelta(minutes=rng.randrange(0, 600))):
            case = make_case()
        services.case_set_priority(case=case, priority=rng.choice(["low", "normal", "high", "critical"]), actor=agent)
        if i % 7 == 0:
            case = services.case_close(case=case, actor=agent, outcome="not_recovered")
        cases.append(case)
    # Two cases with identical due times, to exercise the id tie-break.
    for _ in range(2):
        with clock.frozen_at(T0):
            cases.append(make_case())
    return cases


@pytest.mark.django_db
class TestQueue:
    def test_order_is_priority_then_nearest_due_then_id(self, mixed_queue, agent: User) -> None:
        items = case_queue(actor=agent, filters=QueueFilters(), limit=200).items
        keys = [(-c.priority_rank, c.next_due_at, c.pk) for c in items]
        assert keys == sorted(keys)
        assert [c.priority_rank for c in items][0] == 4
        assert all(c.status != Status.CLOSED for c in items)

    def test_cursor_pages_cover_the_queue_without_duplicates_or_gaps(self, mixed_queue, agent: User) -> None:
        everything = [c.pk for c in case_queue(actor=agent, filters=QueueFilters(status="all"), limit=200).items]
        assert len(everything) == len(mixed_queue)
        for limit in (1, 4, 7, 31, 32):
            pages = walk(agent, QueueFilters(status="all"), limit)
            assert [pk for page in pages for pk in page] == everything, limit
            assert all(len(p) == limit for p in pages[:-1])

    def test_a_case_that_is_not_due_sorts_after_due_ones(self, make_case, agent: User) -> None:
        closed_steps = make_case()
        for step in closed_steps.steps.all():
            services.step_skip(case=closed_steps, key=step.key, actor=agent, reason="test")
        closed_steps.refresh_from_db()
        assert closed_steps.next_due_at is None
        due = make_case()
        pages = walk(agent, QueueFilters(), 1)
        assert [p[0] for p in pages] == [due.pk, closed_steps.pk]

    def test_filters(self, mixed_queue, agent: User, other_agent: User) -> None:
        mine = [c for c in mixed_queue if c.status != Status.CLOSED][:3]
        for case in mine:
            services.case_assign(case=case, owner=other_agent, actor=agent)
        by_owner = case_queue(actor=agent, filters=QueueFilters(owner="ben")).items
        assert {c.pk for c in by_owner} == {c.pk for c in mine}
        me = case_queue(actor=other_agent, filters=QueueFilters(owner="me")).items
        assert {c.pk for c in me} == {c.pk for c in mine}
        nobody = case_queue(actor=agent, filters=QueueFilters(owner="none"), limit=200).items
        assert all(c.owner_id is None for c in nobody) and nobody
        high = case_queue(actor=agent, filters=QueueFilters(priority="high"), limit=200).items
        assert high and all(c.priority == "high" for c in high)
        closed = case_queue(actor=agent, filters=QueueFilters(status="closed"), limit=200).items
        assert {c.pk for c in closed} == {c.pk for c in mixed_queue if c.status == Status.CLOSED}

    def test_search_finds_name_email_subject_and_story(self, make_case, agent: User) -> None:
        target = make_case(customer_name="Greta Olsen", customer_email="greta@fjord.example",
                           message="The espresso tasted of dishwater.")
        make_case()
        for term in ("olsen", "FJORD", "dishwater"):
            assert [c.pk for c in case_queue(actor=agent, filters=QueueFilters(search=term)).items] == [target.pk]

    @pytest.mark.parametrize("filters,cursor,limit", [
        (QueueFilters(status="sleeping"), None, 50), (QueueFilters(priority="asap"), None, 50),
        (QueueFilters(), "not-a-cursor", 50), (QueueFilters(), "W10", 50), (QueueFilters(), None, 0),
        (QueueFilters(), None, 201),
    ])
    def test_bad_filters_are_invalid_input(self, agent: User, filters, cursor, limit) -> None:
        with pytest.raises(InvalidInput):
            case_queue(actor=agent, filters=filters, cursor=cursor, limit=limit)


@pytest.mark.django_db
def test_case_get_and_not_found(make_case, agent: User) -> None:
    case = make_case()
    assert selectors.case_get(case_id=case.pk, actor=agent) == case
    with pytest.raises(NotFound):
        selectors.case_get(case_id=case.pk + 1000, actor=agent)


@pytest.mark.django_db
def test_customer_history_lists_their_other_cases_newest_first(make_case) -> None:
    with clock.frozen_at(T0):
        first = make_case(customer_email="repeat@example.com")
    with clock.frozen_at(T0 + dt.timedelta(days=3)):
        second = make_case(customer_email="repeat@example.com")
    third = make_case(customer_email="repeat@example.com")
    make_case()
    assert list(selectors.customer_history(case=third)) == [second, first]


@pytest.mark.django_db
@pytest.mark.parametrize("filters", [
    QueueFilters(), QueueFilters(status="all"), QueueFilters(priority="high"), QueueFilters(owner="none"),
    QueueFilters(owner="me"), QueueFilters(category="billing"),
], ids=["working", "all", "priority", "unassigned", "mine", "category"])
def test_the_queue_walks_an_index_in_order_instead_of_sorting(filters: QueueFilters, agent: User,
                                                              make_case) -> None:
    # At 100,000 cases sorting the working queue costs tens of milliseconds a page; read in index
    # order it costs well under one. The plan, not a timing, is what is checked here.
    from django.db import connection

    make_case()
    cursor = case_queue(actor=agent, filters=QueueFilters(status="all"), limit=1).next_cursor
    for after in (None, cursor):
        qs = selectors.queue_queryset(actor=agent, filters=filters)
        if after:
            qs = qs.filter(selectors._after(*selectors._decode_cursor(after)))
        sql, params = qs.values_list("id", flat=True)[:51].query.sql_with_params()
        with connection.cursor() as db:
            if connection.vendor == "sqlite":
                db.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = " | ".join(str(row[-1]) for row in db.fetchall())
                assert "TEMP B-TREE" not in plan, plan
            else:
                # A handful of rows would rather be scanned and sorted; discourage both to see
                # whether an index can give the order at all (the planner still sorts if none can).
                for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                    db.execute(f"SET LOCAL {setting} = off")
                db.execute("EXPLAIN " + sql, params)
                plan = " | ".join(row[0] for row in db.fetchall())
                assert "Sort" not in plan, plan


@pytest.mark.django_db
def test_draft_facts_are_the_latest_fix_and_extra_not_rejected_and_the_scheduled_follow_up(
        make_case, agent: User, manager: User) -> None:
    from amends.followups.services import followup_schedule
    from amends.remedies.services import remedy_propose, remedy_reject

    case = make_case()
    assert selectors.draft_facts(case=case) == selectors.DraftFacts(fix=None, extra=None, follow_up_due=None)
    with clock.frozen_at(T0):
        earlier = remedy_propose(case=case, actor=agent, kind="refund", value="20")
    with clock.frozen_at(T0 + dt.timedelta(minutes=1)):
        fix = remedy_propose(case=case, actor=agent, kind="replacement", value="40")
        extra = remedy_propose(case=case, actor=agent, kind="voucher", value="10", extra=True)
    with clock.frozen_at(T0 + dt.timedelta(minutes=2)):
        refused = remedy_propose(case=case, actor=agent, kind="refund", value="300")
    remedy_reject(remedy=refused, actor=manager, note="too much")
    due = T0 + dt.timedelta(days=3)
    followup_schedule(case=case, actor=agent, due_at=due)
    facts = selectors.draft_facts(case=case)
    assert (facts.fix, facts.extra, facts.follow_up_due) == (fix, extra, due)
    assert earlier not in (facts.fix, facts.extra)


@pytest.mark.django_db
def test_case_detail_reads_each_list_once_with_the_people_it_names(
        make_case, agent: User, manager: User, django_assert_num_queries) -> None:
    from amends.actions.services import task_create
    from amends.followups.services import followup_schedule
    from amends.remedies.services import remedy_approve, remedy_propose

    case = make_case()
    services.step_complete(case=case, key="listen", actor=agent)
    services.message_add(case=case, direction="note", body="Called her back.", actor=agent)
    remedy_approve(remedy=remedy_propose(case=case, actor=agent, kind="refund", value="90"), actor=manager)
    task_create(case=case, actor=agent, title="Refund the card", assignee=manager)
    followup_schedule(case=case, actor=agent, due_at=T0)
    case = selectors.case_get(case_id=case.pk)
    with django_assert_num_queries(6):  # one per list, whatever the lists hold
        detail = selectors.case_detail(case=case)
        names = ([s.completed_by.username for s in detail.steps if s.completed_by]
                 + [m.author.username for m in detail.messages if m.author]
                 + [f"{r.proposer.username}>{r.approver.username}"
                    for r in detail.remedies if r.proposer and r.approver]
                 + [t.assignee.username for t in detail.tasks if t.assignee])
        actors = {e.actor.username for e in detail.timeline if e.actor}
    assert names == ["ana", "ana", "ana>mia", "mia"] and actors == {"ana", "mia"}
    assert [s.position for s in detail.steps] == sorted(s.position for s in detail.steps)
    assert [f.due_at for f in detail.follow_ups] == [T0]
    assert [e.pk for e in detail.timeline] == list(selectors.case_timeline(case=case).values_list("pk", flat=True))
