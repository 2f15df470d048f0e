"""The load test's figures: wrk's JSON line, the server's request log per kind of URL,
the resident memory of gunicorn's processes, and the table printed at the end."""

import json
import os
import re
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote

# gunicorn's access log, one line a request: status, milliseconds, request line.
ACCESS_LOG_FORMAT = '%(s)s %(M)s "%(r)s"'
ACCESS_LINE = re.compile(r'^(\d{3}) (\d+) "GET (\S+) HTTP/[\d.]+"$')
CLASSES = ("2xx", "3xx", "4xx", "5xx")
# When memory is read: idle after the start, after the warm-up, the peak during the run,
# right after it.
MEMORY_COLUMNS = ("start", "before", "peak", "after")


def wrk_figures(output):
    """The figures the wrk script (mix.lua) prints as its last line."""
    for line in reversed(output.splitlines()):
        if line.startswith("LOADTEST "):
            return json.loads(line.removeprefix("LOADTEST "))
    raise ValueError("wrk printed no figures:\n" + output[-2000:])


def status_class(status):
    return f"{int(status) // 100}xx"


def server_log(lines, targets):
    """What the server answered, from its access log: per kind of URL the requests,
    their status classes and server-side time; and each URL that failed, with its
    status and count (most frequent first)."""
    kind_of = {target.path: target.kind for target in targets}
    times = defaultdict(list)
    statuses = defaultdict(Counter)
    failures = Counter()
    for line in lines:
        found = ACCESS_LINE.match(line.strip())
        if not found:
            continue
        status, milliseconds, path = found.groups()
        kind = kind_of.get(path, "other")
        times[kind].append(int(milliseconds))
        statuses[kind][status_class(status)] += 1
        if status_class(status) not in ("2xx", "3xx"):
            failures[(path, kind, int(status))] += 1
    kinds = {
        kind: {
            "answered": len(times[kind]),
            "statuses": dict(statuses[kind]),
            "server_ms_p50": statistics.median(times[kind]),
            "server_ms_max": max(times[kind]),
        }
        for kind in times
    }
    failing = [
        {"path": unquote(path), "kind": kind, "status": status, "count": count}
        for (path, kind, status), count in failures.most_common()
    ]
    return kinds, failing


# ----------------------------------------------------------------------------- memory
def resident_kb(pid):
    """VmRSS of a process in kB (None once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def children(pid):
    """The pids whose parent is `pid`, in order."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return sorted(found)


def memory(master):
    """{pid: kB} of the gunicorn master and each of its workers."""
    pids = [master, *children(master)]
    sizes = {pid: resident_kb(pid) for pid in pids}
    return {pid: size for pid, size in sizes.items() if size is not None}


def settled_memory(master, workers, timeout=20):
    """memory() once every worker has booted (imported the application) and their sizes
    hold still for half a second, or after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = memory(master)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        sizes = memory(master)
        if len(sizes) == workers + 1 and all(
            abs(size - last.get(pid, 0)) < 1024 for pid, size in sizes.items()
        ):
            return sizes
        last = sizes
    return last


def memory_rows(master, *snapshots):
    """One row a process: role, pid and its kB in each snapshot (start, before, peak,
    after; None where the process was not there)."""
    pids = sorted(set().union(*snapshots), key=lambda pid: (pid != master, pid))
    rows = []
    for number, pid in enumerate(pids):
        row = {"role": f"worker {number}" if number else "master", "pid": pid}
        for name, sizes in zip(MEMORY_COLUMNS, snapshots, strict=True):
            row[f"{name}_kb"] = sizes.get(pid)
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------ table
def summary(figures, kinds, failing, targets, memory, run):
    """Everything measured, as written to loadtest.json."""
    seconds = figures["duration_us"] / 1_000_000
    errors = figures["errors"]
    weights = Counter()
    urls = Counter()
    for target in targets:
        weights[target.kind] += target.weight
        urls[target.kind] += 1
    total_weight = sum(weights.values())
    per_kind = {
        kind: {
            "urls": urls[kind],
            "share": weights[kind] / total_weight,
            "sent": figures["sent"].get(kind, 0),
            **kinds.get(kind, {"answered": 0, "statuses": {}}),
        }
        for kind in weights
    }
    return {
        **run,
        "requests": figures["requests"],
        "requests_per_second": figures["requests"] / seconds if seconds else 0,
        "seconds": seconds,
        "bytes": figures["bytes"],
        "errors": {**errors, "total": sum(errors.values())},
        "statuses": figures["statuses"],
        "latency_ms": {name: value / 1000 for name, value in figures["latency_us"].items()},
        "kinds": per_kind,
        "failing_urls": failing,
        "memory": memory,
    }


def megabytes(kb):
    return f"{kb / 1024:.1f}" if kb is not None else "-"


def table(report):
    """The report as lines of text."""
    errors = report["errors"]
    latency = report["latency_ms"]
    statuses = report["statuses"]
    lines = [
        "",
        f"{'requests':<16}{report['requests']:>10,}   ({report['requests_per_second']:.1f}/s "
        f"over {report['seconds']:.0f} s, {report['bytes'] / 1024 / 1024:,.0f} MB received)",
        f"{'errors':<16}{errors['total']:>10,}   (non-2xx/3xx {errors['status']}, "
        f"timeouts {errors['timeout']}, connect {errors['connect']}, read {errors['read']}, "
        f"write {errors['write']})",
        f"{'statuses':<16}" + "  ".join(f"{name} {statuses.get(name, 0):,}" for name in CLASSES),
        f"{'latency ms':<16}"
        + "  ".join(f"{name} {latency[name]:.1f}" for name in ("p50", "p90", "p99", "max")),
        "",
        f"{'kind':<18}{'URLs':>5}{'share':>7}{'sent':>8}"
        + "".join(f"{name:>7}" for name in CLASSES)
        + f"{'server p50 ms':>15}{'max ms':>8}",
    ]
    for kind, row in sorted(report["kinds"].items(), key=lambda item: -item[1]["share"]):
        counts = "".join(f"{row['statuses'].get(name, 0):>7,}" for name in CLASSES)
        timing = (
            f"{row['server_ms_p50']:>15.0f}{row['server_ms_max']:>8,}"
            if row["answered"]
            else f"{'-':>15}{'-':>8}"
        )
        lines.append(
            f"{kind:<18}{row['urls']:>5}{row['share']:>7.0%}{row['sent']:>8,}{counts}{timing}"
        )
    lines.append("sent: by wrk; statuses and server-side times: gunicorn's access log for the run.")
    lines += ["", f"{'memory (RSS) MB':<16}{'pid':>8}" + "".join(f"{n:>9}" for n in MEMORY_COLUMNS)]
    for row in report["memory"]:
        sizes = "".join(f"{megabytes(row[f'{name}_kb']):>9}" for name in MEMORY_COLUMNS)
        lines.append(f"{row['role']:<16}{row['pid']:>8}{sizes}")
    lines.append(
        "start: idle after boot; before: after the warm-up; peak: sampled every second "
        "during the run; after: at its end."
    )
    if report["failing_urls"]:
        lines += ["", "Failing URLs (status, count):"]
        for failure in report["failing_urls"][:15]:
            lines.append(
                f"  {failure['status']} x{failure['count']:<6} {failure['kind']}: {failure['path']}"
            )
    return lines
