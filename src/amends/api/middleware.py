"""Refuses oversized API bodies before anything reads them, and NUL characters in the URL, with the
API's JSON error shape."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
            if limit and length > limit:
                return _error(413, "payload_too_large", f"The request body is larger than {limit} bytes.")
            # PostgreSQL cannot compare text with NUL in it; no real path or filter carries one.
            if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "").lower():
                return _error(400, "invalid_input", "The URL must not contain NUL characters.")
        return self.get_response(request)
