"""*Submit for review* in the translation editor, for translators who may edit a
translation but not publish it: the texts translated so far become a draft revision,
which goes into the page's moderation workflow (as the overview's bulk action does)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail_localize.models import Translation

from translations import jobs, policy


@require_POST
def submit_translation_for_review(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    target = policy.translated_instance_or_none(translation)
    if target is None or not jobs.may_edit(request.user, target):
        messages.error(request, jobs.REFUSED_LANGUAGE)
        return redirect("wagtailadmin_home")
    source = translation.source.get_source_instance()
    try:
        messages.success(request, jobs.submit(source, translation.target_locale, request.user))
    except jobs.Skip as reason:
        messages.error(request, str(reason))
    return redirect(reverse("wagtailadmin_pages:edit", args=(target.pk,)))


@hooks.register("register_admin_urls")
def register_submit_url():
    return [
        path(
            "translations/submit/<int:translation_id>/",
            submit_translation_for_review,
            name="translation_submit_for_review",
        )
    ]
