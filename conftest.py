"""Fixtures every test in the repository may use: people, tokens, an API client and a case factory.

They go through the real services (no hand-built rows), so whatever a fixture gives is a state the
desk itself could reach.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from amends.accounts.models import Role, User
from amends.accounts.services import token_create, user_create
from amends.cases import services as case_services
from amends.cases.models import Case


class ApiClient:
    """django.test.Client speaking JSON to API v1 with a bearer token (or none, or a wrong one)."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def get(self, path: str, params: dict[str, Any] | None = None, **extra: str) -> Any:
        return self.client.get(self._url(path), params or {}, **self._headers(extra))

    def post(self, path: str, data: Any = None, **extra: str) -> Any:
        body = b"" if data is None else json.dumps(data)
        return self.client.post(self._url(path), body, content_type="application/json", **self._headers(extra))

    def post_raw(self, path: str, body: bytes, content_type: str = "application/json", **extra: str) -> Any:
        return self.client.post(self._url(path), body, content_type=content_type, **self._headers(extra))

    @staticmethod
    def _url(path: str) -> str:
        return path if path.startswith("/") else "/api/v1/" + path


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    # Tokens, playbooks, SLA policies and calendars and webhook subscribers are cached per process; a
    # test's rows are rolled back or flushed afterwards, so no test may see what an earlier one cached.
    from amends.core.cache import clear_all_caches

    clear_all_caches()
    yield
    clear_all_caches()


@pytest.fixture
def agent(db: None) -> User:
    """An agent who may grant up to 50 on their own."""
    return user_create(username="ana", role=Role.AGENT, limit=Decimal("50"), first_name="Ana",
                       email="ana@example.com", password="demo-pass-ana")


@pytest.fixture
def other_agent(db: None) -> User:
    return user_create(username="ben", role=Role.AGENT, limit=Decimal("20"), first_name="Ben")


@pytest.fixture
def manager(db: None) -> User:
    return user_create(username="mia", role=Role.MANAGER, limit=Decimal("1000"), first_name="Mia")


@pytest.fixture
def admin_user(db: None) -> User:
    return user_create(username="root", role=Role.ADMIN, password="admin-pass-123")


@pytest.fixture
def make_token() -> Callable[[User], str]:
    def make(user: User) -> str:
        return token_create(username=user.username, name="tests")[1]

    return make


@pytest.fixture
def agent_token(agent: User, make_token: Callable[[User], str]) -> str:
    return make_token(agent)


@pytest.fixture
def manager_token(manager: User, make_token: Callable[[User], str]) -> str:
    return make_token(manager)


@pytest.fixture
def api_client() -> Callable[[str | None], ApiClient]:
    """Build a client for a raw token: ``api_client(agent_token)``; ``api_client(None)`` sends no header."""
    return ApiClient


@pytest.fixture
def agent_api(agent_token: str) -> ApiClient:
    return ApiClient(agent_token)


@pytest.fixture
def manager_api(manager_token: str) -> ApiClient:
    return ApiClient(manager_token)


@pytest.fixture
def make_case(db: None) -> Callable[..., Case]:
    """Open a case through ``case_open``; keyword arguments override the defaults."""
    counter = {"n": 0}

    def make(**overrides: Any) -> Case:
        counter["n"] += 1
        n = counter["n"]
        kwargs: dict[str, Any] = {
            "actor": None,
            "customer_name": f"Customer {n}",
            "customer_email": f"customer{n}@example.com",
            "channel": "email",
            "message": f"Order {1000 + n} arrived two weeks late and the box was crushed. I would like a refund.",
        }
        kwargs.update(overrides)
        case, _ = case_services.case_open(**kwargs)
        return case

    return make
