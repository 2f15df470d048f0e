"""The moving parts of a load test: gunicorn as production runs it, a warm-up pass, and
wrk replaying the mix with its script (mix.lua)."""

import signal
import socket
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote
from urllib.request import Request, urlopen

from django.core.management.base import CommandError

from bench.load import Server

from .report import ACCESS_LOG_FORMAT

SCRIPT = Path(__file__).with_name("mix.lua")
WRK_THREADS = 2
WRK_TIMEOUT = 10  # seconds a reader waits for an answer before wrk counts a timeout
WARM_UP_TIMEOUT = 120  # a first render makes every image rendition of the page
GRACE = 10  # seconds gunicorn's workers have to finish their requests when it stops


class ProductionServer(Server):
    """gunicorn as the Docker image runs it: `workers` processes of `threads` threads,
    with its access log and the application's warnings and errors in files of
    `folder`."""

    def __init__(self, port, workers, threads, folder):
        super().__init__(port, workers)
        self.access_log = folder / "access.log"
        self.error_log = folder / "server.log"
        for log in (self.access_log, self.error_log):
            log.unlink(missing_ok=True)
        self.command += [
            "--threads",
            str(threads),
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            str(self.error_log),
            "--capture-output",
            "--graceful-timeout",
            str(GRACE),
        ]

    def __enter__(self):
        try:
            return super().__enter__()
        except CommandError as error:
            log = self.error_log.read_text() if self.error_log.exists() else ""
            raise CommandError(f"{error}\n{log[-3000:]}") from None

    def stop(self):
        """Graceful: workers finish the requests wrk left in flight, for at most GRACE
        seconds."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=GRACE + 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def warm_up(base_url, targets, parallel):
    """Request each URL once, `parallel` at a time, as readers find a site after a
    publish: everything is rendered (image renditions made on a first run), then cached.
    Returns the seconds taken and the URLs that failed, with their status or error."""
    started = time.perf_counter()
    requests = list(dict.fromkeys((target.path, target.language) for target in targets))

    def status(item):
        path, language = item
        request = Request(base_url + path, headers={"Accept-Language": language})  # noqa: S310
        try:
            with urlopen(request, timeout=WARM_UP_TIMEOUT) as response:  # noqa: S310 (loopback)
                response.read()
                return response.status
        except HTTPError as error:
            return error.code
        except OSError as error:  # a timeout or a dropped connection
            return str(error)

    pool = ThreadPoolExecutor(parallel)
    try:
        statuses = list(pool.map(status, requests))
    finally:  # on Ctrl-C, no more requests
        pool.shutdown(wait=False, cancel_futures=True)
    failed = [
        f"{found} {unquote(path)}"
        for (path, _language), found in zip(requests, statuses, strict=True)
        if not (isinstance(found, int) and found < 400)
    ]
    return time.perf_counter() - started, failed


def wrk(base_url, url_list, duration, users, while_running=None):
    """wrk's output for `users` connections replaying the URLs of the file `url_list`
    for `duration` seconds; `while_running()` is called about every second meanwhile."""
    command = [
        "wrk",
        f"-t{min(WRK_THREADS, users)}",
        f"-c{users}",
        f"-d{duration}s",
        f"--timeout={WRK_TIMEOUT}s",
        "-s",
        str(SCRIPT),
        base_url,
        "--",
        str(url_list),
    ]
    with tempfile.TemporaryFile(mode="w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            deadline = time.monotonic() + duration + 30
            while process.poll() is None:
                if time.monotonic() > deadline:
                    raise CommandError("wrk did not finish in time.")
                time.sleep(min(1, duration / 4))
                if while_running:
                    while_running()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        out.seek(0)
        text = out.read()
    if process.returncode != 0:
        raise CommandError(f"wrk failed ({process.returncode}):\n{text[-2000:]}")
    return text
