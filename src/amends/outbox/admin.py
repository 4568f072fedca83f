"""The outbox in the admin: what was sent, what waits, what failed and why, with a retry button."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from amends.outbox.models import DeliveryAttempt, InboundEmail, OutboxMessage
from amends.outbox.services import inbound_email_process, outbox_retry_now


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ("number", "started_at", "finished_at", "ok", "status_code", "error", "worker")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "purpose", "status", "to_address", "event_type", "subject", "attempts",
                    "next_attempt_at", "sent_at", "last_status_code")
    list_filter = ("kind", "status", "purpose")
    search_fields = ("to_address", "subject", "message_id", "event_type", "endpoint")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    inlines = [DeliveryAttemptInline]
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Retry the selected deliveries now")
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        for row in queryset:
            outbox_retry_now(outbox=row)
        messages.success(request, f"{queryset.count()} deliveries will be tried again shortly.")


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    list_display = ("id", "from_address", "subject", "status", "case", "received_at")
    list_filter = ("status",)
    search_fields = ("from_address", "subject", "message_id")
    readonly_fields = [f.name for f in InboundEmail._meta.fields if f.name != "raw"]
    exclude = ("raw",)
    actions = ["process_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Process the selected emails again")
    def process_again(self, request: HttpRequest, queryset: QuerySet[InboundEmail]) -> None:
        for row in queryset:
            inbound_email_process(inbound=row)
