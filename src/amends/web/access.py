"""Who may open which page of the web desk, and how domain errors become pages.

Every desk view is wrapped by :func:`desk_view` (signed-in users only) or :func:`manager_view`
(managers and admins only; others get 403). Both turn the domain error tree into the fitting
HTTP status so that no input a browser can send produces a 500.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amends.core.errors import AmendsError

View = Callable[..., HttpResponse]


def error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    template = "web/partials/error_inline.html" if getattr(request, "htmx", False) else "web/error.html"
    return render(request, template, {"title": title, "message": message, "status": status}, status=status)


_TITLES = {400: "That did not work", 401: "Please sign in", 403: "Not allowed", 404: "Not found",
           409: "That clashes with the case as it is now", 413: "Too large"}


def _guard(view: View, *, managers_only: bool) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            if getattr(request, "htmx", False):
                # A partial request cannot follow a redirect to a full page; ask htmx to navigate.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = redirect_to_login(request.get_full_path()).url
                return response
            return redirect_to_login(request.get_full_path())
        if managers_only and not getattr(user, "is_manager", False):
            return error_page(request, 403, _TITLES[403], "This page is for managers.")
        try:
            return view(request, *args, **kwargs)
        except AmendsError as exc:
            return error_page(request, exc.http_status, _TITLES.get(exc.http_status, "Error"), exc.message)

    return wrapper


def desk_view(view: View) -> View:
    return _guard(view, managers_only=False)


def manager_view(view: View) -> View:
    return _guard(view, managers_only=True)
