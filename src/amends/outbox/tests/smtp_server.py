"""A real SMTP server (aiosmtpd) on loopback for tests: it can be stopped, restarted and stalled."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Handler:
    def __init__(self, box: SmtpBox) -> None:
        self.box = box

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: Any) -> str:
        if self.box.stall_next:
            # Hold the sender mid-conversation (before DATA) until the test lets go.
            self.box.stall_next = False
            self.box.stalled.set()
            while not self.box.release.is_set():
                await asyncio.sleep(0.02)
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.box.received.append(bytes(envelope.original_content or envelope.content))
        return "250 Message accepted"


class SmtpBox:
    """Collects every message accepted; ``messages()`` parses them."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[bytes] = []
        self.stall_next = False
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?timeout=5"

    def start(self) -> SmtpBox:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[EmailMessage]:
        return [BytesParser(policy=policy.default).parsebytes(raw) for raw in list(self.received)]  # type: ignore[misc]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages()
