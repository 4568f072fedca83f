"""Reads for people and tokens."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from amends.accounts.models import ApiToken, Role, Team, User
from amends.accounts.services import hash_token, token_touch
from amends.core import clock
from amends.core.cache import ProcessCache

# How stale a token's "last used" time may be: written at most once a minute per token and process.
LAST_USED_EVERY = dt.timedelta(minutes=1)


@dataclass
class _LiveToken:
    token_id: int
    user: User
    last_used_at: dt.datetime | None


# Every API request starts by finding its token, and a client sends the same one each time: each
# process keeps the live tokens it has seen (by hash) with their user instead of running a join per
# request. Revoking, deactivating or changing a role or limit reaches other processes within the
# cache's 30 s (amends.core.cache; cleared here by the signals in apps.py).
TOKENS: ProcessCache[_LiveToken] = ProcessCache("tokens", max_entries=1000)


def _live_token(key_hash: str) -> _LiveToken | None:
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True).first())
    return _LiveToken(token.pk, token.user, token.last_used_at) if token else None


def user_for_token(raw: str) -> User | None:
    """The active user a live API token belongs to, or None (cached briefly per process, see above)."""
    key_hash = hash_token(raw)
    live = TOKENS.get(key_hash, lambda: _live_token(key_hash))
    if live is None:
        return None
    used = clock.now()
    if live.last_used_at is None or used - live.last_used_at >= LAST_USED_EVERY:
        token_touch(token_id=live.token_id, at=used)
        live.last_used_at = used
    # Each request gets its own copy: code further on may set attributes or cache relations on it.
    return copy.copy(live.user)


def approvers_for(value: Decimal) -> QuerySet[User]:
    """Who may decide on a remedy of this value: managers, and anyone whose own limit covers it."""
    return (User.objects.filter(is_active=True)
            .filter(Q(role__in=[Role.MANAGER, Role.ADMIN]) | Q(remedy_limit__gte=value)).order_by("id"))


def user_get(*, user_id: int) -> User:
    from amends.core.errors import NotFound

    user = User.objects.select_related("team", "manager").filter(pk=user_id).first()
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


def users_for_admin() -> QuerySet[User]:
    return User.objects.select_related("team", "manager").order_by("-is_active", "role", "username")


def active_users() -> QuerySet[User]:
    """Everyone who can own a case or a task, in the order pick lists show them."""
    return User.objects.filter(is_active=True).order_by("first_name", "username")


def active_user_named(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def possible_managers(*, excluding: User | None = None) -> QuerySet[User]:
    qs = User.objects.filter(is_active=True, role__in=[Role.MANAGER, Role.ADMIN])
    return qs.exclude(pk=excluding.pk) if excluding is not None and excluding.pk else qs


def teams() -> QuerySet[Team]:
    return Team.objects.order_by("name")

