"""Translators of one locale may change that locale's snippets and no other."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.models import FooterText, Person, Topic


class LocaleRestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as usual; but a user who holds them only through translator
    groups holds them only for instances in those groups' locales."""

    def restricted_locales(self, user, action):
        """None when the user is unrestricted, else the ids of the locales allowed."""
        if not user.is_active:
            return set()
        if user.is_superuser:
            return None
        codename = self._get_permission_codename(action)
        groups = user.groups.filter(
            permissions__content_type__app_label=self.app_label,
            permissions__codename=codename,
        )
        if (
            user.user_permissions.filter(codename=codename).exists()
            or groups.filter(translator_locale__isnull=True).exists()
        ):
            return None
        return set(groups.values_list("translator_locale__locale_id", flat=True))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        locales = self.restricted_locales(user, action)
        return locales is None or instance.locale_id in locales

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        allowed = set()
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            locales = self.restricted_locales(user, action)
            if locales is None:
                return queryset
            allowed |= locales
        return queryset.filter(locale_id__in=allowed)


def register():
    for model in (Person, Topic, FooterText):
        register_permission_policy(model, LocaleRestrictedPermissionPolicy(model))
