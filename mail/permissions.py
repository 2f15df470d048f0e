"""Who may see the outbox: superusers, to read it and send a failed e-mail again."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

# "send_again" is the outbox's own action; nobody adds, edits or deletes e-mails by hand.
ACTIONS = {"view", "send_again"}


class SuperusersOnlyPermissionPolicy(BasePermissionPolicy):
    """Messages hold readers' addresses: no group permission can open them."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
