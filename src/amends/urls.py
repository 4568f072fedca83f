"""Top-level routes: the web desk, the Django admin and API v1."""

from django.contrib import admin
from django.urls import include, path

from amends.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("c/", include("amends.followups.urls")),
    path("", include("amends.web.urls")),
]
