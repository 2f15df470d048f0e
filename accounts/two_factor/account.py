"""The account page's panel: whether two-step verification is on, and the way to change it."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel

from accounts.two_factor import has_device


class TwoFactorSettingsPanel(BaseSettingsPanel):
    name = "two_factor"
    title = _("Two-step verification")
    order = 550  # after the password
    template_name = "two_factor/account_panel.html"

    def get_form(self):
        # The account form saves nothing here: the panel links to the pages that do.
        return forms.Form(prefix=self.name)

    def get_context_data(self):
        return {"enabled": has_device(self.user), "required": settings.WAGTAILADMIN_REQUIRE_2FA}
