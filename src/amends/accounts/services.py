"""Writes for people and tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction

from amends.accounts.models import ApiToken, Role, Team, User
from amends.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from amends.core.money import to_money

DEFAULT_LIMITS = {Role.AGENT: Decimal("50.00"), Role.MANAGER: Decimal("1000.00"), Role.ADMIN: Decimal("1000.00")}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _apply_role(user: User, role: str) -> None:
    """The role, and the Django admin access that goes with it: managers and admins are staff, admins superusers."""
    user.role = role
    user.is_staff = role in (Role.MANAGER, Role.ADMIN)
    user.is_superuser = role == Role.ADMIN


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str = Role.AGENT,
    limit: Decimal | str | None = None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    manager: User | None = None,
) -> User:
    username = username.strip()
    if not username or len(username) > 150:
        raise InvalidInput("A user needs a name of 1 to 150 characters.")
    if role not in Role.values:
        raise InvalidInput(f"Unknown role {role!r}; use one of {', '.join(Role.values)}.")
    remedy_limit = DEFAULT_LIMITS[Role(role)] if limit is None else to_money(limit, field="limit")
    try:
        with transaction.atomic():
            user = User(username=username, remedy_limit=remedy_limit, email=email, first_name=first_name,
                        last_name=last_name, manager=manager)
            _apply_role(user, role)
            user.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(f"A user named {username!r} already exists.") from exc
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def token_create(*, username: str, name: str = "") -> tuple[ApiToken, str]:
    """Make a token and return it with its raw value, which is shown once and never stored."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(f"No active user named {username!r}.")
    raw = "amd_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], key_hash=hash_token(raw))
    return token, raw


def token_touch(*, token_id: int, at: dt.datetime) -> None:
    """Record when a token was last used (the token lookup: at most once a minute per token and process).

    An UPDATE rather than save(): saving an ApiToken clears the token cache (accounts.apps), and a
    request's own bookkeeping must not empty it. One statement, so atomic without a transaction.
    """
    ApiToken.objects.filter(pk=token_id).update(last_used_at=at)


@transaction.atomic
def user_update(
    *, user: User, actor: User, first_name: str, last_name: str, email: str, role: str,
    remedy_limit: Decimal | str, team: Team | None, manager: User | None, is_active: bool,
) -> User:
    """Change a person's details, role and remedy authority (managers only)."""
    if not actor.is_manager:
        raise NotPermitted("Only managers change people's roles and limits.")
    if role not in Role.values:
        raise InvalidInput(f"Unknown role {role!r}.")
    if role == Role.ADMIN and actor.role != Role.ADMIN and user.role != Role.ADMIN:
        raise NotPermitted("Only an admin can make someone an admin.")
    if user.pk == actor.pk and (not is_active or role == Role.AGENT):
        raise InvalidInput("You cannot deactivate yourself or remove your own manager role.")
    if manager is not None and manager.pk == user.pk:
        raise InvalidInput("Nobody can be their own manager.")
    user.first_name, user.last_name, user.email = first_name[:150], last_name[:150], email[:254]
    _apply_role(user, role)
    user.remedy_limit = to_money(remedy_limit, field="limit")
    user.team, user.manager, user.is_active = team, manager, is_active
    user.save()
    return user
