"""Whether the system has fonts for the scripts the screenshots show.

Chromium draws a box for each character no installed font covers; fontconfig (`fc-list`)
says which languages the installed fonts cover. `python -m bench.fonts` prints what is
missing and how to install it, and exits 1 then.
"""

import shutil
import subprocess
import sys

# fontconfig language: (the language, the Debian package that covers it)
NEEDED = {
    "zh": ("Chinese", "fonts-noto-cjk"),
    "ar": ("Arabic", "fonts-noto-core"),
}


def covers(language):
    """Whether an installed font covers `language` (a fontconfig language code)."""
    found = subprocess.run(  # noqa: S603 (a fixed command line)
        ["fc-list", f":lang={language}", "family"],  # noqa: S607 (fontconfig, on PATH)
        capture_output=True,
        text=True,
        check=False,
    )
    return bool(found.stdout.strip())


def missing_fonts():
    """A message naming what to install, or "" when every script is covered."""
    if shutil.which("fc-list") is None:
        return "fc-list is missing, so the fonts cannot be checked: apt-get install fontconfig"
    missing = {code: spec for code, spec in NEEDED.items() if not covers(code)}
    if not missing:
        return ""
    lines = [
        f"No {name} font (fc-list :lang={code} finds none)." for code, (name, _p) in missing.items()
    ]
    packages = " ".join(package for _name, package in missing.values())
    return "\n".join(
        [*lines, f"Screenshots would show boxes in place of text: apt-get install {packages}"]
    )


if __name__ == "__main__":
    message = missing_fonts()
    if message:
        print(message, file=sys.stderr)
        sys.exit(1)
