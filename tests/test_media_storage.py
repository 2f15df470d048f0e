"""Uploaded images go through the storage backend: with a bucket configured, into the bucket."""

import io

import pytest
import requests
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image

from core.demo.images import illustration
from core.models import CustomImage
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

    img_url = html.select_one(".hero-image img")["src"]
    fetched = requests.get(img_url, timeout=10)
    assert fetched.status_code == 200
    assert Image.open(io.BytesIO(fetched.content)).format == "JPEG"
