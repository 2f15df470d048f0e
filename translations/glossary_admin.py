"""The glossary in the admin: its terms per language (translators edit their own
language's only), import and export as CSV or TBX, and the terms of a page shown in the
translation editor."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail_localize.models import StringSegment, Translation

from translations.glossary import (
    GlossaryFileError,
    GlossaryTerm,
    export_csv,
    export_tbx,
    import_entries,
    read_file,
    terms_found,
)
from translations.permissions import LocaleRestrictedPermissionPolicy

policy = LocaleRestrictedPermissionPolicy(GlossaryTerm)
register_permission_policy(GlossaryTerm, policy)

EXPORTS = {
    "csv": (export_csv, "text/csv; charset=utf-8", "csv"),
    "tbx": (export_tbx, "application/x-tbx+xml", "tbx"),
}


def glossary_locales(user, action):
    """The languages whose glossary `user` may `action` (add, change, delete, view)."""
    locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")
    if not policy.user_has_permission(user, action):
        return locales.none()
    allowed = policy.restricted_locales(user, action)
    return locales if allowed is None else locales.filter(pk__in=allowed)


class GlossaryTermForm(WagtailAdminModelForm):
    """The language is one of those the user may edit."""

    class Meta:
        model = GlossaryTerm
        fields = ["locale", "term", "translation", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "add"
        self.fields["locale"].queryset = glossary_locales(self.for_user, action)
        self.fields["locale"].empty_label = None


class InstancePermissionMixin:
    """Refuse a term of a language the user may not `permission_required`."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, instance
        ):
            raise PermissionDenied
        return instance


class GlossaryIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("locale")
        return queryset.filter(locale__in=glossary_locales(self.request.user, "view"))

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton(
                _("Import and export"), url=reverse("glossary_transfer"), icon_name="download"
            ),
        ]


class GlossaryEditView(InstancePermissionMixin, generic.EditView):
    pass


class GlossaryDeleteView(InstancePermissionMixin, generic.DeleteView):
    pass


class GlossaryViewSet(ModelViewSet):
    model = GlossaryTerm
    index_view_class = GlossaryIndexView
    edit_view_class = GlossaryEditView
    delete_view_class = GlossaryDeleteView
    copy_view_enabled = False
    icon = "openquote"
    menu_label = _("Glossary")
    menu_order = 251  # after the translation overview
    add_to_admin_menu = True
    url_prefix = "translations/glossary"
    list_display = ["term", "translation", Column("locale", label=_("Language")), "note"]
    list_filter = ["locale"]
    search_fields = ["term", "translation", "note"]

    def get_form_class(self, for_update=False):
        return GlossaryTermForm


class ImportForm(forms.Form):
    locale = forms.ModelChoiceField(queryset=Locale.objects.none(), label=_("Language"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV with the columns term, translation and note (UTF-8), or TBX. Terms the "
            "glossary has already are updated."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        locales = glossary_locales(user, "add") & glossary_locales(user, "change")
        self.fields["locale"].queryset = locales
        if len(locales) == 1:  # a translator's own language
            self.initial.setdefault("locale", locales[0].pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("locale") and cleaned.get("file"):
            try:
                cleaned["entries"] = read_file(cleaned["file"], cleaned["locale"])
            except GlossaryFileError as error:
                self.add_error("file", str(error))
        return cleaned


def import_message(report):
    text = _("%(added)d added, %(updated)d updated, %(skipped)d skipped.") % {
        "added": report.added,
        "updated": report.updated,
        "skipped": len(report.skipped),
    }
    if report.skipped:
        text += " " + "; ".join(f"{where}: {why}" for where, why in report.skipped[:20])
    return text


def transfer(request):
    """Import a file into one language's glossary; export each language's glossary."""
    exportable = glossary_locales(request.user, "view")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not exportable and not form.fields["locale"].queryset:
        raise PermissionDenied
    if request.method == "POST":
        if not form.fields["locale"].queryset:
            raise PermissionDenied
        if form.is_valid():
            locale = form.cleaned_data["locale"]
            report = import_entries(locale, form.cleaned_data["entries"])
            messages.success(request, import_message(report))
            return redirect(f"{reverse('glossary:index')}?locale={locale.pk}")
    return TemplateResponse(
        request,
        "translations/glossary/transfer.html",
        {
            "page_title": _("Glossary: import and export"),
            "header_icon": "openquote",
            "form": form,
            "exports": exportable.annotate(terms=Count("glossary_terms")),
        },
        status=400 if form.errors else 200,
    )


def export(request, code, kind):
    if kind not in EXPORTS:
        raise Http404
    locale = get_object_or_404(glossary_locales(request.user, "view"), language_code=code)
    build, content_type, extension = EXPORTS[kind]
    response = HttpResponse(build(locale), content_type=content_type)
    filename = f"glossary-{settings.LANGUAGE_CODE}-{code}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def terms_for_translation_of(instance):
    """The glossary terms of `instance`'s language found in the source texts of its
    translation (none when it is not a translation made with wagtail-localize)."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return []
    terms = GlossaryTerm.objects.filter(locale_id=instance.locale_id)
    texts = StringSegment.objects.filter(source=translation.source).values_list(
        "string__data", flat=True
    )
    return terms_found(texts, terms)


@hooks.register("register_admin_viewset")
def register_glossary_viewset():
    return GlossaryViewSet("glossary")


@hooks.register("register_admin_urls")
def register_glossary_urls():
    return [
        path("translations/glossary-files/", transfer, name="glossary_transfer"),
        path(
            "translations/glossary-files/<str:code>/<str:kind>/",
            export,
            name="glossary_export",
        ),
    ]


# Runs before wagtail-localize's hooks that show the translation editor; the editor's
# template reads the terms (only when it shows a translation).
@hooks.register("before_edit_page", order=-1)
def glossary_for_page_translation(request, page):
    request.glossary_terms = SimpleLazyObject(lambda: terms_for_translation_of(page))


@hooks.register("before_edit_snippet", order=-1)
def glossary_for_snippet_translation(request, instance):
    if hasattr(instance, "translation_key"):
        request.glossary_terms = SimpleLazyObject(lambda: terms_for_translation_of(instance))
