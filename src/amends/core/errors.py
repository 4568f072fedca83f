"""The one domain error tree. Services raise these; the API and the web map them to HTTP once.

    AmendsError
    ├── InvalidInput        400  the request is malformed or a value is out of range
    ├── NotAuthenticated    401  no or bad credentials
    ├── NotPermitted        403  the actor may not do this
    ├── NotFound            404  the thing does not exist (or is not visible to the actor)
    ├── Conflict            409  the request clashes with the current state
    │   └── OpenStepsRemain 409  closing while required playbook steps are open
    └── PayloadTooLarge     413
"""

from __future__ import annotations

from typing import Any, ClassVar


class AmendsError(Exception):
    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        body.update(self.details)
        return {"error": body}


class InvalidInput(AmendsError):
    code = "invalid_input"
    http_status = 400


class NotAuthenticated(AmendsError):
    code = "not_authenticated"
    http_status = 401


class NotPermitted(AmendsError):
    code = "forbidden"
    http_status = 403


class NotFound(AmendsError):
    code = "not_found"
    http_status = 404


class Conflict(AmendsError):
    code = "conflict"
    http_status = 409


class OpenStepsRemain(Conflict):
    code = "open_steps"

    def __init__(self, open_steps: list[str]) -> None:
        super().__init__(
            "The case cannot be closed as recovered while required steps are open: " + ", ".join(open_steps),
            details={"open_steps": open_steps},
        )
        self.open_steps = open_steps


class PayloadTooLarge(AmendsError):
    code = "payload_too_large"
    http_status = 413
