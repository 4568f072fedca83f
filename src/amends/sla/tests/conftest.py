from __future__ import annotations

from collections.abc import Iterator

import pytest

from amends.sla.services import sla_cache_clear


@pytest.fixture(autouse=True)
def _fresh_sla_cache() -> Iterator[None]:
    # Calendars and policies made in one test are rolled back, but a process cache would keep them.
    sla_cache_clear()
    yield
    sla_cache_clear()
