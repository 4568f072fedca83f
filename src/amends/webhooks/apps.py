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
        from django.db.models.signals import post_delete, post_save

        from amends.webhooks.models import WebhookSubscription

        post_save.connect(services.webhook_cache_clear, sender=WebhookSubscription, dispatch_uid="webhook-cache")
        post_delete.connect(services.webhook_cache_clear, sender=WebhookSubscription, dispatch_uid="webhook-cache-d")
