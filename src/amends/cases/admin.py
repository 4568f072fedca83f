from django.contrib import admin

from amends.cases.models import Case, CaseEvent, CaseStep, Message


class StepInline(admin.TabularInline):
    model = CaseStep
    extra = 0
    fields = ("position", "key", "title", "required", "status", "due_at", "completed_by", "skip_reason")
    readonly_fields = fields


class MessageInline(admin.StackedInline):
    model = Message
    extra = 0
    fields = ("direction", "author", "created_at", "body")
    readonly_fields = fields


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ("created_at", "type", "actor", "payload")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("id", "subject", "customer", "status", "priority", "owner", "category", "next_due_at")
    list_filter = ("status", "priority", "category", "channel", "outcome")
    search_fields = ("subject", "story", "customer__name", "customer__email")
    raw_id_fields = ("customer", "owner")
    readonly_fields = ("analysis", "opened_at", "closed_at", "next_due_at", "story")
    inlines = [StepInline, MessageInline, EventInline]
