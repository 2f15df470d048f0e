"""The reader's registration pages, under the language prefix."""

from django.urls import path, register_converter

from registrations import views


class TokenConverter:
    """A personal link's token as `secrets.token_urlsafe` writes it; anything else is a 404
    before the database is asked."""

    regex = r"[A-Za-z0-9_-]{20,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    path("event/<int:event_id>/", views.register, name="register"),
    path("event/<int:event_id>/sent/", views.sent, name="registration_sent"),
    path("series/<int:series_id>/", views.register_series, name="register_series"),
    path("series/<int:series_id>/sent/", views.series_sent, name="registration_series_sent"),
    path("confirm/<token:token>/", views.confirm, name="registration_confirm"),
    path("<token:token>/", views.registration, name="registration"),
    path("<token:token>/cancel/", views.cancel, name="registration_cancel"),
    path("<token:token>/cancel-all/", views.cancel_all, name="registration_cancel_all"),
    path("<token:token>/time-zone/", views.change_zone, name="registration_zone"),
    path("<token:token>/delete/", views.delete, name="registration_delete"),
]
