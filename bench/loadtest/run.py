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
FLOOD_SCRIPT = Path(__file__).with_name("flood.lua")
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


def reader_address(number):
    """The `number`th reader's address in 198.18.0.0/15 (as mix.lua makes them)."""
    return f"198.{18 + number // 65536 % 2}.{number // 256 % 256}.{number % 256}"


def warm_up(base_url, targets, parallel, readers=0):
    """Request each URL once, `parallel` at a time, as readers find a site after a
    publish: everything is rendered (image renditions made on a first run), then cached;
    with `readers`, each URL from one of that many readers' addresses (X-Forwarded-For).
    Returns the seconds taken and the URLs that failed, with their status or error."""
    started = time.perf_counter()
    requests = list(dict.fromkeys((target.path, target.language) for target in targets))
    addresses = {item: reader_address(n % readers) for n, item in enumerate(requests) if readers}

    def status(item):
        path, language = item
        headers = {"Accept-Language": language}
        if readers:
            headers["X-Forwarded-For"] = addresses[item]
        request = Request(base_url + path, headers=headers)  # noqa: S310
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


class Wrk:
    """wrk with one of the scripts beside this module: `users` connections for `duration`
    seconds, its output kept in a temporary file until `finish()`."""

    def __init__(self, base_url, duration, users, script=SCRIPT, script_args=()):
        self.duration = duration
        self.command = [
            "wrk",
            f"-t{min(WRK_THREADS, users)}",
            f"-c{users}",
            f"-d{duration}s",
            f"--timeout={WRK_TIMEOUT}s",
            "-s",
            str(script),
            base_url,
            "--",
            *(str(arg) for arg in script_args),
        ]

    def start(self):
        self.out = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by finish())
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            self.command, stdout=self.out, stderr=subprocess.STDOUT
        )
        self.deadline = time.monotonic() + self.duration + 30
        return self

    def running(self):
        if self.process.poll() is None and time.monotonic() > self.deadline:
            self.stop()
            raise CommandError("wrk did not finish in time.")
        return self.process.poll() is None

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def finish(self):
        """wrk's output, once it has ended."""
        self.stop()
        self.out.seek(0)
        text = self.out.read()
        self.out.close()
        if self.process.returncode != 0:
            raise CommandError(f"wrk failed ({self.process.returncode}):\n{text[-2000:]}")
        return text


def run_together(runs, while_running=None):
    """Start every Wrk of `runs` at once and return their outputs, in order, once all
    have ended; `while_running()` is called about every second meanwhile."""
    for run in runs:
        run.start()
    try:
        while [run for run in runs if run.running()]:  # each checks its deadline
            time.sleep(min(1, min(run.duration for run in runs) / 4))
            if while_running:
                while_running()
    finally:
        for run in runs:
            run.stop()
    return [run.finish() for run in runs]


def wrk(base_url, url_list, duration, users, while_running=None, readers=0):
    """wrk's output for `users` connections replaying the URLs of the file `url_list`
    (mix.lua) for `duration` seconds, from `readers` addresses (0: no X-Forwarded-For);
    `while_running()` is called about every second meanwhile."""
    args = (url_list, readers) if readers else (url_list,)
    (text,) = run_together([Wrk(base_url, duration, users, SCRIPT, args)], while_running)
    return text
