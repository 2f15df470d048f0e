"""The admin's outbox: the listing with "Send again" on failed e-mails, and that action."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem

from mail.models import OutgoingEmail
from mail.outbox import send_again


class OutboxIndexView(generic.IndexView):
    send_again_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutgoingEmail.Status.FAILED and self.user_has_permission(
            "send_again"
        ):
            url = reverse(self.send_again_url_name, args=(instance.pk,))
            buttons.append(MenuItem(_("Send again now"), url=url, icon_name="mail", priority=5))
        return buttons


class SendAgainView(PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseOperationView):
    """Asks, then queues a failed e-mail for an attempt now (the worker sends it)."""

    model = OutgoingEmail
    permission_required = "send_again"
    template_name = "mail/send_again.html"
    page_title = _("Send again")
    header_icon = "mail"
    index_url_name = None

    def get_base_object_queryset(self):
        return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, index_url=reverse(self.index_url_name), **kwargs
        )

    def get_page_subtitle(self):
        return self.object.subject

    def perform_operation(self):
        send_again(self.object)

    def get_success_message(self):
        return _("“%(subject)s” to %(recipient)s is queued to be sent now.") % {
            "subject": self.object.subject,
            "recipient": self.object.recipient,
        }

    def get_success_url(self):
        return self.next_url or reverse(self.index_url_name)
