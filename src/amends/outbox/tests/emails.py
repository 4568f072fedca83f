"""Raw customer emails for the inbound tests, built with the standard library."""

from __future__ import annotations

from email.message import EmailMessage


def customer_email(message_id: str, *, subject: str = "My lamp arrived broken", body: str = "The glass was in pieces.",
                   sender: str = "Dana Doe <dana@example.com>", in_reply_to: str = "", references: str = "") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "desk@localhost"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    msg.set_content(body)
    return msg.as_bytes()
