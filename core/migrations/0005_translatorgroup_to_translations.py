"""TranslatorGroup now belongs to the translations app; its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_snippets_draft_state"),
        ("translations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TranslatorGroup")],
            database_operations=[],
        ),
    ]
