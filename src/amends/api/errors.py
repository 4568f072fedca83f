"""Domain errors and framework errors mapped to JSON ``{"error": {"code", "message"}}`` once."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from amends.core.errors import AmendsError

log = logging.getLogger(__name__)


def _error(api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message, **extra}}, status=status)


def _describe(errors: list[dict[str, Any]]) -> str:
    parts = []
    for err in errors[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "payload", "query", "path"))
        parts.append(f"{loc or 'body'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "The request is not valid."


def install(api: NinjaAPI) -> None:
    @api.exception_handler(AmendsError)
    def domain_error(request: HttpRequest, exc: AmendsError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.http_status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors]
        return _error(api, request, 422, "invalid_input", _describe(exc.errors), fields=fields)

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _error(api, request, 401, "not_authenticated",
                      "Send a valid API token as 'Authorization: Bearer <token>'.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, AmendsError):
            # Ninja wraps what the body parser raised; the parser's own message says more.
            return api.create_response(request, exc.__cause__.as_dict(), status=exc.__cause__.http_status)
        code = "invalid_json" if exc.status_code == 400 else "http_error"
        message = str(exc)
        if code == "invalid_json":
            message = "The request body is not valid JSON in UTF-8."
        return _error(api, request, exc.status_code, code, message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(api, request, 404, "not_found", "No such resource.")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _error(api, request, 413, "payload_too_large", "The request body is too large.")

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("unexpected error in the API")
        return _error(api, request, 500, "internal_error", "Something went wrong on our side; it was logged.")
