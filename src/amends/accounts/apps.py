from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amends.accounts"
    label = "accounts"

    def ready(self) -> None:
        # A revoked token, a deactivated user or a changed role or limit counts from the next
        # request this process serves (other processes: see accounts.selectors).
        from django.db.models.signals import post_delete, post_save

        from amends.accounts import models, selectors

        for model in (models.User, models.ApiToken):
            post_save.connect(selectors.token_cache_clear, sender=model,
                              dispatch_uid=f"token-cache-{model.__name__}")
            post_delete.connect(selectors.token_cache_clear, sender=model,
                                dispatch_uid=f"token-cache-d-{model.__name__}")
