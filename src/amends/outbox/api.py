"""Inbound email route of API v1: a mail gateway posts one raw RFC 822 message; the service threads it.

The body is the raw MIME message itself (``Content-Type: message/rfc822`` or ``text/plain``), not
JSON, so it is read from the request stream with the inbound-email size limit rather than the API's
general body limit (emails carry attachments).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status

from amends.api.schemas import ErrorOut
from amends.core.errors import InvalidInput
from amends.outbox.services import inbound_email_take

router = Router()
ACCEPTED_TYPES = ("message/rfc822", "text/plain")


class UnsupportedMediaType(InvalidInput):
    code = "unsupported_media_type"
    http_status = 415


class InboundEmailOut(Schema):
    id: int
    status: str
    case_id: int | None
    message_id: str


@router.post("/email", response={200: InboundEmailOut, 201: InboundEmailOut, 400: ErrorOut, 401: ErrorOut,
                                 413: ErrorOut, 415: ErrorOut},
             summary="Receive one inbound email (raw RFC 822)")
def receive_email(request: HttpRequest) -> Status[dict[str, Any]]:
    """Thread the email onto its case by its headers, or open a new case; 201 when stored, 200 for a repeat."""
    if (request.content_type or "").lower() not in ACCEPTED_TYPES:
        raise UnsupportedMediaType(f"Send the raw email with Content-Type {' or '.join(ACCEPTED_TYPES)}.")
    # One byte past the limit is enough for the service to refuse an oversized email (413) without
    # reading the rest of it into memory; it refuses an empty one (400) too.
    raw = request.read(settings.INBOUND_EMAIL_MAX_BYTES + 1)
    inbound, stored = inbound_email_take(raw=raw)
    return Status(201 if stored else 200, {"id": inbound.pk, "status": inbound.status, "case_id": inbound.case_id,
                                           "message_id": inbound.message_id})
