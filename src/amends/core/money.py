"""Money values arrive as strings, ints or floats; they are kept as two-decimal Decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from amends.core.errors import InvalidInput

MAX_VALUE = Decimal("10000000")


def to_money(value: object, *, field: str = "value") -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(f"{field} must be a number, got {value!r}") from exc
    if not amount.is_finite() or amount < 0 or amount > MAX_VALUE:
        raise InvalidInput(f"{field} must be between 0 and {MAX_VALUE}")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
