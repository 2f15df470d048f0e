"""The admin form of every page type: its relation pickers list the page's own locale."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin

from core.admin_widgets import FilterableChoicesMixin


def _chosen_pks(value):
    """Primary keys of what a field holds now (an instance, a pk, or a list of either)."""
    # One value, or a list or queryset (what a page's many-to-many field holds).
    iterable = hasattr(value, "__iter__") and not isinstance(value, str)
    values = list(value) if iterable else [value]
    return [getattr(item, "pk", item) for item in values if item not in (None, "")]


def limit_to_locale(form, locale_id):
    """Narrow the filterable pickers of `form` to items in the locale; whatever the
    field holds already stays listed, so saving a page never fails on it."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not isinstance(field.widget, FilterableChoicesMixin):
            continue
        if not issubclass(queryset.model, TranslatableMixin):
            continue
        chosen = _chosen_pks(form.initial.get(name))
        field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))


class LocalePickersPageForm(WagtailAdminPageForm):
    """A French page picks French topics, people and partners: a new page takes the
    locale of its parent, a translation its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = (
            self.instance.locale_id
            or (self.parent_page.locale_id if self.parent_page else None)
            or Locale.get_default().pk
        )
        limit_to_locale(self, locale_id)
        for formset in self.formsets.values():
            formset.form = _child_form_in_locale(formset.form, locale_id)
            for child in formset.__dict__.get("forms", []):  # rows built already
                limit_to_locale(child, locale_id)


def _child_form_in_locale(form_class, locale_id):
    """A subclass of an inline panel's row form whose pickers list the locale's items,
    for the rows shown and for the ones "Add" creates."""

    class ChildFormInLocale(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            limit_to_locale(self, locale_id)

    ChildFormInLocale.__name__ = form_class.__name__
    return ChildFormInLocale
