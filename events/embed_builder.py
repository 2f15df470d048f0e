"""The admin's embed-code builder: choose filters and looks, preview, copy the code."""

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.querysets import by_title
from partners.models import PartnerPage

from .models import LectureSeriesPage
from .snippets import embed_snippets


class EmbedBuilderForm(forms.Form):
    locale = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    series = forms.ChoiceField(label=_("Lecture series"), required=False)
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("light", _("Light")), ("dark", _("Dark"))]
    )
    layout = forms.ChoiceField(
        label=_("Layout"), choices=[("full", _("Full")), ("compact", _("Compact"))]
    )
    accent = forms.RegexField(
        label=_("Accent colour"),
        regex=r"^#?(?:[0-9a-fA-F]{3}){1,2}$",
        required=False,
        help_text=_("A hex colour such as #0b6e69, to match the partner's site."),
    )
    limit = forms.IntegerField(label=_("Number of events"), min_value=1, max_value=100, initial=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = settings.LANGUAGE_CODE
        partners = PartnerPage.objects.live().public().filter(locale__language_code=default)
        series = LectureSeriesPage.objects.live().public().filter(locale__language_code=default)
        self.fields["partner"].choices = [("", _("All partners"))] + [
            (page.slug, page.title) for page in by_title(partners)
        ]
        self.fields["series"].choices = [("", _("All series"))] + [
            (page.slug, page.title) for page in by_title(series)
        ]


def embed_builder(request):
    data = request.GET if request.GET else None
    form = EmbedBuilderForm(
        data, initial={"locale": settings.LANGUAGE_CODE, "theme": "light", "layout": "full"}
    )
    values = (
        form.cleaned_data
        if form.is_bound and form.is_valid()
        else {"locale": settings.LANGUAGE_CODE, "theme": "light", "layout": "full", "limit": 10}
    )
    snippets = embed_snippets(
        request,
        locale=values["locale"],
        partner=values.get("partner"),
        series=values.get("series"),
        theme=values["theme"] if values["theme"] != "light" else None,
        layout=values["layout"] if values["layout"] != "full" else None,
        accent=(values.get("accent") or "").lstrip("#") or None,
        limit=values.get("limit"),
    )
    blocks = [
        ("script", _("Script (recommended: resizes itself, several per page)"), 5, "script"),
        ("iframe", _("Plain iframe"), 4, "iframe"),
        ("subscribe", _("Calendar subscription"), 1, "subscribe"),
    ]
    return TemplateResponse(
        request,
        "wagtailadmin/embed_builder.html",
        {
            "page_title": _("Embed events"),
            "header_icon": "code",
            "form": form,
            "snippets": snippets,
            "blocks": [(kind, label, rows, snippets[key]) for kind, label, rows, key in blocks],
        },
    )
