"""What readers type finds what they look for, in every language: the queries of
`search/quality.json`, run on the demo content (loaded once for this module, inside
a transaction rolled back at its end), must each have their page among the first five
results."""

import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from search.quality import measure, quality_queries, table


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("m")):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            started = time.perf_counter()
            call_command("load_demo_content", verbosity=0)
            print(f"demo content loaded in {time.perf_counter() - started:.0f} s")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_locale_has_at_least_twelve_quality_queries():
    queries = quality_queries()
    assert set(queries) == {"en", "nl", "fr", "es", "pt", "zh-hans", "id", "ar"}
    assert all(len(items) >= 12 for items in queries.values())


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(quality_queries()))
def test_readers_find_the_expected_page_in_the_first_five(demo_site, client, code):
    [quality] = measure([code], client)
    print(table([quality]))
    assert quality.misses == [], f"{code}: not in the first five for {quality.misses}"
