"""Short-lived per-process caches for rows that hot paths read on every request and people rarely change.

API tokens, playbooks, SLA policies and calendars, and webhook subscribers are read for every API
request or every new case. Each process keeps what it read for ``seconds``. Saving or deleting one
of the watched models clears the cache in the process that saved it (``clear_on_change``); **other
processes (the other web workers, the job worker) see the change within ``seconds``**, and so does
a bulk UPDATE that sends no signal.

A value is kept only once the transaction it was read in commits: a row created inside a
transaction that rolls back (a default playbook made on first use) must not outlive it. A None is
never kept: what does not exist yet (a token just created in another process) is looked up again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, overload

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

V = TypeVar("V")

_ALL: list[ProcessCache[Any]] = []


class ProcessCache(Generic[V]):
    def __init__(self, name: str, *, seconds: float = 30.0, max_entries: int = 1000) -> None:
        self.name = name
        self.seconds = seconds
        self.max_entries = max_entries
        self._data: dict[Hashable, tuple[float, V]] = {}
        _ALL.append(self)

    @overload
    def get(self, key: Hashable, load: Callable[[], V]) -> V: ...

    @overload
    def get(self, key: Hashable, load: Callable[[], V | None]) -> V | None: ...

    def get(self, key: Hashable, load: Callable[[], V | None]) -> V | None:
        """The cached value for key, or ``load()``'s, kept from the commit on."""
        now = time.monotonic()
        hit = self._data.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = load()
        if value is not None:
            transaction.on_commit(lambda: self._keep(key, now + self.seconds, value))
        return value

    def _keep(self, key: Hashable, expires: float, value: V) -> None:
        if len(self._data) >= self.max_entries and key not in self._data:
            self._data.clear()  # many distinct keys at once is rare; start again rather than track age
        self._data[key] = (expires, value)

    def clear(self, **_: Any) -> None:
        self._data.clear()

    def clear_on_change(self, *watched: type[models.Model]) -> None:
        """Clear this cache whenever one of these models is saved or deleted in this process."""
        for model in watched:
            uid = f"{self.name}-cache-{model._meta.label}"
            post_save.connect(self.clear, sender=model, dispatch_uid=uid)
            post_delete.connect(self.clear, sender=model, dispatch_uid=uid + "-delete")


def clear_all_caches() -> None:
    """Every process cache, emptied (tests: no test may see what an earlier one cached)."""
    for cache in _ALL:
        cache.clear()
