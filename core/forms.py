"""The filter form every index page builds on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dependencies import list_tag, remember


class ListingFilterForm(forms.Form):
    """Filters whose choices are the slugs of the listing locale's items.

    A filter form names the items each filter chooses from (`choice_queryset`, every
    language); this form offers those of the listing's locale (pages: with the default
    language's untranslated ones, as listings show them). An unknown value is a form
    error shown to the reader, never a server error. The choices are read once until an
    item of their type changes.
    """

    def __init__(self, data, *, locale, **kwargs):
        super().__init__(data or None, **kwargs)
        self.locale = locale
        self.objects = {}
        for name, field in self.fields.items():
            field.required = False
            queryset = self.choice_queryset(name)
            if queryset is not None:
                key = f"choices:{type(self).__name__}:{name}:{self.locale.pk}"
                queryset = self.in_listing_locale(queryset)
                items = remember(
                    key, lambda queryset=queryset: list(queryset), [list_tag(queryset.model)]
                )
                self.objects[name] = {item.slug: item for item in items}
                field.choices = [("", _("All"))] + [(item.slug, str(item)) for item in items]

    def choice_queryset(self, name):
        """The items a filter chooses from, or None for a fixed choice list."""
        return None

    def in_listing_locale(self, queryset):
        if hasattr(queryset, "in_locale"):
            return queryset.in_locale(self.locale)
        return queryset.filter(locale=self.locale)

    def selected(self, name):
        """The chosen object (or value) of a valid filter, else None."""
        if not self.is_bound or not self.is_valid():
            return None
        value = self.cleaned_data.get(name)
        if not value:
            return None
        return self.objects[name][value] if name in self.objects else value

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)
