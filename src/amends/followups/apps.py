from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "amends.followups"
    label = "followups"
