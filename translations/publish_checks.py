"""The translation editor's Publish button under our rule (translations.policy):
nothing is published while no text is translated or while machine-translated text awaits
review, and what is still untranslated is named in the message the translator reads on
the same screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation

from translations.launch import held_until
from translations.launch_views import save_held
from translations.policy import describe_missing, publish_by_translator
from translations.review import translation_of, unreviewed_segments


def may_publish(user, instance):
    """Page permissions for pages; for snippets, the model's permission policy (a
    translator publishes their own language's people and topics only)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return policy_registry.get(instance).user_has_permission_for_instance(user, action, instance)


def publish_translation(request, instance):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    if not may_publish(request.user, instance):
        raise PermissionDenied
    if moment := held_until(translation):
        return save_held(request, translation, instance, moment)
    names = {"object": str(instance), "locale": translation.target_locale.get_display_name()}
    waiting = unreviewed_segments(translation).count()
    if waiting:
        admin_messages.error(
            request,
            ngettext(
                "'%(object)s' was not published in %(locale)s: %(count)d machine-translated "
                "text has not been reviewed yet.",
                "'%(object)s' was not published in %(locale)s: %(count)d machine-translated "
                "texts have not been reviewed yet.",
                waiting,
            )
            % {**names, "count": waiting},
            buttons=[
                admin_messages.button(
                    reverse("translation_review", args=(translation.pk,)), _("Review them")
                )
            ],
        )
        return redirect(request.path)
    try:
        missing, published = publish_by_translator(translation, request.user)
    except ValidationError:
        messages.error(
            request,
            _("'%(object)s' was not published in %(locale)s: fix the errors beside the texts.")
            % names,
        )
        return redirect(request.path)
    # Named as the translator wrote it: the latest revision holds the translated title.
    saved = type(instance)._default_manager.get(pk=instance.pk)
    latest = getattr(saved, "get_latest_revision_as_object", None)
    names["object"] = str(latest() if latest else saved)
    if not published:
        messages.error(
            request,
            _(
                "'%(object)s' was not published in %(locale)s: nothing is translated yet, and "
                "readers would see the original under this language. Translate first: %(missing)s."
            )
            % {**names, "missing": describe_missing(missing, instance)},
        )
    elif missing:
        messages.warning(
            request,
            _("Published '%(object)s' in %(locale)s. Still in the original language: %(missing)s.")
            % {**names, "missing": describe_missing(missing, instance)},
        )
    else:
        messages.success(request, _("Published '%(object)s' in %(locale)s.") % names)
    return redirect(request.path)


@hooks.register("before_edit_page", order=-10)
def publish_page_translation(request, page):
    return publish_translation(request, page)


@hooks.register("before_edit_snippet", order=-10)
def publish_snippet_translation(request, instance):
    if not hasattr(instance, "translation_key"):
        return None
    return publish_translation(request, instance)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unreviewed(request, action_type, objects, action):
    """The page explorer's bulk *Publish* keeps the rule too: no translation with
    machine-translated text nobody has reviewed goes live."""
    if action_type != "publish" or action.model is not Page:
        return None
    pages = list(objects)
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants())
    waiting = [
        page
        for page in pages
        if (translation := translation_of(page)) is not None
        and unreviewed_segments(translation).exists()
    ]
    if not waiting:
        return None
    admin_messages.error(
        request,
        _("Nothing was published: machine-translated text awaits review in %(pages)s.")
        % {
            "pages": ", ".join(
                f"'{page.title}' ({page.locale.get_display_name()})" for page in waiting
            )
        },
    )
    return redirect(action.next_url)
