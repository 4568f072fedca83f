from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "amends.sla"
    label = "sla"
    verbose_name = "SLA clocks"

    def ready(self) -> None:
        # Steps get business-hour due times, and the clock follows the case's timeline.
        from django.db.models.signals import post_delete, post_save

        from amends.cases import events
        from amends.cases.services import set_due_time_function
        from amends.sla import models, services

        set_due_time_function(services.sla_due_time)
        events.subscribe(services.sla_on_event)
        for model in (models.Calendar, models.OpeningHours, models.Holiday, models.SlaPolicy):
            post_save.connect(services.sla_cache_clear, sender=model, dispatch_uid=f"sla-cache-{model.__name__}")
            post_delete.connect(services.sla_cache_clear, sender=model, dispatch_uid=f"sla-cache-d-{model.__name__}")
