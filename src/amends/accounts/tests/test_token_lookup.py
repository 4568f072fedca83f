"""The per-process token cache behind user_for_token: changes saved here count at once, last use is recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from amends.accounts.models import ApiToken, User
from amends.accounts.selectors import user_for_token
from amends.accounts.services import token_create, token_touch
from amends.core import clock

pytestmark = pytest.mark.django_db


def test_a_token_revoked_after_it_was_cached_stops_working_at_once(agent: User) -> None:
    token, raw = token_create(username="ana")
    assert user_for_token(raw) == agent
    token.revoked_at = clock.now()
    token.save()
    assert user_for_token(raw) is None


def test_a_user_deactivated_after_their_token_was_cached_is_refused_at_once(agent: User) -> None:
    _, raw = token_create(username="ana")
    assert user_for_token(raw) == agent
    agent.is_active = False
    agent.save()
    assert user_for_token(raw) is None


def test_a_changed_limit_is_seen_by_the_next_request(agent: User) -> None:
    _, raw = token_create(username="ana")
    assert user_for_token(raw).remedy_limit == Decimal("50")  # type: ignore[union-attr]
    agent.remedy_limit = Decimal("80")
    agent.save()
    assert user_for_token(raw).remedy_limit == Decimal("80")  # type: ignore[union-attr]


def test_each_request_gets_its_own_user_object(agent: User) -> None:
    _, raw = token_create(username="ana")
    first = user_for_token(raw)
    assert first is not None
    first.first_name = "changed by one request"
    second = user_for_token(raw)
    assert second is not None and second is not first and second.first_name == "Ana"


def test_last_use_is_recorded_at_most_once_a_minute(agent: User) -> None:
    token, raw = token_create(username="ana")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with clock.frozen_at(start):
        user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    with clock.frozen_at(start + dt.timedelta(seconds=59)):
        user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    with clock.frozen_at(start + dt.timedelta(seconds=61)):
        user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start + dt.timedelta(seconds=61)


def test_unknown_tokens_are_not_remembered_as_valid(agent: User) -> None:
    assert user_for_token("amd_not-a-token") is None
    assert user_for_token("amd_not-a-token") is None


def test_recording_last_use_keeps_the_cached_token(
        agent: User, django_capture_on_commit_callbacks: Callable[..., Any],
        django_assert_num_queries: Callable[..., Any]) -> None:
    token, raw = token_create(username="ana")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True), clock.frozen_at(start):
        assert user_for_token(raw) == agent  # looked up, last use recorded, kept from the commit on
    token_touch(token_id=token.pk, at=start + dt.timedelta(seconds=10))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start + dt.timedelta(seconds=10)
    # The touch sent no save signal, so the token is still cached: no query at all.
    with django_assert_num_queries(0), clock.frozen_at(start + dt.timedelta(seconds=30)):
        assert user_for_token(raw) == agent
