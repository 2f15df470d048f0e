"""TranslatorGroup moves here from core: the model changes app, its table and rows stay
(core_translatorgroup), and so do its permissions, which follow its content type."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="core", new="translations"):
    content_types = apps.get_model("contenttypes", "ContentType")
    moving = content_types.objects.filter(app_label=old, model="translatorgroup")
    if content_types.objects.filter(app_label=new, model="translatorgroup").exists():
        moving.delete()
    else:
        moving.update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="translations", new="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_snippets_draft_state"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TranslatorGroup",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("group", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="translator_locale", to="auth.group", verbose_name="group")),
                        ("locale", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.locale", verbose_name="locale")),
                    ],
                    options={
                        "verbose_name": "translator group",
                        "verbose_name_plural": "translator groups",
                        "db_table": "core_translatorgroup",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
