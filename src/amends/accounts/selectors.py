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
