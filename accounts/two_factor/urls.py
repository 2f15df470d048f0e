"""Admin URLs (registered through `register_admin_urls`, so behind Wagtail's admin check)."""

from django.urls import path

from accounts.two_factor import views

urlpatterns = [
    path("two-step/", views.verify, name="two_factor_verify"),
    path("two-step/set-up/", views.set_up, name="two_factor_set_up"),
    path("two-step/turn-off/", views.turn_off, name="two_factor_turn_off"),
]
