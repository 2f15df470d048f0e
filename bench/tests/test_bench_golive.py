"""`manage.py bench_golive` runs from end to end (on one page, with a short lead), so
that `make bench` does not stop at its last step."""

import io

import pytest
from django.core.management import call_command

from translations.models import LaunchPlan


@pytest.mark.django_db(transaction=True)
def test_one_page_goes_live_in_every_language_at_its_moment(site_tree, locales):
    out = io.StringIO()
    call_command("bench_golive", pages=1, lead=3, stdout=out)
    report = out.getvalue()
    assert "pages 1, languages 8: 8 of 8 live (0 before the moment)" in report, report
    assert not LaunchPlan.objects.exists(), "the bench removes what it made"
