from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "amends.sla"
    label = "sla"
    verbose_name = "SLA clocks"

    def ready(self) -> None:
        # Steps get business-hour due times, and the clock follows the case's timeline.
        from amends.cases import events
        from amends.cases.services import set_due_time_function
        from amends.sla import models, services

        set_due_time_function(services.sla_due_time)
        events.subscribe(services.sla_on_event)
        services.POLICIES.clear_on_change(models.SlaPolicy)
        services.CALENDARS.clear_on_change(models.Calendar, models.OpeningHours, models.Holiday)
