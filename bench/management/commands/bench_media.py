"""A large photo through the configured media storage: upload, first and warm render."""

import io
import logging
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection, Site

from core.models import CustomImage
from demo.images import illustration
from home.models import ContentPage, HomePage


class Command(BaseCommand):
    help = (
        "Upload a large JPEG through the admin's upload view, render a page using it "
        "(renditions made) and render it again (renditions warm), against the configured "
        "storage; report times and, for a bucket, the requests made by the warm render."
    )

    def add_arguments(self, parser):
        parser.add_argument("--width", type=int, default=4000)
        parser.add_argument("--height", type=int, default=3000)
        parser.add_argument("--runs", type=int, default=10, help="Warm renders (default 10).")

    def handle(self, *args, width, height, runs, **options):
        logging.getLogger("requests").setLevel(logging.WARNING)
        if not HomePage.objects.exists():
            call_command("load_demo_content", "--locales=en", stdout=self.stdout)
        site = Site.objects.get(is_default_site=True)
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        user, _created = get_user_model().objects.get_or_create(
            username="bench-media", defaults={"is_superuser": True, "is_staff": True}
        )
        editor = Client(HTTP_HOST=host)
        editor.force_login(user)
        reader = Client(HTTP_HOST=host)
        reader.cookies[settings.SESSION_COOKIE_NAME] = "bench"  # bypass the page cache

        photo = camera_like_photo(width, height)
        self.stdout.write(
            f"Storage: {default_storage.__class__.__name__}; "
            f"photo {width}x{height} JPEG, {len(photo) / 1e6:.1f} MB"
        )
        started = time.perf_counter()
        response = editor.post(
            reverse("wagtailimages:add"),
            {
                "title": "Bench photo",
                "file": SimpleUploadedFile("bench.jpg", photo, "image/jpeg"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
        upload = time.perf_counter() - started
        if response.status_code != 302:
            self.stderr.write(f"Upload refused ({response.status_code}).")
            return
        image = CustomImage.objects.filter(title="Bench photo").latest("pk")
        home = HomePage.objects.filter(locale__language_code="en").first()
        page = home.add_child(
            instance=ContentPage(title="Bench photo page", slug=f"bench-{image.pk}")
        )
        page.hero_image = image
        page.hero_alt_text = "Bench photo"
        page.save_revision().publish()
        try:
            started = time.perf_counter()
            first = reader.get(page.url)
            first_render = time.perf_counter() - started
            warm, requests = [], []
            for _run in range(runs):
                with BucketRequests() as bucket:
                    started = time.perf_counter()
                    reader.get(page.url)
                    warm.append(time.perf_counter() - started)
                requests.append(bucket.count)
            self.stdout.write(f"Upload through the admin view: {upload:.2f} s")
            self.stdout.write(
                f"First render (renditions made, status {first.status_code}): "
                f"{first_render:.2f} s, {image.renditions.count()} renditions"
            )
            self.stdout.write(
                f"Warm render, median of {runs}: {statistics.median(warm) * 1000:.0f} ms"
            )
            if requests[0] is not None:
                self.stdout.write(f"Bucket requests per warm render: {max(requests)}")
        finally:
            page.delete()
            image.delete()


def camera_like_photo(width, height):
    """A JPEG about as large as a phone camera's: a drawing with sensor-like noise."""
    drawing = Image.open(io.BytesIO(illustration("bench", "teal", size=(width, height))))
    noise = Image.merge(
        "RGB", [Image.effect_noise((width, height), sigma) for sigma in (40, 45, 50)]
    )
    photo = Image.blend(drawing.convert("RGB"), noise, 0.25)
    output = io.BytesIO()
    photo.save(output, "JPEG", quality=88)
    return output.getvalue()


class BucketRequests:
    """Counts the requests the S3 client makes (None when media is not in a bucket)."""

    def __enter__(self):
        self.count = None
        connection = getattr(default_storage, "connection", None)
        if connection is not None:
            self.count = 0
            self.events = connection.meta.client.meta.events
            self.events.register("before-call.s3", self.seen)
        return self

    def seen(self, **kwargs):
        self.count += 1

    def __exit__(self, *exc):
        if self.count is not None:
            self.events.unregister("before-call.s3", self.seen)
