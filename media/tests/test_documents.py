"""Documents in the bucket are private objects, reached only through the document view."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from media.tests.test_uploads import office_file

pytestmark = pytest.mark.django_db

Document = get_document_model()


def upload(admin_client, title, name, content, collection=None):
    data = {"title": title, "file": SimpleUploadedFile(name, content)}
    if collection:
        data["collection"] = collection.pk
    response = admin_client.post(reverse("wagtaildocs:add"), data)
    assert response.status_code == 302, response.content[:500]
    return Document.objects.get(title=title)


def private_collection(name="Board papers"):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def bare_object_url(s3, document):
    return f"{s3.endpoint}/{s3.bucket}/{document.file.name}"


def test_a_public_document_is_served_through_a_short_lived_signed_url(admin_client, s3_storage):
    document = upload(admin_client, "Annual report", "report.pdf", b"%PDF-1.4 annual report")
    head = s3_storage.client.head_object(Bucket=s3_storage.bucket, Key=document.file.name)
    assert head["ContentType"] == "application/pdf"

    # The object itself is not public, whatever the bucket's custom domain.
    assert requests.get(bare_object_url(s3_storage, document), timeout=10).status_code == 403

    response = Client().get(document.url)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["120"]
    signed_at = time.mktime(time.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ"))
    assert abs(signed_at - time.mktime(time.gmtime())) < 60
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == b"%PDF-1.4 annual report"


def test_a_private_document_needs_a_login_and_is_never_public(admin_client, s3_storage):
    collection = private_collection()
    document = upload(
        admin_client, "Board minutes", "minutes.pdf", b"%PDF-1.4 confidential", collection
    )
    assert requests.get(bare_object_url(s3_storage, document), timeout=10).status_code == 403

    anonymous = Client().get(document.url)
    assert anonymous.status_code == 302
    assert s3_storage.endpoint not in anonymous["Location"]
    assert anonymous["Location"].startswith(reverse("wagtailcore_login"))

    allowed = admin_client.get(document.url)
    assert allowed.status_code == 302
    assert allowed["Location"].startswith(s3_storage.endpoint)
    assert requests.get(allowed["Location"], timeout=10).content == b"%PDF-1.4 confidential"


def test_a_document_moved_into_a_private_collection_is_closed_at_once(admin_client, s3_storage):
    document = upload(admin_client, "Draft budget", "budget.pdf", b"%PDF-1.4 budget")
    assert Client().get(document.url)["Location"].startswith(s3_storage.endpoint)

    document.collection = private_collection("Finance")
    document.save()
    assert not Client().get(document.url)["Location"].startswith(s3_storage.endpoint)


def test_office_documents_are_downloaded_not_shown(admin_client, s3_storage):
    document = upload(admin_client, "Budget sheet", "budget.xlsx", office_file("xlsx"))
    head = s3_storage.client.head_object(Bucket=s3_storage.bucket, Key=document.file.name)
    assert head["ContentDisposition"] == "attachment"


def test_the_documents_api_links_to_the_checked_view_not_the_bucket(admin_client, s3_storage):
    document = upload(admin_client, "Programme leaflet", "leaflet.pdf", b"%PDF-1.4 leaflet")
    detail = Client().get(f"/api/v2/documents/{document.pk}/").json()
    assert urlsplit(detail["meta"]["download_url"]).path == document.url
