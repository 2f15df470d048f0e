"""Unpublish live translations whose every text is still the source's.

Before translations started as drafts, "Translate this page" on a live page published the
source text under the other language's address at once. Unpublished, such a page falls
back to the original (marked as such in listings) until a translator publishes it.
"""

from django.core.management.base import BaseCommand
from wagtail.models import DraftStateMixin
from wagtail_localize.models import Translation

from translations.policy import translated_instance_or_none


class Command(BaseCommand):
    help = "Unpublish live translations in which no text is translated; prints each one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List them without unpublishing."
        )

    def handle(self, *args, dry_run=False, **options):
        found = 0
        translations = Translation.objects.filter(enabled=True).select_related(
            "source", "target_locale"
        )
        for translation in translations.order_by("source_id", "target_locale__language_code"):
            target = translated_instance_or_none(translation)
            if not isinstance(target, DraftStateMixin) or not target.live:
                continue
            if getattr(target, "alias_of_id", None):
                continue  # an alias says it repeats the source
            total, translated = translation.get_progress()
            if not total or translated:
                continue
            found += 1
            where = getattr(target, "url_path", "") or f"{type(target).__name__} {target.pk}"
            self.stdout.write(
                f"{translation.target_locale.language_code}\t{target.pk}\t{where}\t{target}"
            )
            if not dry_run:
                target.unpublish()
        verb = "would be unpublished" if dry_run else "unpublished"
        self.stdout.write(
            self.style.SUCCESS(f"{found} translation{'s' if found != 1 else ''} {verb}.")
        )
