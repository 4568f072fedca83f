from django.contrib import admin

from amends.followups.models import FollowUp, SurveyResponse


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("case", "due_at", "status", "sent_at")


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ("case", "satisfaction", "would_recommend", "will_return", "created_at")
