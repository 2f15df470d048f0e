"""Twenty pages going live in eight languages at one moment: the time from the moment to
all of them live when the worker runs (bench.launch_bench)."""

import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.launch_bench import measure
from bench.load import load_average


class Command(BaseCommand):
    help = (
        "Make PAGES English articles, each with a complete translation in every other "
        "language and a plan to go live together a few seconds ahead; at the moment, run "
        "the worker's scheduled publishing once and report the seconds from the moment to "
        "all pages live and the seconds of the run. Use a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=20)
        parser.add_argument(
            "--lead", type=int, default=60, help="Seconds from the first plan to the moment."
        )
        parser.add_argument("--keep", action="store_true", help="Keep the pages afterwards.")

    def handle(self, *args, pages, lead, keep, **options):
        say = self.stdout.write
        for noisy in ("wagtail", "translations"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        # The editors' reports are stored in the outbox; sending them is not measured.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        call_command("migrate", verbosity=0)
        say(f"Go live together: {pages} pages ({load_average()})")
        figures = measure(pages=pages, lead_seconds=lead, say=say, keep=keep)
        say(
            f"  pages {figures['pages']}, languages {figures['languages']}: "
            f"{figures['live']} of {figures['expected']} live "
            f"({figures['live_before']} before the moment)"
        )
        say(f"  seconds from the moment to all live: {figures['from_moment']:.2f}")
        say(f"  seconds of the run itself: {figures['run']:.2f}")
        say(
            f"    of which Wagtail's publish_scheduled (the originals, and with the immediate "
            f"tasks backend their translations' sync): {figures['sources']:.2f}; "
            f"the translations' launch: {figures['run'] - figures['sources']:.2f}"
        )
        say(f"  plans launched with every language published: {figures['launched']}")
        say(f"  ({load_average()})")
        if figures["live"] != figures["expected"] or figures["live_before"]:
            raise CommandError("Not every page went live at the moment: see above.")
