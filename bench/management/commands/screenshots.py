"""Screenshots of the demo site for the documentation: the pages and patterns of
bench.screenshots, shot in Chromium through gunicorn, written to docs/screenshots/."""

import io
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench import screenshots as spec
from bench.chromium import CHROMIUM, LAUNCH_ARGS, media_route
from bench.fonts import missing_fonts
from bench.load import Server
from bench.loadtest.run import free_port
from bench.png import optimise, same_picture
from bench.screenshot_pages import page_urls

OUT = settings.BASE_DIR / "docs" / "screenshots"
# Most demo events are in Amsterdam: a reader there sees no "in your time zone" line.
TIME_ZONE = "Europe/Amsterdam"

# Loads every image now, lazy ones too (a whole-page shot shows them all), and waits for
# them and the fonts; an image that has not loaded after 5 s is shot as it is.
SETTLE = """async () => {
    for (const image of document.images) image.loading = "eager";
    const loaded = [...document.images].filter((image) => !image.complete).map(
        (image) => new Promise((done) => { image.onload = image.onerror = done; }));
    const timeout = new Promise((done) => setTimeout(done, 5000));
    await Promise.race([Promise.all([...loaded, document.fonts.ready]), timeout]);
}"""


class Skipped(Exception):
    """The shot cannot be taken on this content or markup: reported, not an error."""


class Failed(Exception):
    """The page did not load: reported, and the command fails at the end."""


@dataclass
class Shot:
    name: str  # the page kind or the pattern's name
    page: str  # a key of bench.screenshots.PAGE_KINDS
    language: str
    width: int
    path: Path  # inside the output folder
    full_page: bool = False
    selector: str = ""  # an element's shot; empty: the window's
    action: str = ""
    url: str | None = None  # None: the database has no such page
    shown_in: str = ""  # the language the page is in (English when not translated)

    @property
    def max_height(self):
        """An element taller than the window is cut to the window's height."""
        return spec.VIEWPORTS[self.width]["viewport"]["height"] if self.selector else None

    @property
    def label(self):
        return f"{self.name} {self.language} {self.width}" + (" full" if self.full_page else "")


def planned_shots():
    """Every Shot of bench.screenshots, without its URL."""
    found = []
    for kind in spec.PAGES:
        for language in spec.PAGE_LANGUAGES:
            for width in spec.VIEWPORTS:
                path = Path(f"pages/{kind}-{language}-{width}.png")
                found.append(Shot(kind, kind, language, width, path))
    for kind, language, width in spec.FULL_PAGES:
        path = Path(f"pages/{kind}-{language}-{width}-full.png")
        found.append(Shot(kind, kind, language, width, path, full_page=True))
    for pattern in spec.PATTERNS:
        for language in spec.PATTERN_LANGUAGES:
            path = Path(f"patterns/{pattern.name}-{language}.png")
            found.append(
                Shot(
                    pattern.name,
                    pattern.page,
                    language,
                    pattern.width,
                    path,
                    selector=pattern.selector,
                    action=pattern.action,
                )
            )
    return found


class Command(BaseCommand):
    help = (
        "Screenshots of the demo site's pages (en, ar, zh-hans at 375 and 1280 px) and of "
        "the patterns of docs/design.md (en, ar), written to docs/screenshots/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--load-demo", action="store_true", help="Load the demo content first (idempotent)."
        )
        parser.add_argument("--port", type=int, help="Loopback port (default: a free one).")
        parser.add_argument(
            "--only",
            help="Comma-separated page kinds or pattern names to shoot (home,header,card); "
            "the other screenshots are left as they are.",
        )

    def handle(self, *args, load_demo, port, only, **options):
        started = time.perf_counter()
        if message := missing_fonts():
            raise CommandError(message)
        if load_demo:
            self.say("Loading the demo content (idempotent; a few minutes the first time)")
            call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
            self.say(f"Demo content ready after {time.perf_counter() - started:.0f} s")
        shots = planned_shots()
        if only:
            names = set(only.split(","))
            if unknown := names - {shot.name for shot in shots}:
                raise CommandError(f"No screenshots named {', '.join(sorted(unknown))}.")
            shots = [shot for shot in shots if shot.name in names]
        urls = {code: page_urls(code) for code in {shot.language for shot in shots}}
        for shot in shots:
            shot.url, shot.shown_in = urls[shot.language][shot.page] or (None, "")
        with Server(port or free_port()) as server:
            self.say(f"{len(shots)} screenshots through {server.url} into {OUT}/")
            results = self.shoot(server.url, shots)
        counts = Counter(status for _shot, status, _note in results)
        if not only and not counts["failed"]:
            self.remove_others({OUT / shot.path for shot, status, _n in results if status == "ok"})
        self.summary(counts, time.perf_counter() - started)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} screenshots failed: see above.")

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def shoot(self, base_url, shots):
        """Take each shot; print and return (shot, "ok", "skipped" or "failed", note) each."""
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for shot in shots:
                try:
                    data = optimise(self.take(browser, base_url, shot), shot.max_height)
                except Skipped as skipped:
                    status, note = "skipped", str(skipped)
                except (Failed, PlaywrightError) as error:
                    status, note = "failed", str(error).strip().splitlines()[0]
                else:
                    status, note = "ok", self.write(OUT / shot.path, data)
                    if shot.shown_in != shot.language:
                        note += f" (in {shot.shown_in}: not translated)"
                results.append((shot, status, note))
                self.say(f"{shot.label:<28} … {status}, {note}")
            browser.close()
        return results

    def write(self, path, data):
        """Write the PNG unless the file shows the same picture (no change in git), and
        say its size."""
        if path.exists() and same_picture(path.read_bytes(), data):
            return f"{path.stat().st_size / 1024:.0f} KB, unchanged"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return f"{len(data) / 1024:.0f} KB"

    def take(self, browser, base_url, shot):
        """The PNG of one shot (bytes)."""
        if shot.url is None:
            raise Skipped(f"none in the database: {spec.PAGE_KINDS[shot.page]}")
        context = browser.new_context(
            **spec.VIEWPORTS[shot.width], timezone_id=TIME_ZONE, reduced_motion="reduce"
        )
        try:
            context.route(*media_route())
            page = context.new_page()
            response = page.goto(base_url + shot.url, wait_until="load")
            if response is None or response.status != 200:
                status = response.status if response else "nothing"
                raise Failed(f"{shot.url} answered {status}")
            page.evaluate(SETTLE)
            if shot.action:
                self.act(page, shot.action)
            if not shot.selector:
                return page.screenshot(full_page=shot.full_page, animations="disabled")
            found = page.locator(shot.selector)
            if not found.count():
                raise Skipped(f"nothing matches {shot.selector}")
            if not found.first.is_visible():
                raise Skipped(f"{shot.selector} is not visible")
            return found.first.screenshot(animations="disabled", timeout=10_000)
        finally:
            context.close()

    def act(self, page, action):
        verb, selector = action.split(" ", 1)
        target = page.locator(selector)
        if not target.count():
            raise Skipped(f"nothing matches {selector} to {verb}")
        if verb == "click":
            target.first.click()
        else:
            target.first.evaluate("(details) => { details.open = true; }")
        page.evaluate(SETTLE)

    def remove_others(self, written):
        for path in unwritten(written):
            path.unlink()
            self.say(f"removed {path.relative_to(OUT)} (not shot this time)")

    def summary(self, counts, seconds):
        sizes = {
            folder.name: sum(f.stat().st_size for f in folder.glob("*.png"))
            for folder in sorted(OUT.glob("*/"))
        }
        shown = ", ".join(f"{name} {size / 1024**2:.1f} MB" for name, size in sizes.items())
        self.say(
            f"\n{', '.join(f'{n} {status}' for status, n in counts.items())}; "
            f"{sum(sizes.values()) / 1024**2:.1f} MB in docs/screenshots/ ({shown}); "
            f"{seconds:.0f} s"
        )


def unwritten(written):
    """The PNGs beside those of `written` that a run did not write (shots no longer listed
    or skipped). Only the folders it shoots into: others hold pictures made otherwise."""
    folders = {path.parent for path in written}
    return sorted(
        path for folder in folders for path in folder.glob("*.png") if path not in written
    )
