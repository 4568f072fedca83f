from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "amends.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from amends.cases import events
        from amends.webhooks import services

        events.subscribe(services.webhook_on_event)
