"""The reader's registration pages, under the language prefix."""

from django.urls import path

from registrations import views

urlpatterns = [
    path("event/<int:event_id>/", views.register, name="register"),
    path("event/<int:event_id>/sent/", views.sent, name="registration_sent"),
    path("confirm/<str:token>/", views.confirm, name="registration_confirm"),
    path("<str:token>/", views.registration, name="registration"),
    path("<str:token>/cancel/", views.cancel, name="registration_cancel"),
]
