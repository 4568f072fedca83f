"""ProcessCache keeps committed reads for a while, forgets rollbacks, misses and watched changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from amends.core import cache as cache_module
from amends.core.cache import ProcessCache, clear_all_caches
from amends.customers.models import Customer

pytestmark = pytest.mark.django_db


class Loads:
    def __init__(self, value: Any) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


def test_a_committed_read_is_served_from_the_cache_until_it_expires(
        django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    c: ProcessCache[str] = ProcessCache("test-expiry", seconds=30)
    load = Loads("v")
    with django_capture_on_commit_callbacks(execute=True):
        assert c.get("k", load) == "v"
    assert c.get("k", load) == "v"
    assert load.calls == 1
    now[0] += 31
    with django_capture_on_commit_callbacks(execute=True):
        c.get("k", load)
    assert load.calls == 2


def test_a_read_in_a_transaction_that_rolls_back_is_not_kept(
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    c: ProcessCache[str] = ProcessCache("test-rollback")
    load = Loads("v")
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        c.get("k", load)
        raise RuntimeError
    assert callbacks == []
    c.get("k", load)
    assert load.calls == 2


def test_none_is_looked_up_again(django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    c: ProcessCache[str] = ProcessCache("test-none")
    load = Loads(None)
    with django_capture_on_commit_callbacks(execute=True):
        assert c.get("k", load) is None
        assert c.get("k", load) is None
    assert load.calls == 2


def test_saving_a_watched_model_and_clear_all_empty_the_cache(
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    c: ProcessCache[str] = ProcessCache("test-watch")
    c.clear_on_change(Customer)
    load = Loads("v")
    with django_capture_on_commit_callbacks(execute=True):
        c.get("k", load)
    Customer.objects.create(name="Mia")
    with django_capture_on_commit_callbacks(execute=True):
        c.get("k", load)
    assert load.calls == 2
    clear_all_caches()
    c.get("k", load)
    assert load.calls == 3
