"""Reads for people and tokens."""

from __future__ import annotations

import copy
import datetime as dt
import threading
import time
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from amends.accounts.models import ApiToken, Role, Team, User
from amends.accounts.services import hash_token
from amends.core import clock

# Every API request starts by finding its token. A client sends the same token for each of its
# requests, so each process keeps the tokens it has seen (by hash) with their user for a short
# while instead of running a join per request. Saving a token or a user (revoking, deactivating,
# changing a role or limit, in the admin or through a service) clears this cache in the process
# that saved it (signals in apps.py); **other processes (the other web workers) see a revoked
# token, a deactivated user or a new limit within TOKEN_CACHE_SECONDS**. A bulk UPDATE that sends
# no signal is likewise seen within that time.
TOKEN_CACHE_SECONDS = 30.0
TOKEN_CACHE_SIZE = 1000
# How stale a token's "last used" time may be: written at most once a minute per token and process.
LAST_USED_EVERY = dt.timedelta(minutes=1)

_token_cache: dict[str, tuple[float, int, User, dt.datetime | None]] = {}
_token_cache_lock = threading.Lock()


def token_cache_clear(**_: Any) -> None:
    with _token_cache_lock:
        _token_cache.clear()


def user_for_token(raw: str) -> User | None:
    """The active user a live API token belongs to, or None (cached briefly per process, see above)."""
    key_hash = hash_token(raw)
    now = time.monotonic()
    hit = _token_cache.get(key_hash)
    if hit is not None and hit[0] > now:
        expires, token_id, user, last_used_at = hit
    else:
        token = (ApiToken.objects.select_related("user")
                 .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True).first())
        if token is None:
            return None
        expires, token_id, user, last_used_at = now + TOKEN_CACHE_SECONDS, token.pk, token.user, token.last_used_at
    used = clock.now()
    if last_used_at is None or used - last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=used)
        last_used_at = used
    with _token_cache_lock:
        if len(_token_cache) >= TOKEN_CACHE_SIZE and key_hash not in _token_cache:
            _token_cache.clear()  # many distinct tokens at once is rare; start again rather than track age
        _token_cache[key_hash] = (expires, token_id, user, last_used_at)
    # Each request gets its own copy: code further on may set attributes or cache relations on it.
    return copy.copy(user)


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

