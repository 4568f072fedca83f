"""Webhook writes (being built)."""
from __future__ import annotations

from typing import Any


def webhook_on_event(event: Any) -> None:
    return None
