"""An index on the pages' `url_path`: routing finds a page's whole chain of parents in one
query by their paths (core.models.BasePage.route), which without it reads every page of
the site's tree."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_translatorgroup_to_translations"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS core_page_url_path",
        )
    ]
