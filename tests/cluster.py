"""Two app servers and two workers on loopback, as a site runs once it outgrows one server:
gunicorn under production settings, behind HAProxy (TLS, health checks on /readyz,
retries), sharing one PostgreSQL database, one Redis and one S3 endpoint.

`Cluster` starts and stops the whole, and its `run_python()` runs code in the site's
environment (on the cluster's database) for what a test sets up before a person acts;
`EditorClient` signs in and sends the admin's forms as a browser would."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import redis
import requests
from bs4 import BeautifulSoup

from tests.databases import make_scratch_database

ROOT = Path(__file__).resolve().parent.parent
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
REDIS_DB = 13  # the cluster's own, emptied at the start
GRACE = 10  # seconds gunicorn's workers have to finish their requests when stopped
SERVERS = ("a", "b")
#: Which server answered: HAProxy names it in this response header.
SERVED_BY = "X-Served-By"
#: A request with this header goes to the server it names (while that server is up).
PIN = "X-Pin-Server"

HAPROXY_CONFIG = """\
global
    maxconn 2000
    stats socket {folder}/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 10s
    option http-keep-alive
    # A request that failed before any answer came (connection refused or reset, a
    # server closing a kept-alive connection) is sent again, to the other server.
    retries 3
    retry-on all-retryable-errors
    option redispatch 1

frontend site
    bind 127.0.0.1:{port} ssl crt {folder}/site.pem
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    http-response set-header {served_by} %s
    default_backend app

frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats

backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host 127.0.0.1
    default-server inter 500ms fall 2 rise 2
{use_servers}
{servers}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(message)


class Cluster:
    def __init__(self, moto_url):
        self.folder = Path(tempfile.mkdtemp(prefix="scaleout-"))
        self.database = make_scratch_database()
        self.bucket = f"media-{uuid.uuid4().hex[:12]}"
        self.port = free_port()
        self.stats_port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.ports = {name: free_port() for name in SERVERS}
        self.certificate = self.folder / "cert.pem"
        self.apps = {}
        self.workers = []
        self.haproxy = None
        self.environment = {
            **{
                name: value
                for name, value in os.environ.items()
                if not name.startswith(("DJANGO_", "DATABASE_", "AWS_", "REDIS_", "PYTEST"))
            },
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": f"scaleout-only-{uuid.uuid4().hex}-not-a-production-secret",
            "DATABASE_URL": self.database["url"],
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "WAGTAILADMIN_BASE_URL": self.url,
            "SECURE_HSTS_SECONDS": "0",
            "AXES_IPWARE_PROXY_COUNT": "1",
            # Every request of the drill comes from this machine: renders unlimited, and
            # searches one at a time, then one each 10 s, to show the count is shared.
            "RENDERS_PER_ADDRESS_PER_MINUTE": "0",
            "SEARCHES_PER_ADDRESS_PER_MINUTE": "6",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": moto_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "TASKS_BACKEND": "database",
            "EMAIL_URL": "console://",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        self.moto_url = moto_url

    # ------------------------------------------------------------------ the whole
    def start(self):
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.moto_url,
            aws_access_key_id="test",
            aws_secret_access_key="test",  # noqa: S106
            region_name="us-east-1",
        ).create_bucket(Bucket=self.bucket)
        redis.Redis(db=REDIS_DB).flushdb()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("create_roles", "-v0")
        for name in SERVERS:
            self.start_app(name)
        for number in range(2):
            log = (self.folder / f"worker-{number}.log").open("w")
            self.workers.append(
                subprocess.Popen(  # noqa: S603 (a fixed command line)
                    [sys.executable, "manage.py", "run_worker", "--schedule-every", "1"],
                    cwd=ROOT,
                    env=self.environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        self.start_haproxy()
        return self

    def stop(self):
        for process in [*self.apps.values(), *self.workers, self.haproxy]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.apps.values(), *self.workers, self.haproxy]:
            if process is not None:
                try:
                    process.wait(timeout=GRACE + 10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.database["drop"]()
        shutil.rmtree(self.folder, ignore_errors=True)

    def logs(self):
        """The tail of every process's log, for a failing test's message."""
        parts = []
        for log in sorted(self.folder.glob("*.log")):
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        return "\n".join(parts)

    def manage(self, *args):
        result = subprocess.run(  # noqa: S603 (a fixed command line)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result.stdout

    def run_python(self, code, **values):
        """Run `code` with Django set up for the cluster's database; `values` are
        available as names; whatever it assigns to `result` comes back (as JSON)."""
        script = (
            "import json, sys\nimport django\ndjango.setup()\n"
            f"values = json.loads(sys.argv[1])\nglobals().update(values)\nresult = None\n"
            f"{textwrap.dedent(code)}\n"
            "print('RESULT ' + json.dumps(result, default=str))\n"
        )
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script, json.dumps(values)],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        line = [row for row in completed.stdout.splitlines() if row.startswith("RESULT ")][-1]
        return json.loads(line.removeprefix("RESULT "))

    # ------------------------------------------------------------------ app servers
    def start_app(self, name):
        log = self.folder / f"app-{name}.log"
        self.apps[name] = subprocess.Popen(  # noqa: S603 (a fixed command line)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--graceful-timeout",
                str(GRACE),
                "--error-logfile",
                str(log),
                "--capture-output",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, which kill_app() ends at once
        )
        wait_for(
            lambda: self.ready(name),
            60,
            f"app server {name} did not become ready:\n{self.logs()}",
        )

    def ready(self, name):
        try:
            answer = requests.get(f"http://127.0.0.1:{self.ports[name]}/readyz", timeout=2)
        except requests.RequestException:
            return False
        return answer.status_code == 200

    def stop_app(self, name):
        """As a platform stops a server: SIGTERM, and gunicorn's workers finish the
        requests they hold (for at most GRACE seconds)."""
        process = self.apps[name]
        process.send_signal(signal.SIGTERM)
        return process

    def kill_app(self, name):
        """As a machine dies: the server and its workers end at once, mid-request."""
        process = self.apps[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        return process

    # ------------------------------------------------------------------ the balancer
    def start_haproxy(self):
        key, certificate = self.folder / "key.pem", self.certificate
        openssl = shutil.which("openssl")
        assert openssl, "openssl is missing: apt-get install openssl"
        assert Path(HAPROXY).exists(), "HAProxy is missing: apt-get install haproxy"
        subprocess.run(  # noqa: S603
            [
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-days",
                "1",
                "-keyout",
                str(key),
                "-out",
                str(certificate),
            ],
            check=True,
            capture_output=True,
        )
        (self.folder / "site.pem").write_text(certificate.read_text() + key.read_text())
        config = self.folder / "haproxy.cfg"
        config.write_text(
            HAPROXY_CONFIG.format(
                folder=self.folder,
                port=self.port,
                stats_port=self.stats_port,
                served_by=SERVED_BY,
                use_servers="\n".join(
                    f"    use-server {name} if {{ req.hdr({PIN}) -m str {name} }}"
                    for name in SERVERS
                ),
                servers="\n".join(
                    f"    server {name} 127.0.0.1:{port} check" for name, port in self.ports.items()
                ),
            )
        )
        log = (self.folder / "haproxy.log").open("w")
        self.haproxy = subprocess.Popen(  # noqa: S603
            [HAPROXY, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        wait_for(
            lambda: all(row["status"] == "UP" for row in self.server_stats().values()),
            20,
            f"HAProxy did not see both servers up:\n{self.logs()}",
        )

    def stats(self):
        """HAProxy's statistics: {(proxy, server): row}."""
        try:
            text = requests.get(f"http://127.0.0.1:{self.stats_port}/stats;csv", timeout=2).text
        except requests.RequestException:
            return {}
        header, *rows = text.lstrip("# ").splitlines()
        names = header.split(",")
        found = {}
        for row in rows:
            fields = dict(zip(names, row.split(","), strict=False))
            found[(fields.get("pxname"), fields.get("svname"))] = fields
        return found

    def server_stats(self):
        """{server: its row of HAProxy's statistics} (status, retries, redispatches...)."""
        rows = self.stats()
        return {name: rows.get(("app", name), {"status": "NO STATS"}) for name in SERVERS}

    def requests_so_far(self):
        """HTTP requests the balancer has received so far."""
        return int(self.stats().get(("site", "FRONTEND"), {}).get("req_tot") or 0)


class EditorClient:
    """A signed-in editor's browser, reduced to what the admin's forms need: cookies,
    CSRF tokens and the Referer; each request through the balancer, optionally pinned
    to one server."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.session = requests.Session()

    def request(self, method, path, server=None, **kwargs):
        headers = kwargs.pop("headers", {})
        headers.setdefault("Referer", self.cluster.url + path)
        if server:
            headers[PIN] = server
        return self.session.request(
            method,
            self.cluster.url + path,
            headers=headers,
            timeout=30,
            verify=str(self.cluster.certificate),  # the balancer's, made for the test
            **kwargs,
        )

    def get(self, path, server=None, **kwargs):
        return self.request("GET", path, server, **kwargs)

    def post(self, path, server=None, **kwargs):
        """A POST with the CSRF token, as the admin's scripts send one."""
        headers = {"X-CSRFToken": self.session.cookies.get("csrftoken", "")}
        return self.request("POST", path, server, headers=headers, **kwargs)

    def submit(self, page, server=None, form_selector="form[method=post]", files=None, **fields):
        """Send the form of the answer `page` with its own fields and `fields` (and
        `files`, {name: (file name, bytes, type)}), as its submit button would."""
        soup = BeautifulSoup(page.text, "html.parser")
        form = soup.select_one(form_selector)
        assert form is not None, f"no form on {page.url}"
        data = {}
        for field in form.select("input[name], textarea[name]"):
            if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            if field.get("type") in ("submit", "file"):
                continue
            data[field["name"]] = field.get("value", field.text)
        for field in form.select("select[name]"):
            chosen = field.select_one("option[selected]") or field.select_one("option")
            if chosen is not None:
                data[field["name"]] = chosen.get("value", chosen.text)
        data.update(fields)
        path = (form.get("action") or page.url).removeprefix(self.cluster.url)
        return self.request(
            "POST", path, server, data=data, files=files, headers={"Referer": page.url}
        )
