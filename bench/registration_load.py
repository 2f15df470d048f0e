"""Registration under load, through the real parts: gunicorn serving the form, the worker
sending e-mails through the outbox, an SMTP server (aiosmtpd) on loopback accepting them.

Every reader opens the form, waits the form's minimum fill time and sends it; then all of
them follow their e-mailed links at once. Printed: registrations per second through the
form, the time from sending the form to the confirmation e-mail accepted by the SMTP
server (median, p99), and how the places were given (never more than there are).
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

import requests
from django.core.management.base import CommandError
from django.utils import timezone

from bench.smtp import SMTPServer
from events.models import EventIndexPage, EventPage
from mail.models import OutgoingEmail
from registrations.forms import MINIMUM_FILL_SECONDS
from registrations.models import Registration

SLUG_PREFIX = "bench-registration-"
DOMAIN = "bench-registrations.example.org"
FORM_FIELDS = re.compile(r'name="(csrfmiddlewaretoken|shown_at)" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"https?://\S+/registrations/confirm/\S+/")


def text(message):
    return message.get_body(("plain",)).get_content()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def lecture(places):
    """A fresh online lecture with `places`, registration on the site; earlier benchmark
    lectures (and their registrations) are removed first."""
    for old in EventPage.objects.filter(slug__startswith=SLUG_PREFIX):
        old.delete()
    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        raise CommandError("No events index: load the demo content first (make demo).")
    start = timezone.now() + timedelta(days=30)
    event = EventPage(
        title="Benchmark lecture",
        slug=f"{SLUG_PREFIX}{int(time.time())}",
        start=start,
        end=start + timedelta(hours=1, minutes=30),
        format="online",
        online_url="https://meet.example.org/benchmark",
        join_link_visibility="registrants",
        registration_mode="site",
        capacity=places,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


@contextmanager
def worker(environment):
    """`run_worker` in a process of its own: it sends the queued e-mails."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            [sys.executable, "manage.py", "run_worker", "--verbosity", "0"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        process.errors = errors
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)


def stopped(process):
    """The worker's last words if it has stopped, else None."""
    if process.poll() is None:
        return None
    process.errors.seek(0)
    return process.errors.read().decode(errors="replace")[-3000:]


class Reader:
    """One person with a browser session: opens the form, later sends it."""

    def __init__(self, base_url, form_path, number, run):
        self.session = requests.Session()
        self.base_url = base_url
        self.form_url = base_url + form_path
        self.email = f"reader-{run}-{number}@{DOMAIN}"
        self.sent_at = None

    def open_form(self):
        page = self.session.get(self.form_url, timeout=60)
        page.raise_for_status()
        self.hidden = dict(FORM_FIELDS.findall(page.text))

    def send_form(self):
        self.sent_at = time.time()
        answer = self.session.post(
            self.form_url,
            data={
                **self.hidden,
                "name": "Benchmark Reader",
                "email": self.email,
                "institution": "University of Ghana",
                "country": "GH",
                "role": "student",
                "time_zone": "Africa/Accra",
                "consent": "on",
                "website": "",
            },
            headers={"Referer": self.form_url},
            timeout=60,
        )
        return answer.status_code

    def follow(self, link):
        return self.session.get(link, timeout=60).status_code


def run(server_url, environment, people, places, connections, out):
    """Register `people` for a lecture of `places` through the server at `server_url` and
    return the figures as a dict."""
    event = lecture(places)
    smtp = SMTPServer()
    environment = {**environment, "EMAIL_URL": f"smtp://{smtp.host}:{smtp.port}"}
    try:
        with worker(environment) as process:
            return _measure(server_url, event, smtp, process, people, places, connections, out)
    finally:
        smtp.stop()
        event.delete()
        # What the worker had not sent yet must not reach the next run's server.
        OutgoingEmail.objects.filter(recipient__endswith=f"@{DOMAIN}").delete()


def _measure(server_url, event, smtp, process, people, places, connections, out):
    form_path = f"/en/registrations/event/{event.pk}/"
    readers = [Reader(server_url, form_path, n, event.pk) for n in range(people)]
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(Reader.open_form, readers))
        time.sleep(MINIMUM_FILL_SECONDS + 0.2)  # people take time to fill in a form
        out(f"  {people} readers send the form ({connections} at a time)...")
        started = time.monotonic()
        statuses = list(pool.map(Reader.send_form, readers))
        form_seconds = time.monotonic() - started
    refused = [status for status in statuses if status not in (200, 302)]
    if refused:
        raise CommandError(f"{len(refused)} forms were refused: {sorted(set(refused))}")

    out("  waiting for the confirmation e-mails...")
    deadline = time.monotonic() + 180
    received = {}
    # The worker sends the site's other e-mails too (reminders of the demo's events):
    # only the readers' count.
    while len(received) < people and time.monotonic() < deadline:
        if (last_words := stopped(process)) is not None:
            raise CommandError(f"The worker stopped:\n{last_words}")
        time.sleep(0.2)
        received = {m["To"]: m for m in smtp.messages if CONFIRM_LINK.search(text(m))}
    missing = [reader for reader in readers if reader.email not in received]
    if missing:
        raise CommandError(f"{len(missing)} confirmation e-mails never arrived")
    delays = [received[r.email].received_at - r.sent_at for r in readers]

    out("  every reader follows their link at once...")
    links = {r.email: CONFIRM_LINK.search(text(received[r.email])) for r in readers}
    with ThreadPoolExecutor(connections) as pool:
        confirm_statuses = list(pool.map(lambda r: r.follow(links[r.email].group(0)), readers))
    counts = {
        status: Registration.objects.for_event(event).filter(status=status).count()
        for status in ("confirmed", "waiting", "awaiting")
    }
    return {
        "people": people,
        "places": places,
        "form_seconds": form_seconds,
        "per_second": people / form_seconds,
        "email_median": statistics.median(delays),
        "email_p99": percentile(delays, 0.99),
        "confirm_errors": sum(1 for status in confirm_statuses if status != 200),
        "confirm_error_statuses": sorted({s for s in confirm_statuses if s != 200}),
        **counts,
    }


def environment_for_server():
    """The server's and worker's environment: e-mails queued for the worker, and the
    per-address limits lifted (every reader of the benchmark comes from 127.0.0.1)."""
    return {
        **os.environ,
        "TASKS_BACKEND": "database",
        "REGISTRATIONS_PER_ADDRESS_PER_HOUR": "100000",
        "REGISTRATION_EMAILS_PER_ADDRESS_PER_HOUR": "100000",
    }
