"""Who edits which language's image texts and document versions: translators (members of
a group that is some locale's translator group) that locale's; holders of the media
translation permissions through any other group, superusers included, every locale's."""

from django.apps import apps
from wagtail.models import Locale

from core.querysets import default_locale, in_language_order

# Granted to editors and moderators (accounts.roles); translators need none of them.
PERMISSIONS = ("media.change_imagetext", "media.change_documentvariant")


def translator_groups():
    """The translations app's marks on groups, named through the app registry: media sits
    below it and imports nothing of it."""
    return apps.get_model("translations", "TranslatorGroup").objects.all()


def holds_unrestricted_permission(user):
    if user.is_superuser:
        return True
    codenames = [name.split(".", 1)[1] for name in PERMISSIONS]
    own = user.user_permissions.filter(content_type__app_label="media", codename__in=codenames)
    through_groups = user.groups.filter(
        permissions__content_type__app_label="media", permissions__codename__in=codenames
    ).exclude(pk__in=translator_groups().values("group_id"))
    return own.exists() or through_groups.exists()


def editable_locales(user):
    """The locales (not the default one) whose media texts `user` may edit, in the
    settings' order of languages."""
    if not (user.is_authenticated and user.is_active):
        return []
    others = Locale.objects.exclude(pk=default_locale().pk)
    if not holds_unrestricted_permission(user):
        mine = translator_groups().filter(group__in=user.groups.all()).values("locale_id")
        others = others.filter(pk__in=mine)
    return in_language_order(others)
