import logging

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.loader import DemoLoader
from demo.reset import reset


class Command(BaseCommand):
    help = (
        "Build the demo site: partners, events, lecture series, news, people and topics, "
        "translated into every locale. Safe to run again: nothing that exists is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete all pages, snippets and demo images first."
        )
        parser.add_argument(
            "--admin",
            metavar="USER:PASSWORD",
            help="Also create this superuser if no user of that name exists (local demos only).",
        )
        parser.add_argument(
            "--locales",
            help="Comma-separated language codes to translate into (default: every locale).",
        )

    def handle(self, *args, **options):
        def out(message):
            self.stdout.write(message)
            self.stdout.flush()

        if options["verbosity"] < 2:
            # Wagtail logs every page action; keep the output to the progress lines.
            logging.getLogger("wagtail").setLevel(logging.WARNING)
        if options["reset"]:
            reset(out)
        locales = options["locales"].split(",") if options["locales"] else None
        DemoLoader(out=out, locales=locales).run()
        call_command("create_roles", stdout=self.stdout)
        if options["admin"]:
            self.create_admin(*options["admin"].split(":", 1))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def create_admin(self, username, password):
        users = get_user_model()
        if not users.objects.filter(username=username).exists():
            users.objects.create_superuser(username, f"{username}@example.org", password)
            self.stdout.write(f"Created the administrator {username!r}.")
