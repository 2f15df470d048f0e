from wagtail import hooks

from accounts.two_factor import urls as two_factor_urls
from accounts.two_factor.account import TwoFactorSettingsPanel


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return two_factor_urls.urlpatterns


@hooks.register("register_account_settings_panel")
def register_two_factor_panel(request, user, profile):
    return TwoFactorSettingsPanel(request, user, profile)
