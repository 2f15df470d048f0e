"""Media in an S3-compatible bucket: images public at stable URLs, documents private.

Documents are uploaded with a private ACL and only ever reached through Wagtail's
document view, which checks the collection's view restrictions and then redirects
to a URL signed for a few minutes. A document moved into a private collection later
is therefore never reachable at an old address.
"""

import mimetypes
import posixpath
import uuid

from botocore.config import Config
from django.conf import settings
from django.core.files.storage import default_storage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PRIVATE_PREFIXES = ("documents/",)
# Types Wagtail shows inline only with `X-Content-Type-Options: nosniff`, a header a bucket
# cannot send: from the bucket they are downloaded.
NEEDS_NOSNIFF = {"text/plain"}


class MediaStorage(S3Storage):
    """S3 storage that keeps documents private and signs their URLs briefly."""

    def __init__(self, *, signed_url_expiry=300, connect_timeout=2, **settings):
        self.signed_url_expiry = int(signed_url_expiry)
        self.connect_timeout = connect_timeout
        super().__init__(**settings)
        if not settings.get("client_config"):
            # Fail fast when the endpoint is down: an editor waits seconds, not minutes.
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=self.connect_timeout,
                    read_timeout=30,
                    retries={"max_attempts": 2, "mode": "standard"},
                )
            )

    @staticmethod
    def is_private(name):
        return clean_name(name).startswith(PRIVATE_PREFIXES)

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        # The type follows the (allow-listed) extension, never what the browser claimed.
        extension = posixpath.splitext(name)[1][1:].lower()
        content_type = (
            getattr(settings, "WAGTAILDOCS_CONTENT_TYPES", {}).get(extension)
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        parameters["ContentType"] = content_type
        if self.is_private(name):
            if self.default_acl:  # buckets without ACLs rely on a policy that omits documents/
                parameters["ACL"] = "private"
            inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
            if content_type not in set(inline) - NEEDS_NOSNIFF:
                parameters.setdefault("ContentDisposition", "attachment")
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_private(name):
            return super().url(name, parameters, expire, http_method)
        # Signed by the bucket's endpoint, never the public custom domain.
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=expire or self.signed_url_expiry,
            HttpMethod=http_method,
        )


def check_storage():
    """Raises when the media storage does not answer (a lookup of a name never stored)."""
    default_storage.exists(f"readyz-{uuid.uuid4().hex}")
