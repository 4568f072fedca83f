"""Signed, expiring, single-purpose links for customers (no account): confirm an agreement, answer a survey.

A token is the case id (and follow-up id) signed with the site's secret and a salt per purpose,
so a survey token cannot confirm an agreement. The issue time inside it is checked against the
desk's clock, which lets tests and simulations move time deliberately.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from amends.core import clock

AGREE = "agree"
SURVEY = "survey"
LIFETIME = {AGREE: dt.timedelta(days=14), SURVEY: dt.timedelta(days=30)}


class BadLink(Exception):
    """The link was altered, cut short or made for another purpose."""


class ExpiredLink(Exception):
    """The link was genuine but is too old."""


@dataclass(frozen=True)
class LinkData:
    purpose: str
    case_id: int
    follow_up_id: int | None
    issued_at: dt.datetime

    @property
    def expires_at(self) -> dt.datetime:
        return self.issued_at + LIFETIME[self.purpose]


def make_token(*, purpose: str, case_id: int, follow_up_id: int | None = None) -> str:
    payload = {"c": case_id, "f": follow_up_id, "t": int(clock.now().timestamp())}
    return signing.dumps(payload, salt=f"amends.customer-link.{purpose}", compress=True)


def make_url(*, purpose: str, case_id: int, follow_up_id: int | None = None) -> str:
    token = make_token(purpose=purpose, case_id=case_id, follow_up_id=follow_up_id)
    return settings.SITE_URL + reverse(f"customer:{purpose}", args=[token])


def read_token(token: str, *, purpose: str) -> LinkData:
    try:
        payload = signing.loads(token, salt=f"amends.customer-link.{purpose}")
        data = LinkData(purpose=purpose, case_id=int(payload["c"]),
                        follow_up_id=int(payload["f"]) if payload.get("f") is not None else None,
                        issued_at=dt.datetime.fromtimestamp(int(payload["t"]), tz=dt.UTC))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadLink(str(exc)) from exc
    if clock.now() > data.expires_at:
        raise ExpiredLink(data.expires_at.isoformat())
    return data
