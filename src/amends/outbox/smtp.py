"""Sending one email to the SMTP server named by a URL.

``smtp://user:pass@host:587?starttls=1`` (STARTTLS), ``smtps://host:465`` (TLS from the start),
``smtp://127.0.0.1:1025`` (plain, for a local relay); ``timeout=SECONDS`` is optional.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str
    password: str
    ssl: bool
    starttls: bool
    timeout: float


def parse_smtp_url(url: str) -> SmtpConfig:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"AMENDS_SMTP_URL must start with smtp:// or smtps://, not {parts.scheme!r}.")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    use_ssl = parts.scheme == "smtps"
    return SmtpConfig(
        host=parts.hostname or "localhost",
        port=parts.port or (465 if use_ssl else 25),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        ssl=use_ssl,
        starttls=query.get("starttls", "0").lower() in ("1", "true", "yes"),
        timeout=float(query.get("timeout", "30")),
    )


def send_via_url(url: str, msg: EmailMessage) -> None:
    """Send msg; raises smtplib/socket errors for the caller to record and retry."""
    cfg = parse_smtp_url(url)
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if cfg.ssl:
        client = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=context)
    else:
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
    with client:
        if cfg.starttls:
            client.starttls(context=context)
        if cfg.username:
            client.login(cfg.username, cfg.password)
        client.send_message(msg)
