"""Registrations per second through the form, the time to the confirmation e-mail, and the
places given when everyone confirms at once (bench.registration_load)."""

import logging

from django.core.management.base import BaseCommand, CommandError

from bench.load import Server, load_average
from bench.registration_load import environment_for_server, run


class Command(BaseCommand):
    help = (
        "Register PEOPLE readers for a lecture of PLACES places through the form under "
        "gunicorn, with the worker sending e-mails to a loopback SMTP server; report "
        "registrations/s, form-to-e-mail delay (median, p99) and the places given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=500)
        parser.add_argument("--places", type=int, default=300)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--port", type=int, default=8099)

    def handle(self, *args, people, places, connections, port, **options):
        say = self.stdout.write
        for noisy in ("mail.log", "wagtail"):  # aiosmtpd's and Wagtail's chatter
            logging.getLogger(noisy).setLevel(logging.WARNING)
        say(f"Registration: {people} readers, {places} places ({load_average()})")
        environment = environment_for_server()
        with Server(port, environment=environment) as server:
            figures = run(server.url, environment, people, places, connections, say)
            if figures["confirm_errors"]:
                server.errors.seek(0)
                say("  the server's errors:\n" + server.errors.read().decode()[-4000:])
        say(
            f"  through the form: {figures['per_second']:.0f} registrations/s "
            f"({people} in {figures['form_seconds']:.1f} s)"
        )
        say(
            "  form sent -> confirmation e-mail accepted by SMTP: "
            f"median {figures['email_median'] * 1000:.0f} ms, "
            f"p99 {figures['email_p99'] * 1000:.0f} ms"
        )
        say(
            f"  after all followed their links: {figures['confirmed']} confirmed, "
            f"{figures['waiting']} waiting, {figures['awaiting']} unconfirmed, "
            f"{figures['confirm_errors']} errors {figures['confirm_error_statuses'] or ''}"
        )
        expected_confirmed = min(people, places)
        if (figures["confirmed"], figures["waiting"]) != (
            expected_confirmed,
            people - expected_confirmed,
        ):
            raise CommandError("Places were given out wrongly: see the line above.")
