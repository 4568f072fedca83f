"""Webhook subscriptions in the admin; their deliveries and retries are in Outbox messages."""

from django.contrib import admin

from amends.webhooks.models import WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "event_types", "active", "created_at")
    list_filter = ("active",)
