"""Queued background tasks keep working after the tasks moved out of core: their stored
paths follow the functions to operations.tasks and translations.tasks."""

from django.db import migrations

MOVED = {
    "core.tasks.publish_scheduled_pages": "operations.tasks.publish_scheduled_pages",
    "core.tasks.prune_task_results": "operations.tasks.prune_task_results",
    "core.tasks.sync_translations": "translations.tasks.sync_translations",
}


def rename(apps, schema_editor, moves=MOVED):
    results = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        results.objects.filter(task_path=old).update(task_path=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0019_rename_django_task_new_ordering_idx_tasks_db_new_ordering_idx_and_more"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
