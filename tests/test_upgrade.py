"""A site's database from before the concerns moved out of `core` (demo content loaded,
then dumped: tests/data/before-apps-split.sql.xz) upgrades with `migrate`, and nothing is
lost: pages, translations, images, revisions, users and groups are all there and render."""

import json
import lzma
import subprocess
import sys
from pathlib import Path

import psycopg2

from tests.databases import run_with_database

DUMP = Path(__file__).resolve().parent / "data" / "before-apps-split.sql.xz"
COUNTED = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtail_localize_translation",
    "wagtail_localize_stringtranslation",
    "core_customimage",
    "core_person",
    "core_translatorgroup",
    "auth_user",
    "auth_group",
    "auth_group_permissions",
    "wagtailcore_grouppagepermission",
)

# Run in the upgraded database's own process: what readers and the ORM see.
READ_BACK = """
import json
import django
django.setup()
from django.test import Client
from wagtail.models import Locale, Page
from translations.models import TranslatorGroup
from core.models import CustomImage

client = Client()
answers = {}
for locale in Locale.objects.all():
    home = Page.objects.get(depth=2, locale=locale)
    pages = [home, *home.get_descendants().live().public().specific()[:40]]
    answers[locale.language_code] = sorted({client.get(page.url).status_code for page in pages})
print(json.dumps({
    "statuses": answers,
    "translator_groups": {
        str(group.group): group.locale.language_code for group in TranslatorGroup.objects.all()
    },
    "image_files": sorted({image.file.name.split("/")[0] for image in CustomImage.objects.all()}),
}))
"""


def counts(database):
    connection = psycopg2.connect(dbname=database["name"], **database["server"])
    with connection.cursor() as cursor:
        found = {}
        for table in COUNTED:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - our own names
            found[table] = cursor.fetchone()[0]
        cursor.execute("SELECT app_label FROM django_content_type WHERE model = 'translatorgroup'")
        found["translatorgroup content type"] = [row[0] for row in cursor.fetchall()]
    connection.close()
    return found


def test_a_database_from_before_the_split_upgrades_with_nothing_lost(scratch_database, tmp_path):
    assert DUMP.exists(), f"{DUMP} is missing: it is part of the repository"
    restore = subprocess.run(  # noqa: S603
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", scratch_database["url"]],  # noqa: S607
        input=lzma.decompress(DUMP.read_bytes()),
        capture_output=True,
        check=False,
    )
    assert restore.returncode == 0, restore.stderr.decode()[-2000:]
    before = counts(scratch_database)
    assert before["wagtailcore_page"] > 400 and before["core_translatorgroup"] == 7
    assert before["translatorgroup content type"] == ["core"]

    output = run_with_database(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        scratch_database["url"],
        tmp_path / "media",
    )
    assert "translations.0001_initial... OK" in output
    assert "core.0005_translatorgroup_to_translations... OK" in output
    after = counts(scratch_database)
    assert {k: v for k, v in after.items() if k != "translatorgroup content type"} == {
        k: v for k, v in before.items() if k != "translatorgroup content type"
    }
    assert after["translatorgroup content type"] == ["translations"]

    read = json.loads(
        run_with_database([sys.executable, "-c", READ_BACK], scratch_database["url"], tmp_path)
        .strip()
        .splitlines()[-1]
    )
    assert read["statuses"] and all(codes == [200] for codes in read["statuses"].values()), read
    assert len(read["statuses"]) == 8
    assert read["translator_groups"]["Translators (fr)"] == "fr"
    assert read["image_files"] == ["original_images"]
