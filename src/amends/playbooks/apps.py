from django.apps import AppConfig


class PlaybooksConfig(AppConfig):
    name = "amends.playbooks"
    label = "playbooks"

    def ready(self) -> None:
        # A saved playbook or step is used by the next case this process opens.
        from django.db.models.signals import post_delete, post_save

        from amends.playbooks import models, selectors

        for model in (models.Playbook, models.PlaybookStep):
            post_save.connect(selectors.playbook_cache_clear, sender=model,
                              dispatch_uid=f"playbook-cache-{model.__name__}")
            post_delete.connect(selectors.playbook_cache_clear, sender=model,
                                dispatch_uid=f"playbook-cache-d-{model.__name__}")
