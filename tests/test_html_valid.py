"""Every page type is valid HTML by the Nu HTML Checker (vnu.jar, from npm's vnu-jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from tests.test_browser import pages, translated  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


def validate(documents, tmp_path):
    """vnu's errors for each named document, in one run of the checker."""
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: run `npm install` (package.json's vnu-jar)")
    if not shutil.which("java"):
        pytest.fail("Java is missing: apt-get install default-jre-headless")
    files = []
    for number, (_name, html) in enumerate(documents):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {f"file:{path}": name for path, (name, _html) in zip(files, documents, strict=True)}
    return [
        (names.get(message.get("url")), message["message"], message.get("extract"))
        for message in messages
        if message["type"] == "error"
    ]


def test_every_page_type_is_valid_html(client, pages, locales, tmp_path):  # noqa: F811
    home = pages[0]
    urls = [
        *(page.url for page in pages),
        *(page.url for page in translated(pages, locales["ar"])),
        f"{home.url}search/?q=immunology",
        f"{home.url}no-such-page/",
        "/embed/events/?theme=dark&locale=fr",
    ]
    documents = [(url, client.get(url).content.decode()) for url in urls]
    documents.append(("500", render_to_string("500.html")))
    assert validate(documents, tmp_path) == []
