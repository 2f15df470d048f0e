"""Databases of their own for drills that run the site in another process."""

import os
import subprocess
import uuid
from pathlib import Path

import dj_database_url
import psycopg2


def make_scratch_database():
    """An empty database of its own on the same server, outside the test database's
    transaction (for drills that run the site in another process); `drop()` removes it."""
    base = dj_database_url.parse(
        os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/globalhealth"
    )
    name = f"drill_{uuid.uuid4().hex[:10]}"
    server = {
        "user": base["USER"],
        "password": base["PASSWORD"],
        "host": base["HOST"],
        "port": base["PORT"] or 5432,
    }

    def admin(sql):
        connection = psycopg2.connect(dbname="postgres", **server)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    admin(f'CREATE DATABASE "{name}"')
    auth = f"{server['user']}:{server['password']}@" if server["password"] else f"{server['user']}@"
    return {
        "name": name,
        "url": f"postgres://{auth}{server['host']}:{server['port']}/{name}",
        "server": server,
        "drop": lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'),
        "create": lambda: admin(f'CREATE DATABASE "{name}"'),
    }


def run_with_database(command, database_url, media_root):
    """Run `command` (a manage.py command or a script of bin/) in another process against
    `database_url`; fail with its output unless it succeeds. Returns what it printed."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(  # noqa: S603
        command,
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout
