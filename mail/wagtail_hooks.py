from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from mail.models import OutgoingEmail
from mail.permissions import SuperusersOnlyPermissionPolicy
from mail.views import OutboxIndexView, SendAgainView

register_permission_policy(OutgoingEmail, SuperusersOnlyPermissionPolicy(OutgoingEmail))


class OutgoingEmailViewSet(ModelViewSet):
    """Read-only listing of the outbox in Settings, for superusers."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing e-mail")
    add_to_settings_menu = True
    menu_order = 900
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # the add and edit views exist but the permission policy refuses them
    list_display = [
        "recipient",
        "subject",
        "status",
        "attempts",
        Column("last_error", label=_("Last error")),
        DateColumn("next_attempt_at", label=_("Next attempt")),
    ]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    search_backend_name = None  # plain database lookups: the outbox is not in the search index
    inspect_view_fields = [
        "recipient",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created",
        "sent_at",
        "headers",
        "text",
        "html",
    ]

    @property
    def send_again_view(self):
        return self.construct_view(SendAgainView)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            send_again_url_name=self.get_url_name("send_again"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", self.send_again_view, name="send_again"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.none()  # no group may be given the outbox


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutgoingEmailViewSet("outbox")
