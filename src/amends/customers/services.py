"""Writes for customers."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from amends.core.errors import InvalidInput
from amends.customers.models import Customer


def customer_get_or_create(*, name: str, email: str = "", phone: str = "") -> Customer:
    """Find the customer by email (case-insensitive) or create them; a new name updates nothing.

    Bad input is refused before anything touches the database, so a caller's transaction stays
    usable. The rest is one read and at most one insert, which needs no savepoint of its own:
    inside case_open it is part of that transaction and rolls back with it.
    """
    name = (name or "").replace("\x00", "").strip()
    email = (email or "").replace("\x00", "").strip().lower()
    if not name and not email:
        raise InvalidInput("A customer needs a name or an email address.")
    if len(name) > 200:
        raise InvalidInput("The customer's name is longer than 200 characters.")
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as exc:
            raise InvalidInput(f"{email!r} is not a valid email address.") from exc
        existing = Customer.objects.filter(email=email).order_by("id").first()
        if existing:
            return existing
    phone = (phone or "").replace("\x00", "")[:40]
    return Customer.objects.create(name=name or email.split("@")[0], email=email, phone=phone)
