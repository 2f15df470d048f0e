"""The review screen: a translation's machine-translated texts beside their originals, for
a translator or moderator of that language to approve before the page goes live."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail_localize.models import StringSegment, Translation

from translations.glossary import highlight, terms_found
from translations.models import GlossaryTerm, SegmentReview
from translations.policy import segment_label
from translations.review import (
    MACHINE,
    approve,
    current_translations,
    may_review,
    translated_instance_or_none,
)


def machine_texts(translation, instance):
    """The translation's machine-translated texts in the editor's order: dicts with the
    string translation, its label, the original, and its review when it is current."""
    translated = {
        (st.translation_of_id, st.context_id): st
        for st in current_translations(translation).filter(translation_type=MACHINE)
    }
    reviews = {
        review.string_translation_id: review
        for review in SegmentReview.objects.filter(
            string_translation__in=[st.pk for st in translated.values()]
        ).select_related("reviewed_by")
    }
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("context", "string")
        .order_by("order")
    )
    texts = []
    for segment in segments:
        found = translated.get((segment.string_id, segment.context_id))
        if found is None:
            continue
        review = reviews.get(found.pk)
        texts.append(
            {
                "translation": found,
                "label": segment_label(segment, instance),
                "original": segment.string.data,
                "review": review if review is not None and review.data == found.data else None,
            }
        )
    return texts


def review(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    if not may_review(request.user, translation.target_locale):
        raise PermissionDenied
    instance = translated_instance_or_none(translation)
    if instance is None:
        messages.error(request, _("This translation has no page or snippet yet."))
        return redirect("translation_overview")
    locale_name = translation.target_locale.get_display_name()
    if request.method == "POST":
        ids = None
        if "approve_all" not in request.POST:
            ids = [int(v) for v in request.POST.getlist("text") if v.isdigit()]
            if not ids:
                messages.error(request, _("Choose the texts to approve, or approve them all."))
                return redirect(request.path)
        count = approve(translation, request.user, ids)
        messages.success(
            request,
            ngettext(
                "Approved %(count)d machine-translated text in %(locale)s.",
                "Approved %(count)d machine-translated texts in %(locale)s.",
                count,
            )
            % {"count": count, "locale": locale_name},
        )
        return redirect(request.path)
    texts = machine_texts(translation, instance)
    terms = terms_found(
        [text["original"] for text in texts],
        GlossaryTerm.objects.filter(locale=translation.target_locale),
    )
    for text in texts:
        text["original_html"] = highlight(strip_tags(text["original"]), terms)
    waiting = [text for text in texts if text["review"] is None]
    return TemplateResponse(
        request,
        "translations/review.html",
        {
            "page_title": _("Review machine translation"),
            "page_subtitle": f"{instance} · {locale_name}",
            "header_icon": "site",
            "translation": translation,
            "instance": instance,
            "locale_name": locale_name,
            "waiting": waiting,
            "reviewed": [text for text in texts if text["review"] is not None],
            "edit_url": AdminURLFinder(request.user).get_edit_url(instance),
            "terms": terms,
        },
    )
