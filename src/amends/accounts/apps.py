from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amends.accounts"
    label = "accounts"

    def ready(self) -> None:
        # A revoked token, a deactivated user or a changed role or limit counts from the next
        # request this process serves (other processes: see accounts.selectors).
        from amends.accounts import models, selectors

        selectors.TOKENS.clear_on_change(models.User, models.ApiToken)
