"""An admin view of every page's translation state in every locale, to act on at once."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, TranslationSource

MISSING = "missing"
DRAFT = "draft"
CHANGED = "changed"
MACHINE = "machine"
CURRENT = "current"
STATE_LABELS = {
    MISSING: _("Missing"),
    CHANGED: _("Source changed since"),
    MACHINE: _("Machine-translated, not reviewed"),
    DRAFT: _("Not published"),
    CURRENT: _("Translated and current"),
}


@dataclass
class Cell:
    locale: Locale
    state: str
    url: str
    action: str

    @property
    def label(self):
        return STATE_LABELS[self.state]


class OverviewFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    locale = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any")), *STATE_LABELS.items()]
    )

    def __init__(self, data, *, sections, locales):
        super().__init__(data)
        self.fields["section"].choices = [("", _("Whole site"))] + [
            (str(page.pk), page.title) for page in sections
        ]
        self.fields["locale"].choices = [("", _("All languages"))] + [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]


def source_pages(default_locale):
    """The default language's pages under the sites' home pages, in tree order."""
    roots = [site.root_page for site in Site.objects.select_related("root_page")]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages.filter(locale=default_locale).order_by("path")


def cells_for(pages, locales):
    """The state of each page in each locale, in five queries whatever the number of pages."""
    keys = [page.translation_key for page in pages]
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "id",
            "translation_key",
            "locale_id",
            "live",
            "alias_of_id",
            "latest_revision_created_at",
        )
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=pages[0].locale_id if pages else None
        )
    }
    machine = set(
        StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            locale__in=locales,
            translation_of__segments__source__in=sources.values(),
        ).values_list("translation_of__segments__source__object_id", "locale_id")
    )
    rows = []
    for page in pages:
        source = sources.get(page.translation_key)
        cells = []
        for locale in locales:
            translated = translations.get((page.translation_key, locale.pk))
            cells.append(cell(page, locale, translated, source, machine))
        rows.append((page, cells))
    return rows


def cell(page, locale, translated, source, machine):
    if translated is None or translated.alias_of_id:
        url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
        return Cell(locale, MISSING, f"{url}?locale={locale.language_code}", _("Translate"))
    edit = reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    if source is not None:
        changed = page.latest_revision_created_at and (
            page.latest_revision_created_at > source.last_updated_at
        )
    else:
        changed = (
            page.latest_revision_created_at
            and translated.latest_revision_created_at
            and (page.latest_revision_created_at > translated.latest_revision_created_at)
        )
    if changed:
        url = reverse("wagtail_localize:update_translations", args=(source.pk,)) if source else edit
        return Cell(locale, CHANGED, url, _("Update"))
    if (page.translation_key, locale.pk) in machine:
        return Cell(locale, MACHINE, edit, _("Review"))
    if not translated.live:
        return Cell(locale, DRAFT, edit, _("Publish"))
    return Cell(locale, CURRENT, edit, _("Edit"))


def overview(request):
    default = Locale.get_default()
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    locales = sorted(
        Locale.objects.exclude(pk=default.pk), key=lambda loc: order.get(loc.language_code, 99)
    )
    pages = source_pages(default)
    sections = [p for p in pages if p.depth == 3]
    form = OverviewFilterForm(request.GET or None, sections=sections, locales=locales)
    state = None
    if form.is_valid():
        if section := form.cleaned_data["section"]:
            pages = pages.filter(path__startswith=Page.objects.get(pk=section).path)
        if code := form.cleaned_data["locale"]:
            locales = [loc for loc in locales if loc.language_code == code]
        state = form.cleaned_data["state"] or None
    rows = cells_for(list(pages), locales)
    if state:
        rows = [(page, cells) for page, cells in rows if any(c.state == state for c in cells)]
    page_of_rows = Paginator(rows, 50).get_page(request.GET.get("p"))
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(
        request,
        "wagtailadmin/translation_overview.html",
        {
            "page_title": _("Translation overview"),
            "header_icon": "site",
            "form": form,
            "locales": locales,
            "rows": page_of_rows,
            "querystring": params.urlencode(),
            "states": STATE_LABELS,
        },
    )
