"""Checks that an uploaded file holds what its name says it holds.

The extension decides how a file is served (its content type, shown or downloaded), so a
web page named .txt or a program named .pdf is refused before it is stored.
"""

import re
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

KINDS = {
    "pdf": _("PDF document"),
    "docx": _("Word document"),
    "xlsx": _("Excel workbook"),
    "pptx": _("PowerPoint presentation"),
    "odt": _("OpenDocument text"),
    "ods": _("OpenDocument spreadsheet"),
    "odp": _("OpenDocument presentation"),
}
NOT_WHAT_NAME_SAYS = _(
    "The content of this file is not a valid %(kind)s, although its name ends in "
    ".%(extension)s. Save or export it again in that format and upload the new file."
)
NOT_TEXT = _(
    "This file is not plain text: it contains binary data (NUL or other control "
    "characters). Save it again as UTF-8 text and upload the new file."
)
UNKNOWN_ENCODING = _(
    "This file could not be read as text in UTF-8 or a common older encoding. Save it "
    "again as UTF-8 text and upload the new file."
)
MARKUP = _(
    "This file contains web page or script markup (a “%(tag)s” tag), which is not "
    "accepted in a .%(extension)s file."
)
PROGRAM = _("This file is a program, which is not accepted as a document.")
EXTENSION_NOT_ALLOWED = _(
    "Files of this type cannot be uploaded. Allowed types: %(allowed)s. Rename the file "
    "only if it really is one of these."
)

# The main folder of each Office Open XML format, beside its [Content_Types].xml.
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# UTF-8, else the older encodings that office software still writes for the site's
# languages (Windows Western European, Chinese GB18030); anything else is to be saved as UTF-8.
TEXT_ENCODINGS = ("utf-8-sig", "cp1252", "gb18030")
# Control characters other than tab, line feed, vertical tab, form feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Tags that make a browser build a page, run code or load something.
MARKUP_TAG = re.compile(
    r"<(!doctype|\?xml|html|head|body|script|iframe|frame|frameset|object|embed|applet|"
    r"svg|math|style|link|meta|base|form|img)(?![\w-])",
    re.IGNORECASE,
)
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


def extension_of(name):
    return PurePath(name or "").suffix.lower().removeprefix(".")


def head(upload, size):
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def not_what_name_says(extension):
    refuse(NOT_WHAT_NAME_SAYS, "content_mismatch", kind=KINDS[extension], extension=extension)


def zip_entries(upload, extension, read=None):
    """The names in a ZIP archive, and the (small) content of entry `read` if given."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            content = b""
            if read in names and archive.getinfo(read).file_size < 1024:
                content = archive.read(read)
    except Exception:  # whatever cannot be read as a ZIP archive is not one
        not_what_name_says(extension)
    finally:
        upload.seek(0)
    return names, content


def check_pdf(upload, extension):
    if head(upload, 5) != b"%PDF-":
        not_what_name_says(extension)


def check_office_open_xml(upload, extension):
    names, _content = zip_entries(upload, extension)
    folder = OFFICE_FOLDERS[extension]
    if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        not_what_name_says(extension)


def check_open_document(upload, extension):
    _names, mimetype = zip_entries(upload, extension, read="mimetype")
    if mimetype.strip() != ODF_MIMETYPES[extension].encode():
        not_what_name_says(extension)


def check_no_markup(text, extension):
    found = MARKUP_TAG.search(text)
    if found:
        refuse(MARKUP, "markup", tag=found.group(1).lower(), extension=extension)


def check_text(upload, extension):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        refuse(NOT_TEXT, "binary")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        refuse(UNKNOWN_ENCODING, "encoding")
    if CONTROL_CHARACTERS.search(text):
        refuse(NOT_TEXT, "binary")
    check_no_markup(text, extension)


def check_other(upload, extension):
    """For a type added to WAGTAILDOCS_EXTENSIONS without a check of its own: no program,
    and no markup at the start, where a browser looks to guess a page."""
    start = head(upload, 1024)
    if start.startswith(PROGRAM_SIGNATURES):
        refuse(PROGRAM, "program")
    check_no_markup(start.decode("latin-1"), extension)


CHECKS = {
    "pdf": check_pdf,
    "docx": check_office_open_xml,
    "xlsx": check_office_open_xml,
    "pptx": check_office_open_xml,
    "odt": check_open_document,
    "ods": check_open_document,
    "odp": check_open_document,
    "csv": check_text,
    "txt": check_text,
}


def check_document(upload):
    """Raise a ValidationError naming what is wrong if the upload is not a document of an
    allowed type whose content matches its extension."""
    extension = extension_of(upload.name)
    allowed = [value.lower() for value in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
    if allowed and extension not in allowed:
        # Wagtail's own message repeats the extension, which is the uploader's text.
        refuse(EXTENSION_NOT_ALLOWED, "invalid_extension", allowed=", ".join(allowed))
    CHECKS.get(extension, check_other)(upload, extension)


def declared_image_size(upload):
    """Width and height from an image's header, read without decoding its pixels; None
    when the header cannot be read (the image field's own checks then explain why)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return image.size
    except Exception:  # not an image Pillow can read: the image field's checks decide
        return None
    finally:
        upload.seek(0)
