from django.contrib import admin

from amends.actions.models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "case", "assignee", "team", "due_at", "status")
    list_filter = ("status",)
