"""insert_new must write exactly the rows bulk_create would, and hand back saved instances."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from amends.accounts.models import User
from amends.cases.models import Case, CaseEvent, CaseStep, Channel, EventType, Priority
from amends.core.inserts import insert_new
from amends.customers.models import Customer

pytestmark = pytest.mark.django_db

OPENED = dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _case(customer: Customer, **fields: object) -> Case:
    return Case(customer=customer, channel=Channel.EMAIL, subject="Late parcel", story="It came late.",
                opened_at=OPENED, priority=Priority.HIGH, salient_points=["it came late", "box crushed"],
                analysis={"complaint": {"label": True, "probability": 0.93}, "category": "delivery"}, **fields)


def _columns(obj: object) -> dict[str, object]:
    model = type(obj)
    row = model.objects.values().get(pk=obj.pk)  # type: ignore[attr-defined]
    return {k: v for k, v in row.items() if k not in ("id", "updated_at")}


def test_rows_read_back_the_same_as_bulk_create_writes(agent: User) -> None:
    customer = Customer.objects.create(name="Mia", email="mia@example.com")
    fast, slow = _case(customer, owner=agent), _case(customer, owner=agent)
    insert_new([fast])
    Case.objects.bulk_create([slow])
    assert _columns(fast) == _columns(slow)
    again = Case.objects.get(pk=fast.pk)
    assert again.opened_at == OPENED
    assert again.salient_points == ["it came late", "box crushed"]
    assert again.analysis is not None and again.analysis["complaint"]["probability"] == 0.93
    assert again.priority == "high" and again.owner == agent


def test_instances_come_back_saved_with_their_keys_and_auto_now_set() -> None:
    customer = Customer.objects.create(name="Mia")
    cases = insert_new([_case(customer), _case(customer), _case(customer)])
    assert [c.pk for c in cases] == sorted(c.pk for c in cases)
    assert len({c.pk for c in cases}) == 3
    assert all(not c._state.adding for c in cases)
    assert all(c.updated_at is not None for c in cases)
    assert Case.objects.filter(pk__in=[c.pk for c in cases]).count() == 3


def test_children_built_before_their_parent_was_saved_take_its_key() -> None:
    customer = Customer.objects.create(name="Mia")
    case = _case(customer)
    steps = [CaseStep(case=case, key=k, title=k.title(), position=i, due_at=OPENED if i else None)
             for i, k in enumerate(["listen", "thank", "apologise"])]
    insert_new([case])
    insert_new(steps)
    stored = list(CaseStep.objects.filter(case=case).order_by("position").values_list("key", "due_at"))
    assert stored == [("listen", None), ("thank", OPENED), ("apologise", OPENED)]


def test_json_payloads_and_null_actors_round_trip() -> None:
    case = insert_new([_case(Customer.objects.create(name="Mia"))])[0]
    events = insert_new([CaseEvent(case=case, type=EventType.CASE_OPENED, actor=None,
                                   payload={"note": "ünïcode ✓", "nested": {"n": [1, 2]}}, created_at=OPENED)])
    event = CaseEvent.objects.get(pk=events[0].pk)
    assert event.actor is None and event.type == "case_opened"
    assert event.payload == {"note": "ünïcode ✓", "nested": {"n": [1, 2]}}


def test_a_constraint_violation_is_raised_and_nothing_is_written() -> None:
    customer = Customer.objects.create(name="Mia")
    insert_new([_case(customer, external_id="ext-1")])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_new([_case(customer, external_id="ext-2"), _case(customer, external_id="ext-1")])
    assert list(Case.objects.values_list("external_id", flat=True)) == ["ext-1"]


def test_more_rows_than_one_statement_takes_are_split_and_keep_their_order() -> None:
    # Batches as bulk_create does (SQLite: 999 parameters a statement, so 199 five-column events).
    case = insert_new([_case(Customer.objects.create(name="Mia"))])[0]
    events = [CaseEvent(case=case, type=EventType.NOTE_ADDED, payload={"n": n}, created_at=OPENED) for n in range(1200)]
    fields = [f for f in CaseEvent._meta.concrete_fields if not f.primary_key]
    per_statement = connection.ops.bulk_batch_size(fields, events)
    with CaptureQueriesContext(connection) as queries:
        insert_new(events)
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "cases_caseevent"')]
    assert len(inserts) == math.ceil(1200 / per_statement)
    assert len({e.pk for e in events}) == 1200
    stored = dict(CaseEvent.objects.filter(case=case).values_list("pk", "payload"))
    assert [stored[e.pk]["n"] for e in events] == list(range(1200))


def test_an_empty_list_writes_nothing() -> None:
    assert insert_new([]) == []
    assert Case.objects.count() == 0
