"""With the S3 endpoint down, editors get a clear error and readers still get pages."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from core.models import CustomImage
from demo.images import illustration
from news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def photo(name="hero.jpg", colour="teal"):
    return ImageFile(io.BytesIO(illustration(name, colour, size=(1200, 800))), name=name)


def image_sources(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [img["src"] for img in html.select("main img")]


@pytest.fixture
def storage_down(s3_outage, site_tree, client):
    """A home page whose renditions exist, an article whose renditions were never made,
    then the endpoint stops."""
    hero = CustomImage.objects.create(title="Hero", description="Students", file=photo())
    site_tree.home.hero_image = hero
    site_tree.home.save()
    warm = client.get(site_tree.home.url)
    assert warm.status_code == 200
    cold_image = CustomImage.objects.create(
        title="Never shown", description="A laboratory", file=photo("cold.jpg", "amber")
    )
    article = NewsPageFactory(parent=site_tree.news, hero_image=cold_image)
    s3_outage.stop()
    cache.clear()  # no page from the cache: every answer below is rendered again
    return {"home": site_tree.home, "article": article, "sources": image_sources(warm)}


def test_pages_whose_renditions_exist_render_as_before(client, storage_down):
    response = client.get(storage_down["home"].url)
    assert response.status_code == 200
    assert storage_down["sources"]
    # The same renditions as before (the article's new image, listed too, is left out).
    assert set(storage_down["sources"]) <= set(image_sources(response))


def test_a_page_that_needs_new_renditions_still_renders(client, storage_down):
    response = client.get(storage_down["article"].url)
    assert response.status_code == 200
    assert storage_down["article"].title in response.content.decode()


def test_an_image_upload_is_refused_with_a_clear_error_and_saves_nothing(
    admin_client, storage_down
):
    upload = SimpleUploadedFile("new.jpg", illustration("new", "teal", size=(800, 600)))
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "During the outage", "file": upload}
    )
    assert response.status_code == 200
    assert "cannot be reached" in str(response.context["form"].errors["file"])
    assert "cannot be reached" in response.content.decode()
    assert not CustomImage.objects.filter(title="During the outage").exists()


def test_the_multiple_uploader_reports_the_outage_too(admin_client, storage_down):
    upload = SimpleUploadedFile("batch.jpg", illustration("batch", "teal", size=(800, 600)))
    count = CustomImage.objects.count()
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "cannot be reached" in answer["error_message"]
    assert CustomImage.objects.count() == count


def test_a_document_upload_is_refused_with_a_clear_error_and_saves_nothing(
    admin_client, storage_down
):
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes")
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": "Minutes", "file": upload})
    assert response.status_code == 200
    assert "cannot be reached" in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.filter(title="Minutes").exists()


def test_readiness_names_the_storage(client, storage_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "storage" in response.json()["down"]
