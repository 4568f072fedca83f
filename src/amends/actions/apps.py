from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "amends.actions"
    label = "actions"
