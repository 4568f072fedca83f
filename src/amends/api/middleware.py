"""Guards the API edge: refuses oversized bodies before anything reads them and NUL characters in
the URL, and gives errors from outside the API (unknown route, wrong method) its JSON error shape."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

INBOUND_EMAIL_PATH = "/api/v1/inbound/email"


def _error(status: int, code: str, message: str) -> HttpResponse:
    body = {"error": {"code": code, "message": message}}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


class ApiBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
            if request.path == INBOUND_EMAIL_PATH:
                limit = settings.INBOUND_EMAIL_MAX_BYTES  # a raw email with its attachments
            if limit and length > limit:
                return _error(413, "payload_too_large", f"The request body is larger than {limit} bytes.")
            # PostgreSQL cannot compare text with NUL in it; no real path or filter carries one.
            if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "").lower():
                return _error(400, "invalid_input", "The URL must not contain NUL characters.")
            response = self.get_response(request)
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith("application/json"):
                # Errors raised before the API sees the request (no such route, wrong method)
                # still answer in the API's JSON shape.
                code = "not_found" if response.status_code == 404 else "http_error"
                message = "No such API resource." if response.status_code == 404 else response.reason_phrase
                return _error(response.status_code, code, message)
            return response
        return self.get_response(request)
