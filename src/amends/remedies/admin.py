from django.contrib import admin

from amends.remedies.models import CatalogueItem, Remedy


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "default_value", "is_extra", "active")


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin):
    list_display = ("id", "case", "kind", "value", "currency", "extra", "status", "proposer", "approver")
    list_filter = ("status", "kind", "extra")
    readonly_fields = ("created_at", "decided_at", "delivered_at")
