"""Bearer-token auth: tokens from `amends token create`, compared by hash."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from amends.accounts.models import User
from amends.accounts.selectors import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token)


def actor_of(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
