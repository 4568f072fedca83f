"""Refuses oversized API bodies before anything reads them, with the API's JSON error shape."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
                body = {"error": {"code": "payload_too_large",
                                  "message": f"The request body is larger than {limit} bytes."}}
                return HttpResponse(json.dumps(body), status=413, content_type="application/json")
        return self.get_response(request)
