"""Reads for people and tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from amends.accounts.models import ApiToken, User
from amends.accounts.services import hash_token


def user_for_token(raw: str) -> User | None:
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True).first())
    return token.user if token else None


def approvers_for(value: object) -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=["manager", "admin"]).order_by("id")


def user_get(*, user_id: int) -> User:
    from amends.core.errors import NotFound

    user = User.objects.select_related("team", "manager").filter(pk=user_id).first()
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


def users_for_admin() -> QuerySet[User]:
    return User.objects.select_related("team", "manager").order_by("-is_active", "role", "username")
