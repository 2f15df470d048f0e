"""The restore drill in docs/deployment.md: dump, drop, restore, and the site is the same."""

import shutil
import sys

import psycopg2
import pytest

from tests.databases import run_with_database

# Tables whose rows must be there before the drill for it to mean anything.
MUST_HOLD_ROWS = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtail_localize_translation",
    "wagtail_localize_stringtranslation",
    "core_customimage",
    "core_customrendition",
)


def run(command, database_url, tmp_path):
    return run_with_database(command, database_url, tmp_path / "media")


def fingerprint(database):
    """Every table's row count and a digest of all its rows."""
    connection = psycopg2.connect(dbname=database["name"], **database["server"])
    tables = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # noqa: S608
                f'FROM "{table}" t'
            )
            tables[table] = cursor.fetchone()
    connection.close()
    return tables


SEE_THE_SITE = """
from django.test import Client
client = Client()
for path in ("/en/", "/fr/", "/en/news/", "/feeds/events.ics"):
    response = client.get(path)
    print("ANSWER", path, response.status_code)
"""


def test_a_dump_restored_into_a_new_database_gives_back_the_same_site(scratch_database, tmp_path):
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: apt-get install postgresql-client")
    url = scratch_database["url"]
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "-v0"], url, tmp_path)
    run([*manage, "load_demo_content", "--locales=en,fr", "-v0"], url, tmp_path)
    run([*manage, "shell", "-v0", "-c", SEE_THE_SITE], url, tmp_path)  # renditions made
    before = fingerprint(scratch_database)
    for table in MUST_HOLD_ROWS:
        assert before[table][0] > 0, f"{table} is empty: the drill would prove nothing"

    dump = tmp_path / "site.dump"
    assert "Backed up" in run(["bin/backup-db", str(dump)], url, tmp_path)
    scratch_database["drop"]()
    scratch_database["create"]()
    assert "Restored" in run(["bin/restore-db", str(dump)], url, tmp_path)

    after = fingerprint(scratch_database)
    assert after == before
    output = run([*manage, "shell", "-v0", "-c", SEE_THE_SITE], url, tmp_path)
    answers = [line.split()[1:] for line in output.splitlines() if line.startswith("ANSWER")]
    assert answers == [[path, "200"] for path in ("/en/", "/fr/", "/en/news/", "/feeds/events.ics")]
    migrations = run([*manage, "migrate", "--check"], url, tmp_path)
    assert "No migrations to apply" in migrations or migrations == ""
