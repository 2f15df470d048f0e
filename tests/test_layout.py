"""The code stays easy to find one's way in: no module grows past what one reads at once,
and `core/` stays the foundation, not the place everything goes (docs/architecture.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONGEST = 400  # lines of a non-test module
# Data, not code: the demo programme's texts.
DATA = {Path("demo/content.py")}
SKIPPED = {
    ".venv",
    "node_modules",
    "migrations",
    "tests",
    ".git",
    "media-bench",
    "var",
    "staticfiles",
}


def modules():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts) or relative.name == "conftest.py":
            continue
        yield relative, len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_longer_than_one_reads_at_once():
    long = {str(path): lines for path, lines in modules() if lines > LONGEST and path not in DATA}
    assert not long, f"split these modules (at most {LONGEST} lines each): {long}"


def test_core_holds_under_a_third_of_the_code():
    counted = [(path, lines) for path, lines in modules() if path not in DATA]
    core = sum(lines for path, lines in counted if path.parts[0] == "core")
    total = sum(lines for _path, lines in counted)
    assert core < total / 3, f"core/ has {core} of {total} lines"
