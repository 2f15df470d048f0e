"""Who sees registrants in the admin: the editors of the event or series page, never
translators or partner liaisons, whose page permissions are for translating and for
partner pages, not for readers' personal data."""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from accounts.roles import PARTNER_LIAISONS
from events.models import EventPage, LectureSeriesPage, RegistrationMode


def registrant_data_paths(user):
    """The tree paths below which `user` may see registrations, granted by a group that
    is neither a translators' group nor the partner liaisons; cached on the user."""
    if not hasattr(user, "_registrant_data_paths"):
        grants = (
            GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page")
            .exclude(group__name=PARTNER_LIAISONS)
            .exclude(group__translator_locale__isnull=False)
            .values_list("page__path", flat=True)
        )
        user._registrant_data_paths = sorted(set(grants))
    return user._registrant_data_paths


def may_see_any_registrations(user):
    """Whether an event or lecture series exists whose registrations `user` may see: the
    menu item shows then."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_may_see_any_registrations"):
        pages = Page.objects.type(EventPage, LectureSeriesPage)
        user._may_see_any_registrations = visible_pages(pages, user).exists()
    return user._may_see_any_registrations


def can_see_registrations(user, page):
    """Whether `user` may see the registrations of `page` (an event or lecture series):
    they can edit it, through a role that may see registrants."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not page.permissions_for_user(user).can_edit():
        return False
    return any(page.path.startswith(path) for path in registrant_data_paths(user))


def visible_pages(pages, user):
    """The pages of a queryset whose registrations `user` may see."""
    if user.is_superuser:
        return pages
    paths = registrant_data_paths(user)
    if not paths:
        return pages.none()
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    return pages.filter(within)


def is_registration_page(page):
    """Event pages with the site's form, lecture series: the pages that have registrations."""
    specific_class = page.specific_class
    if specific_class is None:
        return False
    if issubclass(specific_class, LectureSeriesPage):
        return True
    if issubclass(specific_class, EventPage):
        return page.specific_deferred.registration_mode == RegistrationMode.SITE
    return False
