"""Registration questions are translated with their page: each gets its page's locale and
a translation key of its own."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_each_question_its_page_locale(apps, schema_editor):
    """The page's locale; one key for a question and its copies on the page's translations
    (the same place in the same group of pages)."""
    question_model = apps.get_model("registrations", "RegistrationQuestion")
    keys = {}
    for question in question_model.objects.select_related("page").order_by("pk"):
        place = (question.page.translation_key, question.sort_order)
        question.locale_id = question.page.locale_id
        question.translation_key = keys.setdefault(place, uuid.uuid4())
        question.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_questions_reminders_notices_settings"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="registrationquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="registrationquestion",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_question_its_page_locale, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registrationquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="registrationquestion",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="registrationquestion",
            unique_together={("translation_key", "locale")},
        ),
    ]
