"""Pages not served whole from the cache (an editor's visit, the first after a publish)
are put together from the parts that did not change: fewer queries, the same page, and
never a stale or previewed part."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.factories import NewsPageFactory
from news.models import NewsPage
from tests.admin_forms import page_form_data

pytestmark = pytest.mark.django_db


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Cache" not in response  # an editor: never the page cache
    return response, len(queries)


@pytest.mark.parametrize("where", ["home", "news"])
def test_an_editors_second_visit_is_put_together_from_kept_parts(admin_client, site_tree, where):
    for number in range(5):
        NewsPageFactory(parent=site_tree.news, title=f"Lecture week report {number}")
    url = getattr(site_tree, where).url
    first, first_queries = visit(admin_client, url)
    second, second_queries = visit(admin_client, url)
    assert second.content == first.content
    assert "Lecture week report 4" in second.content.decode()
    assert second_queries <= first_queries - 3, (first_queries, second_queries)


def test_a_kept_listing_is_renewed_when_an_article_is_published(admin_client, site_tree):
    visit(admin_client, site_tree.news.url)
    article = NewsPageFactory(parent=site_tree.news, title="Fellows arrive", live=False)
    article.save_revision().publish()
    response, _queries = visit(admin_client, site_tree.news.url)
    assert "Fellows arrive" in response.content.decode()


def test_a_preview_shows_the_unsaved_change_never_a_kept_part(admin_client, site_tree):
    article = NewsPageFactory(parent=site_tree.news, title="Kept title")
    visit(admin_client, article.url)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = page_form_data(NewsPage, "Unsaved title", publish=False, slug=article.slug)
    assert admin_client.post(preview, data).json()["is_valid"]
    shown = admin_client.get(preview).content.decode()
    assert "Unsaved title" in shown
    assert "Kept title" not in admin_client.get(preview).content.decode()
    # ... and the preview left nothing behind for readers.
    assert "Unsaved title" not in visit(admin_client, article.url)[0].content.decode()
