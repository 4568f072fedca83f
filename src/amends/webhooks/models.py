"""Webhook subscribers: a URL, the events it wants, and the secret its payloads are signed with."""

from __future__ import annotations

import secrets

from django.db import models


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField(max_length=1000)
    secret = models.CharField(max_length=100, default=new_secret,
                              help_text="Shared with the receiver, which uses it to check the signature.")
    event_types = models.JSONField(default=list, blank=True,
                                   help_text='Event names such as ["case.opened", "sla.breached"]; empty means all.')
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.url}"

    def wants(self, event_type: str) -> bool:
        return not self.event_types or event_type in self.event_types
