"""What the admin tests of registrations share: addresses, a lecture series with sessions,
and users in the editorial groups."""

import io
from itertools import count

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from events.factories import EventPageFactory, LectureSeriesPageFactory
from registrations.factories import RegistrationFactory

_numbers = count()


def admin_url(name, page, query=""):
    url = reverse(f"registrations_admin:{name}", args=(page.pk,))
    return f"{url}?{query}" if query else url


def series_with_sessions(site_tree, sessions=2):
    series = LectureSeriesPageFactory(parent=site_tree.events, title="Cutting-edge immunology")
    events = [
        EventPageFactory(parent=series, title=f"Session {n + 1}", registration_mode="site")
        for n in range(sessions)
    ]
    return series, events


def registrations(event, number, **fields):
    return [RegistrationFactory(event=event, **fields) for _n in range(number)]


def create_groups():
    """The editorial roles and the translators' groups, as the deploy commands make them."""
    call_command("create_roles", stdout=io.StringIO())
    call_command("create_translator_groups", stdout=io.StringIO())


def member_of(django_user_model, *group_names):
    user = django_user_model.objects.create_user(f"member{next(_numbers)}", password="x")
    user.groups.add(*Group.objects.filter(name__in=group_names))
    assert user.groups.count() == len(group_names)
    return user
