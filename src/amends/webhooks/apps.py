from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "amends.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from amends.cases import events
        from amends.webhooks import services

        events.subscribe(services.webhook_on_event)
        # A saved or removed subscription is seen by this process's next event.
        from amends.webhooks.models import WebhookSubscription

        services.SUBSCRIBERS.clear_on_change(WebhookSubscription)
