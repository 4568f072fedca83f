"""SLA configuration in the admin: calendars (hours, holidays), policies per priority, case clocks."""

from __future__ import annotations

from django.contrib import admin

from amends.sla.models import Calendar, CaseClock, Holiday, OpeningHours, SlaPolicy


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 1


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 1


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "timezone", "team", "is_default")
    inlines = [OpeningHoursInline, HolidayInline]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ("priority", "first_response_minutes", "resolution_minutes", "step_target_percent",
                    "follow_up_delay_minutes", "warning_percent", "second_escalation_minutes")


@admin.register(CaseClock)
class CaseClockAdmin(admin.ModelAdmin):
    list_display = ("case", "active", "paused_since", "first_response_due_at", "first_responded_at",
                    "resolution_due_at", "next_check_at")
    list_filter = ("active",)
    readonly_fields = [f.name for f in CaseClock._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
