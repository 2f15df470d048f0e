"""Admin views shared by the content apps' listings."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin.views.pages.choose_parent import ChooseParentView
from wagtail.models import Locale


class StraightToFormView(ChooseParentView):
    """ "Add event" and "Add news" open the form at once when the page type has one obvious
    home in the editor's locale (the events or news index); only otherwise do they ask
    where the page goes."""

    obvious_parent_model = None

    def get_locale(self):
        """The locale asked for (`?locale=fr`), else the one of the admin's language."""
        if not self.i18n_enabled:
            return None
        if code := self.request.GET.get("locale"):
            return get_object_or_404(Locale, language_code=code)
        return Locale.get_active()

    def get(self, request, *args, **kwargs):
        if self.obvious_parent_model is not None:
            content_type = ContentType.objects.get_for_model(self.obvious_parent_model)
            parents = self.get_valid_parent_pages(request.user).filter(content_type=content_type)
            parent_ids = list(parents.values_list("pk", flat=True)[:2])
            if len(parent_ids) == 1:
                meta = self.model._meta
                return redirect(
                    "wagtailadmin_pages:add", meta.app_label, meta.model_name, parent_ids[0]
                )
        return super().get(request, *args, **kwargs)


def may_add(request, model):
    """Whether "Add" for `model` would offer the user somewhere to put it (in the locale
    the add view would use): buttons that lead to an empty choice are not shown."""
    view = StraightToFormView(model=model)
    view.setup(request)
    # The page permissions say the last word (a translator's are limited to a language).
    parents = view.get_valid_parent_pages(request.user)[:20]
    return any(page.permissions_for_user(request.user).can_add_subpage() for page in parents)
