"""The API's JSON body parser: strict UTF-8, and no NUL characters anywhere in the data.

PostgreSQL cannot store NUL in text, and no customer types one, so a body that carries one is
refused with a 400 up front instead of failing half-way through a write.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from amends.core.errors import InvalidInput


def contains_nul(data: Any) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in data.items())
    if isinstance(data, list):
        return any(contains_nul(v) for v in data)
    return False


class InvalidJson(InvalidInput):
    code = "invalid_json"


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidJson("The request body is not valid UTF-8.") from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InvalidJson(f"The request body is not valid JSON: {exc}.") from exc
        if not isinstance(data, dict):
            raise InvalidJson("The request body must be a JSON object.")
        if contains_nul(data):
            raise InvalidInput("Text in the request must not contain NUL characters (\\u0000).")
        return data  # type: ignore[no-any-return]
