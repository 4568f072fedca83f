"""Reads for remedies: the approvals inbox and the catalogue."""

from __future__ import annotations

import pytest

from amends.core.errors import NotFound
from amends.remedies.models import CatalogueItem
from amends.remedies.selectors import catalogue, remedies_awaiting_approval, remedy_get
from amends.remedies.services import remedy_approve, remedy_propose


@pytest.mark.django_db
def test_inbox_lists_only_pending_remedies_oldest_first(make_case, agent, manager) -> None:
    case = make_case()
    first = remedy_propose(case=case, actor=agent, kind="refund", value=120)
    remedy_propose(case=case, actor=agent, kind="refund", value=10)
    second = remedy_propose(case=case, actor=agent, kind="replacement", value=300)
    decided = remedy_propose(case=case, actor=agent, kind="refund", value=99)
    remedy_approve(remedy=decided, actor=manager)
    assert list(remedies_awaiting_approval(actor=manager)) == [first, second]


@pytest.mark.django_db
def test_remedy_get_and_not_found(make_case, agent) -> None:
    remedy = remedy_propose(case=make_case(), actor=agent, kind="refund", value=1)
    assert remedy_get(remedy_id=remedy.pk, actor=agent) == remedy
    with pytest.raises(NotFound):
        remedy_get(remedy_id=remedy.pk + 1, actor=agent)


@pytest.mark.django_db
def test_catalogue_hides_inactive_items_unless_asked() -> None:
    CatalogueItem.objects.create(name="Free dessert", kind="complimentary", default_value=6, is_extra=True)
    CatalogueItem.objects.create(name="Old voucher", kind="voucher", default_value=5, active=False)
    assert [i.name for i in catalogue()] == ["Free dessert"]
    assert {i.name for i in catalogue(active_only=False)} == {"Free dessert", "Old voucher"}
