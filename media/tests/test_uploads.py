"""Files that could deface the site, exhaust the server or serve active content are refused
in every admin upload view with a form error naming the problem, and leave nothing behind;
accepted documents are served as downloads unless they are safe to show."""

import io
import random
import struct
import unicodedata
import zipfile
import zlib

import pytest
import requests
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

from core.models import CustomImage

pytestmark = pytest.mark.django_db

Document = get_document_model()

IMAGE_VIEWS = ["wagtailimages:add", "wagtailimages:add_multiple", "wagtailimages_chooser:create"]
DOCUMENT_VIEWS = ["wagtaildocs:add", "wagtaildocs:add_multiple", "wagtaildocs_chooser:create"]
CHOOSER_PREFIXES = {
    "wagtailimages_chooser:create": "image-chooser-upload-",
    "wagtaildocs_chooser:create": "document-chooser-upload-",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Local media in a folder of the test's own, to see exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file())


def error_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in soup.select(".error-message"))


def upload(client, view, name, content):
    """Send one file as the editor's browser does in `view`: the error the editor is shown,
    or None when the file was accepted."""
    file = SimpleUploadedFile(name, content)
    if view.endswith(":add_multiple"):
        response = client.post(reverse(view), {"files[]": file})
        assert response.status_code == 200, response.content[:500]
        answer = response.json()
        return None if answer["success"] else answer["error_message"]
    prefix = CHOOSER_PREFIXES.get(view, "")
    response = client.post(reverse(view), {f"{prefix}title": "Upload", f"{prefix}file": file})
    if prefix:
        assert response.status_code == 200, response.content[:500]
        answer = response.json()
        if answer["step"] != "reshow_creation_form":
            return None
        return error_texts(answer["htmlFragment"]) or "(no message shown)"
    if response.status_code == 302:
        return None
    assert response.status_code == 200, response.content[:500]
    return error_texts(response.content) or "(no message shown)"


def assert_nothing_saved(media):
    assert not CustomImage.objects.exists()
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()  # the multiple uploader's holding area
    assert stored_files(media) == []


# Images ---------------------------------------------------------------------------------


def image_bytes(image_format, size=(48, 32), noise=False):
    image = Image.new("RGB", size, "teal")
    if noise:  # incompressible, so that the file is as large as its pixels
        image = Image.frombytes("RGB", size, random.Random(1).randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height):
    """A PNG of a few dozen bytes whose header announces width x height pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def corrupt_png():
    """A PNG whose compressed pixel data was damaged in transit."""
    data = bytearray(image_bytes("PNG", size=(64, 64), noise=True))
    start = data.index(b"IDAT") + 200
    data[start : start + 64] = bytes(64)
    return bytes(data)


JPEG = image_bytes("JPEG", size=(400, 300), noise=True)
BAD_IMAGES = {
    "decompression bomb": ("bomb.png", png_declaring(20_000, 20_000), "too many pixels"),
    "header over the pixel limit": (
        "large.png",
        png_declaring(9_000, 9_000),
        "too many pixels (81000000)",
    ),
    "svg": (
        "drawing.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        "Not a supported image format",
    ),
    "html named .png": ("photo.png", b"<html><script>alert(1)</script></html>", "Not a valid"),
    "pdf named .jpg": ("photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "valid image"),
    "jpeg named .png": ("photo.png", JPEG, "does not match the file format (jpeg)"),
    "truncated jpeg": ("photo.jpg", JPEG[: len(JPEG) // 2], "valid image"),
    "corrupt png": ("photo.png", corrupt_png(), "valid image"),
}


@pytest.mark.parametrize("view", IMAGE_VIEWS)
@pytest.mark.parametrize("case", BAD_IMAGES)
def test_a_bad_image_is_refused_with_a_clear_error_and_nothing_is_stored(
    admin_client, media, view, case
):
    name, content, reason = BAD_IMAGES[case]
    error = upload(admin_client, view, name, content)
    assert error is not None, f"{case} was accepted"
    assert reason in error
    assert_nothing_saved(media)


def test_the_pixel_limit_names_the_count_and_the_limit(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    error = upload(admin_client, "wagtailimages:add", "wide.png", png_declaring(2_000, 1_000))
    assert "This file has too many pixels (2000000). Maximum pixels 1000000." in error


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_an_image_over_the_size_limit_is_refused(admin_client, settings, media, view):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    assert len(JPEG) > 50_000
    error = upload(admin_client, view, "photo.jpg", JPEG)
    assert "This file is too big" in error
    assert_nothing_saved(media)


@pytest.mark.parametrize("image_format", ["AVIF", "GIF", "JPEG", "PNG", "WEBP"])
def test_an_image_in_each_allowed_format_is_accepted(admin_client, media, image_format):
    name = f"photo.{image_format.lower()}"
    assert upload(admin_client, "wagtailimages:add", name, image_bytes(image_format)) is None
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (48, 32)
    assert stored_files(media) == [image.file.name]


@pytest.mark.parametrize("view", IMAGE_VIEWS[1:])
def test_the_other_image_upload_views_accept_a_good_image(admin_client, media, view):
    assert upload(admin_client, view, "photo.png", image_bytes("PNG")) is None
    assert CustomImage.objects.get().file.name in stored_files(media)


def test_the_checked_image_field_keeps_wagtails_upload_widget(admin_client):
    html = BeautifulSoup(admin_client.get(reverse("wagtailimages:add")).content, "html.parser")
    file_input = html.select_one('input[type="file"][name="file"]')
    assert file_input["data-w-sync-target-value"] == "#id_title"  # fills in the title
    assert "image/avif" in file_input["accept"]  # the formats Wagtail offers to pick
    assert "PNG" in html.select_one("#id_file-helptext").get_text()


# Documents ------------------------------------------------------------------------------


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OFFICE_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def office_file(extension):
    return zip_bytes({"[Content_Types].xml": "<Types/>", OFFICE_MAIN_PARTS[extension]: "<x/>"})


def open_document(extension):
    return zip_bytes({"mimetype": ODF_MIMETYPES[extension], "content.xml": "<x/>"})


PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
GOOD_DOCUMENTS = {
    "report.pdf": PDF,
    "minutes.docx": office_file("docx"),
    "budget.xlsx": office_file("xlsx"),
    "slides.pptx": office_file("pptx"),
    "minutes.odt": open_document("odt"),
    "budget.ods": open_document("ods"),
    "slides.odp": open_document("odp"),
    "partners.csv": "name,city\nInstitut Pasteur,Paris\n北京协和医院,北京\n".encode(),
    "readme.txt": "Notes: BMI < body weight / height², <bodyweight>, a -> b.\r\n".encode(
        "utf-8-sig"
    ),
    "legacy.txt": "Réunion à Genève, 5 €".encode("cp1252"),
}
BAD_DOCUMENTS = {
    "html page": ("page.html", b"<html><script>alert(1)</script></html>", "cannot be uploaded"),
    "svg": ("logo.svg", b"<svg onload='alert(1)'/>", "cannot be uploaded"),
    "program": ("setup.exe", b"MZ\x90\x00", "cannot be uploaded"),
    "script": ("tracker.js", b"alert(document.cookie)", "cannot be uploaded"),
    "double extension": ("report.pdf.html", b"<html></html>", "cannot be uploaded"),
    "no extension": ("report", PDF, "cannot be uploaded"),
    "html named .pdf": ("report.pdf", b"<html><body>Report</body></html>", "not a valid PDF"),
    "pdf with a preamble": ("report.pdf", b"<script>x</script>" + PDF, "not a valid PDF"),
    "zip that is no document": ("minutes.docx", zip_bytes({"a.txt": "x"}), "Word document"),
    "not a zip": ("budget.xlsx", b"PK\x03\x04 sheet", "not a valid Excel workbook"),
    "docx named .xlsx": ("budget.xlsx", office_file("docx"), "not a valid Excel workbook"),
    "pptx named .docx": ("minutes.docx", office_file("pptx"), "not a valid Word document"),
    "ods named .odt": ("minutes.odt", open_document("ods"), "OpenDocument text"),
    "odf without mimetype": ("slides.odp", zip_bytes({"content.xml": "<x/>"}), "presentation"),
    "pdf named .ods": ("budget.ods", PDF, "not a valid OpenDocument spreadsheet"),
    "nul bytes in text": ("notes.txt", b"notes\x00\x00more", "binary data"),
    "utf-16 text": ("notes.txt", "notes".encode("utf-16"), "binary data"),
    "control characters": ("notes.txt", b"notes\x1b[31m red", "binary data"),
    "xlsx named .csv": ("data.csv", office_file("xlsx"), "binary data"),
    "undecodable text": ("notes.txt", b"caf\xe9 \x81 ", "could not be read as text"),
    "html named .txt": ("notes.txt", b"<!DOCTYPE html><p>hi</p>", "“!doctype” tag"),
    "script in csv": ("data.csv", b'name\n"<script>alert(1)</script>"', "“script” tag"),
    "svg named .txt": ("notes.txt", b"\n <SVG onload=alert(1)>", "“svg” tag"),
    "xml named .csv": ("data.csv", b'<?xml version="1.0"?><a/>', "“?xml” tag"),
    "image with handler": ("notes.txt", b"see <img src=x onerror=alert(1)>", "“img” tag"),
}


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_a_bad_document_is_refused_with_a_clear_error_and_nothing_is_stored(
    admin_client, media, view, case
):
    name, content, reason = BAD_DOCUMENTS[case]
    error = upload(admin_client, view, name, content)
    assert error is not None, f"{case} was accepted"
    assert reason in error
    assert "File extension “”" not in error  # only the real reason, not Wagtail's echo
    assert_nothing_saved(media)


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
def test_a_document_over_the_size_limit_is_refused(admin_client, settings, media, view):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    error = upload(admin_client, view, "report.pdf", PDF + b"0" * 1_000)
    assert "This file is too big" in error
    assert_nothing_saved(media)


@pytest.mark.parametrize("name", GOOD_DOCUMENTS)
def test_a_document_of_each_allowed_type_is_accepted(admin_client, media, name):
    assert upload(admin_client, "wagtaildocs:add", name, GOOD_DOCUMENTS[name]) is None
    document = Document.objects.get()
    assert stored_files(media) == [document.file.name]
    assert (media / document.file.name).read_bytes() == GOOD_DOCUMENTS[name]


@pytest.mark.parametrize("view", DOCUMENT_VIEWS[1:])
def test_the_other_document_upload_views_accept_a_good_document(admin_client, media, view):
    assert upload(admin_client, view, "minutes.docx", office_file("docx")) is None
    assert stored_files(media) == [Document.objects.get().file.name]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("minutes.rtf", b"{\\rtf1\\ansi Minutes}", None),
        ("minutes.rtf", b"MZ\x90\x00\x03", "is a program"),
        ("minutes.rtf", b"  <HTML><body onload=alert(1)>", "“html” tag"),
    ],
)
def test_a_type_added_to_the_allowed_extensions_still_gets_a_check(
    admin_client, settings, name, content, reason
):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "rtf"]
    error = upload(admin_client, "wagtaildocs:add", name, content)
    if reason is None:
        assert error is None
    else:
        assert reason in error


def test_the_error_does_not_repeat_the_uploaders_file_name(admin_client):
    """The multiple uploader inserts the message as HTML: it must not carry the name."""
    name = "minutes.<img src=x onerror=alert(1)>"
    error = upload(admin_client, "wagtaildocs:add_multiple", name, PDF)
    assert "cannot be uploaded" in error
    assert "<" not in error


def test_replacing_a_documents_file_with_a_bad_one_keeps_the_old_file(admin_client, media):
    assert upload(admin_client, "wagtaildocs:add", "report.pdf", PDF) is None
    document = Document.objects.get()
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=(document.pk,)),
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile("report.pdf", b"<html><body>defaced</body></html>"),
        },
    )
    assert response.status_code == 200
    assert "not a valid PDF document" in error_texts(response.content)
    document.refresh_from_db()
    assert stored_files(media) == [document.file.name]
    assert (media / document.file.name).read_bytes() == PDF


def test_replacing_an_images_file_with_a_bad_one_keeps_the_old_file(admin_client, media):
    original = image_bytes("PNG")
    assert upload(admin_client, "wagtailimages:add", "poster.png", original) is None
    image = CustomImage.objects.get()
    response = admin_client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "collection": image.collection_id,
            "file": SimpleUploadedFile("poster.png", png_declaring(20_000, 20_000)),
        },
    )
    assert response.status_code == 200
    assert "too many pixels" in error_texts(response.content)
    image.refresh_from_db()
    assert (media / image.file.name).read_bytes() == original
    assert (image.width, image.height) == (48, 32)


def test_a_refused_upload_leaves_nothing_in_the_bucket(admin_client, s3_storage):
    error = upload(admin_client, "wagtaildocs:add", "report.pdf", b"<html>defaced</html>")
    assert "not a valid PDF document" in error
    assert not Document.objects.exists()
    listing = s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)
    assert listing.get("Contents", []) == []


# Serving --------------------------------------------------------------------------------

SERVED = {
    "report.pdf": ("application/pdf", "inline"),
    "readme.txt": ("text/plain", "inline"),
    "partners.csv": ("text/csv", "attachment"),
    "minutes.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
    ),
    "budget.ods": ("application/vnd.oasis.opendocument.spreadsheet", "attachment"),
}


@pytest.mark.parametrize("name", SERVED)
def test_documents_are_downloaded_unless_safe_to_show(admin_client, name):
    assert upload(admin_client, "wagtaildocs:add", name, GOOD_DOCUMENTS[name]) is None
    response = Client().get(Document.objects.get().url)
    assert response.status_code == 200
    content_type, disposition = SERVED[name]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == GOOD_DOCUMENTS[name]


BUCKET_SERVED = {**SERVED, "readme.txt": ("text/plain", "attachment")}  # no nosniff there


@pytest.mark.parametrize("name", BUCKET_SERVED)
def test_documents_in_the_bucket_are_downloaded_unless_safe_to_show(admin_client, s3_storage, name):
    assert upload(admin_client, "wagtaildocs:add", name, GOOD_DOCUMENTS[name]) is None
    document = Document.objects.get()
    head = s3_storage.client.head_object(Bucket=s3_storage.bucket, Key=document.file.name)
    content_type, disposition = BUCKET_SERVED[name]
    assert head["ContentType"] == content_type
    assert head.get("ContentDisposition", "inline") == disposition

    signed = Client().get(document.url)["Location"]
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == content_type
    assert fetched.headers.get("Content-Disposition", "inline") == disposition
    assert fetched.content == GOOD_DOCUMENTS[name]


# File names -----------------------------------------------------------------------------


def post_with_raw_file_name(client, url, fields, field, file_name, content):
    """A multipart request carrying `file_name` exactly as a hostile client sends it (the
    test client would strip any folders from it first)."""
    boundary = "upload-defences-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(url, body, content_type=f"multipart/form-data; boundary={boundary}")


def assert_clean_stored_name(name, folder):
    assert name.count("/") == 1 and name.startswith(f"{folder}/"), name
    assert ".." not in name and "\\" not in name, name
    assert not [c for c in name if unicodedata.category(c) in ("Cc", "Cf")], ascii(name)


HOSTILE_NAMES = {
    "parent folders": "../../evil.pdf",
    "windows parent folders": "..\\..\\evil.pdf",
    "absolute path": "/etc/cron.d/evil.pdf",
    "right-to-left override": "salary\u202excod.pdf",  # shown as "salaryfdp.docx"
    "control characters": "minutes\x07\x1b[2J\t.pdf",
}


@pytest.mark.parametrize("case", HOSTILE_NAMES)
def test_a_hostile_document_file_name_stays_in_its_folder(admin_client, media, case):
    response = post_with_raw_file_name(
        admin_client,
        reverse("wagtaildocs:add"),
        {"title": "Hostile name"},
        "file",
        HOSTILE_NAMES[case],
        PDF,
    )
    assert response.status_code == 302, error_texts(response.content)
    document = Document.objects.get()
    assert_clean_stored_name(document.file.name, "documents")
    assert document.file.name.endswith(".pdf")
    assert stored_files(media) == [document.file.name]
    assert [p.name for p in media.parent.iterdir()] == ["media"]  # nothing beside media/
    assert Client().get(document.url).status_code == 200


def test_a_unicode_document_name_is_kept_readable(admin_client, media):
    response = post_with_raw_file_name(
        admin_client,
        reverse("wagtaildocs:add_multiple"),
        {},
        "files[]",
        "Jahresbericht 2025 – 年度报告.pdf",
        PDF,
    )
    assert response.json()["success"] is True
    document = Document.objects.get()
    assert document.file.name == "documents/Jahresbericht_2025__年度报告.pdf"
    assert_clean_stored_name(document.file.name, "documents")


@pytest.mark.parametrize("case", ["parent folders", "right-to-left override"])
def test_a_hostile_image_file_name_stays_in_its_folder(admin_client, media, case):
    name = HOSTILE_NAMES[case].replace(".pdf", ".png")
    response = post_with_raw_file_name(
        admin_client,
        reverse("wagtailimages:add"),
        {"title": "Hostile name"},
        "file",
        name,
        image_bytes("PNG"),
    )
    assert response.status_code == 302, error_texts(response.content)
    image = CustomImage.objects.get()
    assert_clean_stored_name(image.file.name, "original_images")
    assert stored_files(media) == [image.file.name]
