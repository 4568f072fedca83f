from django.contrib import admin

from amends.playbooks.models import Playbook, PlaybookStep


class StepInline(admin.TabularInline):
    model = PlaybookStep
    extra = 0


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "category", "is_default", "updated_at")
    inlines = [StepInline]
