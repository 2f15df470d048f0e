from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.signals import clear_failures_after_sign_in  # reads models: after loading

        # Failed sign-ins are cleared once a sign-in is complete (two-step code included).
        user_logged_in.connect(clear_failures_after_sign_in, dispatch_uid="clear-sign-in-failures")
