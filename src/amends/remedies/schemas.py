"""API shapes for remedies."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

RemedyKindName = Literal["refund", "replacement", "repair", "discount", "voucher", "complimentary", "other"]


class RemedyIn(Schema):
    kind: RemedyKindName
    value: Decimal = Field(ge=0, le=10_000_000, max_digits=12, decimal_places=2)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    extra: bool = False
    description: str = Field(default="", max_length=500)


class DecisionIn(Schema):
    note: str = Field(default="", max_length=500)
