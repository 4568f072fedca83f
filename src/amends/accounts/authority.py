"""Who may grant what: the single rule behind remedy approval."""

from __future__ import annotations

from decimal import Decimal

from amends.accounts.models import User


def authority_covers(user: User, value: Decimal) -> bool:
    return user.is_active and value <= user.remedy_limit


def may_approve(user: User, value: Decimal) -> bool:
    """Managers approve any remedy; anyone else only what their own limit covers."""
    return user.is_active and (user.is_manager or authority_covers(user, value))
