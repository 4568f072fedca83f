from __future__ import annotations

from collections.abc import Iterator

import pytest

from amends.outbox.tests.smtp_server import SmtpBox


@pytest.fixture
def smtp(settings) -> Iterator[SmtpBox]:  # type: ignore[no-untyped-def]
    box = SmtpBox().start()
    settings.SMTP_URL = box.url
    try:
        yield box
    finally:
        box.stop()
