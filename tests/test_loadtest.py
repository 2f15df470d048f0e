"""`manage.py loadtest`: the URL mix it reads from the content answers, and wrk, with the
mix's script, replays it and reports what came back."""

import datetime
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.loadtest.flood import (
    flood_figures,
    flood_table,
    patterns,
    populations,
    readers_spared,
)
from bench.loadtest.mix import WEIGHTS, Target, mix
from bench.loadtest.report import memory, memory_rows, server_log, summary, table, wrk_figures
from bench.loadtest.run import FLOOD_SCRIPT, Wrk, run_together, wrk
from core.factories import TopicFactory
from events.factories import EventPageFactory, LectureSeriesPageFactory
from events.models import EventHostPartner
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory


@pytest.fixture
def content(site_tree, locales):
    """One of each kind of page, in English and French; nothing in Arabic."""
    topic = TopicFactory(name="Vaccines", slug="vaccines")
    partner = PartnerPageFactory(parent=site_tree.partners, slug="makerere")
    series = LectureSeriesPageFactory(parent=site_tree.events, slug="immunology-week")
    session = EventPageFactory(parent=series, slug="innate-immunity")
    past = EventPageFactory(
        parent=site_tree.events,
        start=datetime.datetime(2020, 5, 4, 13, tzinfo=datetime.UTC),
        end=datetime.datetime(2020, 5, 4, 15, tzinfo=datetime.UTC),
    )
    EventHostPartner.objects.create(page=session, partner=partner)
    article = NewsPageFactory(parent=site_tree.news, title="Vaccine manufacturing in Africa")
    article.topics.add(topic)
    article.save_revision().publish()
    for page in (site_tree.home, partner, series, session, past, article):
        copy = page.specific.copy_for_translation(locales["fr"], copy_parents=True)
        copy.save_revision().publish()
    return site_tree


def language(target):
    return target.language.split(",")[0]


def test_the_mix_has_every_kind_in_each_language_and_every_url_answers(client, content):
    targets, missing = mix(["en", "fr", "ar"])

    assert missing == ["ar"]
    for code in ("en", "fr"):
        mine = [target for target in targets if language(target) == code]
        assert {target.kind for target in mine} == set(WEIGHTS)
        for kind, weight in WEIGHTS.items():
            assert sum(t.weight for t in mine if t.kind == kind) == pytest.approx(weight)
    french = [target for target in targets if language(target) == "fr"]
    assert {t.path for t in french if t.kind in ("home", "article", "partner")} >= {
        "/fr/",
        "/fr/news/vaccine-manufacturing-in-africa/",
        "/fr/partners/makerere/",
    }
    assert "/api/v2/events/?locale=fr&upcoming=1&partner=makerere" in {t.path for t in french}
    for target in targets:
        response = client.get(target.path, headers={"accept-language": target.language})
        assert response.status_code in (200, 302), (target, response.status_code)
        if target.path == "/":
            assert response["Location"] == f"/{language(target)}/"


class Answers(BaseHTTPRequestHandler):
    """Answers by path, and notes the headers of each request."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    statuses = {"/ok": 200, "/moved": 302, "/gone": 404, "/broken": 500, "/busy": 429}

    def do_GET(self):
        self.server.seen.add(
            (self.path, self.headers["Accept-Language"], self.headers["Accept-Encoding"])
        )
        self.server.forwarded.append((self.path, self.headers["X-Forwarded-For"]))
        body = b"answer"
        self.send_response(self.statuses[self.path.split("?")[0]])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class AnsweringServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionResetError):  # wrk leaving
            super().handle_error(request, client_address)


@pytest.fixture
def answering_server():
    server = AnsweringServer(("127.0.0.1", 0), Answers)
    server.seen = set()
    server.forwarded = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_wrk_replays_the_weighted_mix_and_reports_what_came_back(answering_server, tmp_path):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is missing: apt-get install wrk")
    targets = [
        Target("page", "fr,en;q=0.8", "/ok?q=caf%C3%A9", 8),
        Target("redirect", "en", "/moved", 1),
        Target("missing", "ar,en;q=0.8", "/gone", 1),
        Target("broken", "zh-hans,en;q=0.8", "/broken", 0.5),
    ]
    url_list = tmp_path / "urls.tsv"
    url_list.write_text("".join(target.line() + "\n" for target in targets))
    base_url = f"http://127.0.0.1:{answering_server.server_port}"

    figures = wrk_figures(wrk(base_url, url_list, duration=1, users=4))

    statuses = figures["statuses"]
    assert figures["requests"] > 100
    assert sum(statuses.values()) == figures["requests"]
    assert statuses["2xx"] > 2 * statuses["4xx"] > 0
    assert figures["errors"]["status"] == statuses["4xx"] + statuses["5xx"]
    assert set(figures["sent"]) == {"page", "redirect", "missing", "broken"}
    assert sum(figures["sent"].values()) >= figures["requests"]
    latency = figures["latency_us"]
    assert 0 < latency["p50"] <= latency["p90"] <= latency["p99"] <= latency["max"]
    assert answering_server.seen == {(target.path, target.language, "gzip") for target in targets}
    report = summary(figures, {}, [], targets, [], {})
    text = "\n".join(table(report))
    assert f"non-2xx/3xx {figures['errors']['status']}," in text
    assert f"page                  1    76%{figures['sent']['page']:>8,}" in text


# Lines of gunicorn's access log (report.ACCESS_LOG_FORMAT) from a run of the load test.
ACCESS_LOG = """\
200 6 "GET /fr/actualites/ HTTP/1.1"
200 663 "GET /fr/actualites/ HTTP/1.1"
302 64 "GET / HTTP/1.1"
500 2558 "GET /en/ HTTP/1.1"
200 7 "GET /api/v2/events/?locale=fr&upcoming=1 HTTP/1.1"
200 2 "GET /healthz HTTP/1.1"
500 1761 "GET /en/ HTTP/1.1"
"""


def test_the_server_log_gives_each_kind_its_answers_and_names_failing_urls():
    targets = [
        Target("news listing", "fr,en;q=0.8", "/fr/actualites/", 6),
        Target("language redirect", "en", "/", 2),
        Target("home", "en", "/en/", 12),
        Target("events API", "fr,en;q=0.8", "/api/v2/events/?locale=fr&upcoming=1", 8),
    ]

    kinds, failing = server_log(ACCESS_LOG.splitlines(), targets)

    assert kinds["news listing"] == {
        "answered": 2,
        "statuses": {"2xx": 2},
        "server_ms_p50": 334.5,
        "server_ms_max": 663,
    }
    assert kinds["language redirect"]["statuses"] == {"3xx": 1}
    assert kinds["other"]["answered"] == 1
    assert failing == [{"path": "/en/", "kind": "home", "status": 500, "count": 2}]


def test_memory_is_read_for_a_process_and_its_children():
    child = subprocess.Popen(["sleep", "30"])  # noqa: S603, S607
    try:
        sizes = memory(os.getpid())
    finally:
        child.kill()
        child.wait()

    assert set(sizes) >= {os.getpid(), child.pid}
    assert all(size > 0 for size in sizes.values())
    rows = memory_rows(os.getpid(), sizes, sizes, sizes, {})
    assert [row["role"] for row in rows][:2] == ["master", "worker 1"]
    assert rows[0]["start_kb"] == sizes[os.getpid()]
    assert rows[0]["after_kb"] is None


def test_the_flood_sends_urls_made_afresh_from_a_few_addresses_beside_the_readers(
    answering_server, tmp_path
):
    if shutil.which("wrk") is None:
        pytest.fail("wrk is missing: apt-get install wrk")
    base_url = f"http://127.0.0.1:{answering_server.server_port}"
    url_list = tmp_path / "urls.tsv"
    url_list.write_text(Target("page", "en", "/ok", 1).line() + "\n")
    flood_list = tmp_path / "flood.tsv"
    flood_list.write_text("search\t/ok?q={r}\nrefused\t/busy?page={n}&q={r}\n")

    readers_text, flood_text = run_together(
        [
            Wrk(base_url, 1, 2, script_args=(url_list, 500)),
            Wrk(base_url, 1, 4, FLOOD_SCRIPT, (flood_list, 3)),
        ]
    )

    flood = flood_figures(flood_text)
    assert flood["statuses"]["2xx"] > 50
    assert flood["statuses"]["429"] > 50
    assert set(flood["sent"]) == {"search", "refused"}
    flooded = [(path, address) for path, address in answering_server.forwarded if path != "/ok"]
    assert {address for _path, address in flooded} == {f"203.0.113.{n}" for n in (1, 2, 3)}
    paths = [path for path, _address in flooded]
    assert len(set(paths)) > 0.99 * len(paths)  # no two alike: nothing a cache could answer
    assert all(path.startswith(("/ok?q=", "/busy?page=")) for path in paths)
    readers = [address for path, address in answering_server.forwarded if path == "/ok"]
    assert len(set(readers)) > 50
    assert all(address.startswith("198.") for address in readers)

    report = populations(wrk_figures(readers_text), flood)
    assert report["readers"]["errors"] == 0
    assert report["flood"]["refused_429"] == flood["statuses"]["429"]
    assert report["flood"]["errors"] == 0  # a 429 is an answer, not an error
    text = "\n".join(flood_table(report))
    assert f"{report['flood']['refused_429']:,} refused (429)" in text
    spared = "with no error: yes" in text
    assert spared == readers_spared(report)
    assert spared != ("with no error: NO" in text)


@pytest.mark.django_db
def test_every_flood_pattern_is_answered_without_a_server_error(client, content, settings):
    """Each kind of request the flood makes, made concrete, gets an answer (a page, a
    404, a 400), then 429 once its address has had its renders."""
    settings.AXES_IPWARE_PROXY_COUNT = 1
    targets, _missing = mix(["en", "fr"])
    lines = patterns(targets)
    kinds = {line.split("\t")[0] for line in lines}
    assert {"search", "missing pages", "events API", "pages API", "tracking tags"} <= kinds
    for number, line in enumerate(lines):
        kind, pattern = line.split("\t")
        path = pattern.replace("{r}", f"zq{number}x").replace("{n}", str(number + 2))
        response = client.get(path, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        assert response.status_code < 500, (kind, path, response.status_code)
        if kind in ("tracking tags", "unknown parameters"):
            assert response.status_code == 200
    settings.RENDERS_PER_ADDRESS_PER_MINUTE = 1
    settings.SEARCHES_PER_ADDRESS_PER_MINUTE = 1
    for number, line in enumerate(lines):
        kind, pattern = line.split("\t")
        address = f"192.0.2.{number}"
        statuses = [
            client.get(
                pattern.replace("{r}", f"again{attempt}").replace("{n}", str(attempt + 2)),
                HTTP_X_FORWARDED_FOR=address,
            ).status_code
            for attempt in range(2)
        ]
        if kind in ("tracking tags", "unknown parameters"):
            assert statuses == [200, 200], (kind, pattern)  # the second from the cache
        else:
            assert statuses[0] != 429, (kind, pattern)
            assert statuses[1] == 429, (kind, pattern)
