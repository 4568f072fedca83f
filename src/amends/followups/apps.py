from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "amends.followups"
    label = "followups"

    def ready(self) -> None:
        from amends.cases import events
        from amends.followups import services

        events.subscribe(services.followups_on_event)
