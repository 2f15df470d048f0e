"""Real Chromium on pages served by the Django test client, in the test's own transaction.

Every request the browser makes is answered by the test client (so the browser sees the
test's data without committing it); a request to any other host is recorded and refused,
which is how the tests prove that public pages contact no third party. `LiveSite` serves
the same data over real HTTP, for what `route.fulfill` skips, such as network throttling.
"""

import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections

from bench.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: F401 - used by conftest
from bench.compression import compress_static

ORIGIN = "http://localhost"


def chromium_path():
    path = shutil.which("chromium") or CHROMIUM
    if not Path(path).exists():
        pytest.fail(
            "Chromium is missing: apt-get install -y chromium (Debian) gives /usr/bin/chromium"
        )
    return path


class Browser:
    def __init__(self, playwright_browser, client, **context_options):
        """`context_options` go to Playwright's `new_context`: a reader's `timezone_id` and
        `locale`, say."""
        self.client = client
        self.connection = connections["default"]
        self.third_party = []
        self.console_errors = []
        self.served = []  # (path, bytes) of every answer, in order
        self.other_sites = {}
        self.context = playwright_browser.new_context(base_url=ORIGIN, **context_options)
        self.context.route("**/*", self._answer)

    def _answer(self, route, request):
        # Playwright calls back in its own greenlet, whose context would open a second
        # database connection outside the test's transaction: share the test's one.
        connections["default"] = self.connection
        url = urlsplit(request.url)
        if request.url in self.other_sites:
            route.fulfill(status=200, content_type="text/html", body=self.other_sites[request.url])
            return
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            self.third_party.append(request.url)
            route.abort()
            return
        path = url.path + (f"?{url.query}" if url.query else "")
        if url.path.startswith("/media/"):
            name = url.path.removeprefix("/media/")
            if default_storage.exists(name):
                with default_storage.open(name) as file:
                    body = file.read()
                self.served.append((url.path, len(body)))
                route.fulfill(status=200, body=body)
            else:
                route.fulfill(status=404, body=b"")
            return
        response = self.client.generic(
            request.method,
            path,
            data=request.post_data_buffer or b"",
            content_type=request.headers.get("content-type", ""),
            HTTP_ACCEPT_LANGUAGE=request.headers.get("accept-language", "en"),
            HTTP_HOST="localhost",
        )
        body = b"".join(response) if response.streaming else response.content
        self.served.append((path, len(body)))
        headers = dict(response.items())
        route.fulfill(status=response.status_code, headers=headers, body=body)

    def serve_elsewhere(self, url, html):
        """Answer `url`, on another origin, with `html` (a partner's page, say)."""
        self.other_sites[url] = html

    def open(self, path, width=1280):
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.goto(path)
        return page


class LiveSite:
    """The site over HTTP on a free loopback port, in the test's own transaction: one
    request at a time, in a thread that shares the test's database connection. Static
    files come from WhiteNoise (the finders, as in development), compressed as in
    production; media do not come."""

    def __init__(self):
        self.connection = connections["default"]
        self.server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
        self.server.set_app(compress_static(WSGIHandler()))
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        # As the test client does: closing "old" connections around a request would end
        # the test's transaction.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.connection.inc_thread_sharing()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        return self

    def _serve(self):
        connections["default"] = self.connection
        self.server.serve_forever(poll_interval=0.05)

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        self.connection.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wait_until(target, expression, timeout=5.0):
    """Poll a JavaScript `expression` in a page or frame until it is true (or the time is
    up; the caller asserts). Playwright's wait_for_function polls with eval(), which the
    site's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    page = getattr(target, "page", target)
    while not target.evaluate(expression):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(100)
    return True
