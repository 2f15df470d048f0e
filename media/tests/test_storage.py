"""Uploaded images go through the storage backend: with a bucket configured, into the bucket."""

import io

import pytest
import requests
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image

from core.models import CustomImage
from demo.images import illustration
from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def bucket_keys(s3):
    listing = s3.client.list_objects_v2(Bucket=s3.bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_image_uploaded_in_the_admin_lands_in_the_bucket_and_renders(
    admin_client, site_tree, s3_storage
):
    upload = io.BytesIO(illustration("upload-test", "teal", size=(1200, 675)))
    upload.name = "students.jpg"
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Students in Leiden", "file": upload, "credit": "Photo: test"},
    )
    assert response.status_code == 302, response.content[:500]
    image = CustomImage.objects.get(title="Students in Leiden")
    assert image.file.name in bucket_keys(s3_storage)
    assert (image.width, image.height) == (1200, 675)

    page = ContentPageFactory(parent=site_tree.home, hero_image=image, hero_alt_text="Students")
    html = BeautifulSoup(admin_client.get(page.url).content, "html.parser")
    sources = [s["srcset"] for s in html.select(".hero-image source")]
    assert sources and all(s3_storage.endpoint in srcset for srcset in sources)
    keys = bucket_keys(s3_storage)
    assert any(key.endswith(".avif") for key in keys)
    assert any(key.endswith(".webp") for key in keys)

    img_url = html.select_one(".hero-image img")["src"]
    fetched = requests.get(img_url, timeout=10)
    assert fetched.status_code == 200
    assert Image.open(io.BytesIO(fetched.content)).format == "WEBP"


def test_rendering_with_warm_renditions_makes_no_bucket_request(client, site_tree, s3_storage):
    from django.core.files.storage import default_storage

    from news.factories import NewsPageFactory

    image = CustomImage.objects.create(
        title="Hero",
        description="Students in a lecture hall",
        file=_image_file(1600, 900),
        width=1600,
        height=900,
    )
    site_tree.home.hero_image = image
    site_tree.home.save()
    NewsPageFactory(parent=site_tree.news, hero_image=image)
    calls = []
    events = default_storage.connection.meta.client.meta.events

    def count(**kwargs):
        calls.append(kwargs["model"].name)

    events.register("before-call.s3", count)
    try:
        assert client.get(site_tree.home.url).status_code == 200
        assert "PutObject" in calls  # the first view makes the renditions, in the bucket
        calls.clear()
        assert client.get(site_tree.home.url).status_code == 200
    finally:
        events.unregister("before-call.s3", count)
    assert calls == []


def _image_file(width, height):
    from django.core.files.images import ImageFile

    from demo.images import illustration

    return ImageFile(
        io.BytesIO(illustration("bucket", "teal", size=(width, height))), name="hero.jpg"
    )


@pytest.mark.parametrize(
    ("name", "content", "view", "field"),
    [
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "wagtailimages:add",
            "file",
        ),
        ("page.html", b"<html><script>alert(1)</script></html>", "wagtaildocs:add", "file"),
    ],
)
def test_active_content_uploads_are_refused(admin_client, name, content, view, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    response = admin_client.post(reverse(view), {"title": "Upload", field: upload})
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_oversized_uploads_are_refused_with_a_form_error(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    photo = illustration("large", "amber", size=(1600, 1200))
    assert len(photo) > 50_000
    image = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Too big", "file": SimpleUploadedFile("big.jpg", photo, "image/jpeg")},
    )
    assert image.status_code == 200 and image.context["form"].errors["file"]
    document = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Too big",
            "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * 20_000),
        },
    )
    assert document.status_code == 200 and document.context["form"].errors["file"]
    assert not CustomImage.objects.filter(title="Too big").exists()


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(admin_client, settings):
    """A small file that would unpack into a huge bitmap (a decompression bomb)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 20_000_000
    bomb = io.BytesIO()
    Image.new("1", (6000, 6000)).save(bomb, "PNG", optimize=True)
    assert bomb.tell() < 100_000
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Bomb", "file": SimpleUploadedFile("bomb.png", bomb.getvalue(), "image/png")},
    )
    assert response.status_code == 200
    assert "pixels" in str(response.context["form"].errors["file"])
    assert not CustomImage.objects.filter(title="Bomb").exists()


def test_deleting_an_image_in_the_admin_removes_its_files_from_the_bucket(
    admin_client, site_tree, s3_storage, django_capture_on_commit_callbacks
):
    image = CustomImage.objects.create(
        title="Old poster", description="A poster", file=_image_file(1200, 800)
    )
    site_tree.home.hero_image = image
    site_tree.home.save()
    admin_client.get(site_tree.home.url)  # renditions made
    files = {image.file.name, *image.renditions.values_list("file", flat=True)}
    assert len(files) > 1 and files <= bucket_keys(s3_storage)
    site_tree.home.hero_image = None
    site_tree.home.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=(image.pk,)))
    assert response.status_code == 302
    assert not CustomImage.objects.filter(pk=image.pk).exists()
    assert not files & bucket_keys(s3_storage)
