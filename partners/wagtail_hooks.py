from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from accounts.roles import refuse_partner_index_to_liaisons
from partners.models import PartnerPage


class PartnerListingViewSet(PageListingViewSet):
    model = PartnerPage
    icon = "globe"
    menu_label = _("Partners")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "country",
        "city",
        "partner_since",
        "locale",
        Column("status_string", label=_("Publication")),
    ]
    list_filter = ["kind", "country", "locale", "featured"]


@hooks.register("register_admin_viewset")
def register_partner_listing():
    return PartnerListingViewSet("partners")


# Before wagtail-localize's hook, which may answer with its translation editor.
hooks.register("before_edit_page", refuse_partner_index_to_liaisons, order=-1)
