"""Customer pages under /c/: no account, a signed link is the key."""

from django.urls import path

from amends.followups import views

app_name = "customer"

urlpatterns = [
    path("agree/<str:token>/", views.agree, name="agree"),
    path("survey/<str:token>/", views.survey, name="survey"),
]
