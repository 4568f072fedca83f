from django.apps import AppConfig


class PlaybooksConfig(AppConfig):
    name = "amends.playbooks"
    label = "playbooks"

    def ready(self) -> None:
        # A saved playbook or step is used by the next case this process opens.
        from amends.playbooks import models, selectors

        selectors.PLAYBOOKS.clear_on_change(models.Playbook, models.PlaybookStep)
