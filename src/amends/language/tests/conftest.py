"""Shared fixtures for the language engine tests (plain pytest, no Django)."""

from __future__ import annotations

import pytest

from amends.language.model import get_model


@pytest.fixture(scope="session")
def model():  # type: ignore[no-untyped-def]
    return get_model()
