"""The "Media translations" screen: every image and document in every language the user
may translate, and the forms for one image's texts or one document's version."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.querysets import default_locale
from media.forms import (
    CHOOSE_OR_UPLOAD,
    DOCUMENTS,
    IMAGES,
    NOT_BOTH,
    NOT_THE_ORIGINAL,
    ImageTextForm,
    MediaFilterForm,
    VariantChoiceForm,
    variant_upload_form,
)
from media.models import DocumentVariant, ImageText
from media.permissions import editable_locales

PER_PAGE = 50
THUMBNAIL = "max-80x60"  # as media_translations.html shows it
TRANSLATED = "translated"
MISSING = "missing"
STATE_LABELS = {
    TRANSLATED: _("Translated"),
    MISSING: _("Missing"),
}


@dataclass
class Cell:
    locale: Locale
    state: str
    url: str

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def action(self):
        return _("Edit") if self.state == TRANSLATED else _("Add")


def refusing_with_403(view):
    """A refusal answers 403 with the reason, not Wagtail's redirect to the dashboard:
    a translator following another language's link learns why."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            context = {"page_title": _("Media translations"), "header_icon": "image"}
            return TemplateResponse(request, "media/admin/refused.html", context, status=403)

    return answered


def allowed_locales(request):
    """The locales the user may edit; 403 for a user who may edit none."""
    locales = editable_locales(request.user)
    if not locales:
        raise PermissionDenied
    return locales


def locale_for_editing(request, code):
    """The locale of `code` if the user may edit it: 404 for no such (or the default)
    locale, 403 for another translator's."""
    locales = allowed_locales(request)
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or locale.pk == default_locale().pk:
        raise Http404
    if locale not in locales:
        raise PermissionDenied
    return locale


KIND_MODELS = {
    IMAGES: (get_image_model, ImageText, "image", "media_image_text"),
    DOCUMENTS: (get_document_model, DocumentVariant, "document", "media_document_variant"),
}


@refusing_with_403
def media_translations(request):
    locales = allowed_locales(request)
    form = MediaFilterForm(request.GET or None, locales=locales)
    filters = {}
    if form.is_bound:
        form.is_valid()  # each valid filter applies; an invalid one shows its error
        filters = form.cleaned_data
    kind = filters.get("kind") or IMAGES
    if code := filters.get("locale"):
        locales = [locale for locale in locales if locale.language_code == code]
    missing, query = filters.get("missing", False), filters.get("q", "")
    model_of, link_model, link_field, url_name = KIND_MODELS[kind]
    related = link_model._meta.get_field(link_field).remote_field.related_name
    items = model_of().objects.order_by("title", "pk")
    if kind == IMAGES:
        items = items.prefetch_renditions(THUMBNAIL)
    if query:
        items = items.filter(title__icontains=query)
    if missing:
        items = items.annotate(
            done=Count(related, filter=Q(**{f"{related}__locale__in": locales}))
        ).filter(done__lt=len(locales))
    page_of_items = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    done = set(
        link_model.objects.filter(
            **{f"{link_field}__in": list(page_of_items), "locale__in": locales}
        ).values_list(f"{link_field}_id", "locale_id")
    )
    back = "?" + urlencode({"next": request.get_full_path()})
    rows = [
        (
            item,
            [
                Cell(
                    locale,
                    TRANSLATED if (item.pk, locale.pk) in done else MISSING,
                    reverse(url_name, args=(item.pk, locale.language_code)) + back,
                )
                for locale in locales
            ],
        )
        for item in page_of_items
    ]
    page_of_items.object_list = rows
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(
        request,
        "media/admin/media_translations.html",
        {
            "page_title": _("Media translations"),
            "header_icon": "image",
            "form": form,
            "kind": kind,
            "locales": locales,
            "rows": page_of_items,
            "querystring": params.urlencode(),
        },
    )


def back_to_listing(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("media_translations")


@refusing_with_403
def image_text(request, image_id, code):
    locale = locale_for_editing(request, code)
    image = get_object_or_404(get_image_model(), pk=image_id)
    existing = ImageText.objects.filter(image=image, locale=locale).first()
    instance = existing or ImageText(image=image, locale=locale)
    form = ImageTextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["alt_text"] or form.cleaned_data["credit"]:
            form.save()
            messages.success(request, _("The image's texts in this language are saved."))
        elif existing:
            existing.delete()
            messages.success(request, _("The image now shows its English texts in this language."))
        return back_to_listing(request)
    return TemplateResponse(
        request,
        "media/admin/image_text_form.html",
        {
            "page_title": _("Image texts"),
            "page_subtitle": f"{image.title} · {locale.get_display_name()}",
            "header_icon": "image",
            "image": image,
            "locale": locale,
            "form": form,
            "next": request.GET.get("next", ""),
        },
    )


@refusing_with_403
def document_variant(request, document_id, code):
    locale = locale_for_editing(request, code)
    document = get_object_or_404(get_document_model(), pk=document_id)
    existing = DocumentVariant.objects.filter(document=document, locale=locale).first()
    default_title = f"{document.title} ({locale.get_display_name()})"
    choice = VariantChoiceForm(
        request.POST or None, initial={"variant": existing.variant if existing else None}
    )
    upload = variant_upload_form(
        document,
        request.user,
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        default_title=default_title,
    )
    if request.method == "POST":
        if "remove" in request.POST:
            if existing:
                existing.delete()
                messages.success(request, _("Pages in this language now link the original."))
            return back_to_listing(request)
        variant = chosen_variant(request, document, choice, upload)
        if variant is not None:
            DocumentVariant.objects.update_or_create(
                document=document, locale=locale, defaults={"variant": variant}
            )
            messages.success(request, _("Pages in this language now link this version."))
            return back_to_listing(request)
    return TemplateResponse(
        request,
        "media/admin/document_variant_form.html",
        {
            "page_title": _("Document version"),
            "page_subtitle": f"{document.title} · {locale.get_display_name()}",
            "header_icon": "doc-full",
            "document": document,
            "locale": locale,
            "existing": existing,
            "choice": choice,
            "upload": upload,
            "next": request.GET.get("next", ""),
        },
    )


def chosen_variant(request, document, choice, upload):
    """The document chosen or uploaded, else None with the reason on the forms."""
    uploading = bool(request.FILES.get("upload-file"))
    if not choice.is_valid():
        return None
    chosen = choice.cleaned_data["variant"]
    if uploading and chosen and chosen != choice.initial.get("variant"):
        choice.add_error("variant", NOT_BOTH)
        return None
    if uploading:
        return upload.save() if upload.is_valid() else None
    if chosen is None:
        choice.add_error("variant", CHOOSE_OR_UPLOAD)
        return None
    if chosen == document:
        choice.add_error("variant", NOT_THE_ORIGINAL)
        return None
    return chosen
