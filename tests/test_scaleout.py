"""The site on two app servers and two workers behind a load balancer (tests/cluster.py):
what one server does, the other shows at once; scheduled pages go live once; an editor's
session and two-step state do not care which server answers; and stopping a server in
the middle of the traffic loses no request. `make scaleout` runs these (about two
minutes); each prints its figures."""

import datetime
import json
import shutil
import threading
import time
import uuid

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from bench.loadtest.mix import Target
from bench.loadtest.report import wrk_figures
from bench.loadtest.run import Wrk, run_together
from tests.cluster import SERVED_BY, Cluster, EditorClient, wait_for

pytestmark = pytest.mark.scaleout

PASSWORD = "correct horse battery staple 2026"  # noqa: S105
CONNECTIONS = 16  # wrk's, through the balancer

SITE = """
from wagtail.models import Locale, Page, Site
from home.factories import ContentPageFactory, HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory

root = Page.get_first_root_node()
for page in root.get_children().exact_type(Page):
    page.delete()
home = HomePageFactory(parent=root, locale=Locale.get_default(), title="Global health")
Site.objects.create(
    is_default_site=True, root_page=home, hostname="localhost", port=80, site_name="Site"
)
news = NewsIndexPageFactory(parent=home, title="News")
article = NewsPageFactory(parent=news, title="Malaria vaccine trial opens")
about = ContentPageFactory(parent=home, title="About the programme")
result = {
    "about": about.url,
    "home": home.url, "news": news.url, "article": article.url, "article_id": article.pk,
    "news_id": news.pk, "home_id": home.pk,
}
"""

EDITOR = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

user = get_user_model().objects.create_superuser(name, f"{name}@example.org", password)
result = TOTPDevice.objects.create(user=user, name="phone", confirmed=True).key
"""


@pytest.fixture(scope="module")
def cluster(s3_endpoint):
    for tool in ("wrk", "openssl"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install {tool}")
    cluster = Cluster(s3_endpoint)
    try:
        cluster.start()
        cluster.pages = cluster.run_python(SITE)
        yield cluster
    finally:
        cluster.stop()


def code(key):
    return f"{totp(bytes.fromhex(key)):06d}"


def signed_in(cluster, first="a", then="b"):
    """A new editor with an authenticator app, who gave the password to one server and
    the code to the other (each editor of its own: a code is taken once)."""
    name = f"editor-{uuid.uuid4().hex[:8]}"
    key = cluster.run_python(EDITOR, name=name, password=PASSWORD)
    editor = EditorClient(cluster)
    login = editor.get("/admin/login/", server=first)
    assert login.status_code == 200
    two_step = editor.submit(login, server=first, username=name, password=PASSWORD)
    assert "/admin/two-step/" in two_step.url, two_step.url
    assert two_step.headers[SERVED_BY] == first
    home = editor.submit(two_step, server=then, code=code(key))
    assert home.status_code == 200
    assert home.url.endswith("/admin/"), home.url
    assert home.headers[SERVED_BY] == then
    return editor


def figures(capsys, name, **values):
    with capsys.disabled():
        print(f"\nscale-out figures, {name}: {json.dumps(values)}")


def test_an_editors_session_and_two_step_state_survive_switching_servers(cluster):
    editor = signed_in(cluster, first="a", then="b")
    for server in ("a", "b"):
        dashboard = editor.get("/admin/", server=server)
        assert dashboard.status_code == 200
        assert dashboard.url.endswith("/admin/"), dashboard.url  # no sign-in, no code page
        assert dashboard.headers[SERVED_BY] == server
    # Through the balancer, round and round: every answer is the signed-in admin.
    served = set()
    for _ in range(6):
        answer = editor.get("/admin/pages/")
        assert answer.status_code == 200
        assert "/admin/login/" not in answer.url
        served.add(answer.headers[SERVED_BY])
    assert served == {"a", "b"}
    # Signing out on one server signs out on both.
    assert editor.post("/admin/logout/", server="b").status_code == 200
    assert "/admin/login/" in editor.get("/admin/", server="a").url


def test_an_editor_in_chromium_works_through_the_balancer_whichever_server_answers(
    cluster, chromium, tmp_path
):
    """Signing in, the code, the page editor and publishing, each request to whichever
    server the balancer picks: the editor notices nothing."""
    name = f"editor-{uuid.uuid4().hex[:8]}"
    key = cluster.run_python(EDITOR, name=name, password=PASSWORD)
    served = []
    context = chromium.new_context(
        ignore_https_errors=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.on("response", lambda answer: served.append(answer.headers.get(SERVED_BY.lower())))
    page.goto(f"{cluster.url}/admin/")
    page.locator("#id_username").fill(name)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=code]").fill(code(key))
    page.locator("input[name=code]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/admin/two-step/" not in page.url and "/admin/login/" not in page.url
    page.goto(f"{cluster.url}/admin/pages/{cluster.pages['news_id']}/")
    page.goto(f"{cluster.url}/admin/pages/{cluster.pages['home_id']}/edit/")
    page.locator("#id_title").fill("Global health partnerships")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")
    page.screenshot(path=tmp_path / "published-through-the-balancer.png")
    context.close()
    assert {"a", "b"} <= set(served), served  # both servers answered the editor
    reader = EditorClient(cluster)
    for server in ("a", "b"):
        assert "Global health partnerships" in reader.get(cluster.pages["home"], server=server).text


def test_a_publish_through_one_server_is_seen_at_once_through_the_other(cluster, capsys):
    pages = cluster.pages
    reader = EditorClient(cluster)  # signed out: a reader
    for server in ("a", "b", "a", "b"):  # each server has it in its cache, then
        answer = reader.get(pages["article"], server=server)
        assert "Malaria vaccine trial opens" in answer.text
    assert reader.get(pages["article"], server="b").headers["X-Cache"] == "hit"
    assert reader.get(pages["news"], server="b").headers["X-Cache"] in ("hit", "miss")
    for _server in ("b", "b"):  # a page that never shows the article, kept by B
        reader.get(pages["about"], server="b")
    cluster.run_python(
        """
        from news.models import NewsPage
        page = NewsPage.objects.get(pk=article_id)
        page.title = "Malaria vaccine trial: first results"
        page.save_revision()  # the editor's draft
        """,
        article_id=pages["article_id"],
    )
    editor = signed_in(cluster, first="a", then="a")
    confirm = editor.get(
        f"/admin/bulk/wagtailcore/page/publish/?id={pages['article_id']}&next=/admin/", server="a"
    )
    assert confirm.status_code == 200
    started = time.perf_counter()
    published = editor.submit(confirm, server="a")
    published_at = time.perf_counter()
    assert published.status_code == 200
    assert published.headers[SERVED_BY] == "a"

    first = reader.get(pages["article"], server="b")
    seen_at = time.perf_counter()
    assert first.headers[SERVED_BY] == "b"
    assert "Malaria vaccine trial: first results" in first.text  # at once: the first look
    assert "Malaria vaccine trial: first results" in reader.get(pages["news"], server="b").text
    assert "Malaria vaccine trial: first results" in reader.get(pages["home"], server="b").text
    # Only what showed the article was purged, on every server: B still has the other page.
    assert reader.get(pages["about"], server="b").headers["X-Cache"] == "hit"
    figures(
        capsys,
        "publish on A, seen on B",
        publish_request_ms=round((published_at - started) * 1000, 1),
        publish_answered_to_seen_on_b_ms=round((seen_at - published_at) * 1000, 1),
    )


def test_a_clients_searches_are_counted_once_across_both_servers(cluster):
    """The drill allows one search, then one each 10 s (SEARCHES_PER_ADDRESS_PER_MINUTE=6):
    after a search through A, the next through B is refused, with the same wait."""
    reader = EditorClient(cluster)
    first = reader.get("/en/search/?q=malaria-a", server="a")
    assert first.status_code == 200
    second = reader.get("/en/search/?q=malaria-b", server="b")
    assert second.headers[SERVED_BY] == "b"
    assert second.status_code == 429
    assert 1 <= int(second.headers["Retry-After"]) <= 10
    assert reader.get(cluster.pages["news"], server="b").status_code == 200  # pages unlimited


def test_a_document_uploaded_through_one_server_is_served_through_the_other(cluster):
    editor = signed_in(cluster)
    form = editor.get("/admin/documents/add/", server="a")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    uploaded = editor.submit(
        form,
        server="a",
        title="Clinical guideline",
        files={"file": ("guideline.pdf", pdf, "application/pdf")},
    )
    assert uploaded.status_code == 200, uploaded.text[-2000:]
    document = cluster.run_python(
        """
        from wagtail.documents import get_document_model
        document = get_document_model().objects.get(title="Clinical guideline")
        result = {"url": document.url, "name": document.file.name}
        """
    )
    served = editor.get(document["url"], server="b", allow_redirects=False)
    assert served.status_code == 302
    assert served.headers["Location"].startswith(cluster.moto_url)  # from the bucket, signed
    assert editor.session.get(served.headers["Location"], timeout=10).content == pdf


def test_scheduled_pages_go_live_once_with_two_workers(cluster, capsys):
    # The moment is taken once Django has started in the script: starting takes seconds
    # on a busy machine, and a moment already past would publish at once.
    made = cluster.run_python(
        """
        import datetime
        from news.factories import NewsPageFactory
        from news.models import NewsIndexPage

        news = NewsIndexPage.objects.get(pk=news_id)
        moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)
        pages = []
        for number in range(5):
            page = NewsPageFactory(parent=news, title=f"Scheduled {number}", live=False)
            page.go_live_at = moment
            page.save_revision().publish()  # approved to go live at that moment
            page.refresh_from_db()
            assert not page.live
            pages.append([page.pk, page.url])
        result = {"moment": moment.isoformat(), "pages": pages}
        """,
        news_id=cluster.pages["news_id"],
    )
    moment = datetime.datetime.fromisoformat(made["moment"])
    scheduled = made["pages"]
    reader = EditorClient(cluster)
    for _pk, url in scheduled:
        assert reader.get(url).status_code == 404
    wait_for(
        lambda: all(reader.get(url).status_code == 200 for _pk, url in scheduled),
        30,
        f"the scheduled pages did not go live:\n{cluster.logs()}",
    )
    live_after = (datetime.datetime.now(datetime.UTC) - moment).total_seconds()
    time.sleep(3)  # both workers have had more rounds meanwhile
    counts = cluster.run_python(
        """
        from wagtail.models import PageLogEntry, Revision
        result = {
            str(pk): [
                PageLogEntry.objects.filter(page_id=pk, action="wagtail.publish.scheduled").count(),
                Revision.page_revisions.filter(object_id=str(pk)).count(),
            ]
            for pk in ids
        }
        """,
        ids=[pk for pk, _url in scheduled],
    )
    assert all(count == [1, 1] for count in counts.values()), counts  # once each, no more
    figures(capsys, "scheduled publishing", pages=len(scheduled), live_after_s=round(live_after, 1))


def traffic_while(cluster, tmp_path, paths, seconds, after, action):
    """wrk through the balancer on `paths` (each first put in the shared cache) for
    `seconds`, and `action()` run `after` seconds in. Returns wrk's figures, the
    balancer's per-server statistics (retries `wretr`, redispatches `wredis`) and the
    requests the balancer received while `action()` ran, with how long it took."""
    reader = EditorClient(cluster)
    for path in paths:
        assert reader.get(path).status_code == 200
    url_list = tmp_path / "urls.tsv"
    url_list.write_text("".join(Target("url", "en", path, 1).line() + "\n" for path in paths))
    during = {}

    def act():
        time.sleep(after)
        before, started = cluster.requests_so_far(), time.perf_counter()
        action()
        during["seconds"] = round(time.perf_counter() - started, 2)
        during["requests"] = cluster.requests_so_far() - before

    acting = threading.Thread(target=act)
    acting.start()
    (output,) = run_together([Wrk(cluster.url, seconds, CONNECTIONS, script_args=(url_list,))])
    acting.join()
    return wrk_figures(output), cluster.server_stats(), during


def balancer_figures(result, servers, during):
    return {
        "requests": result["requests"],
        "requests_meanwhile": during["requests"],
        "seconds_meanwhile": during["seconds"],
        "errors": result["errors"],
        "statuses": result["statuses"],
        "retries": {name: int(row.get("wretr") or 0) for name, row in servers.items()},
        "redispatches": {name: int(row.get("wredis") or 0) for name, row in servers.items()},
        "p99_ms": result["latency_us"]["p99"] / 1000,
    }


def test_stopping_one_app_server_in_the_middle_of_the_traffic_loses_no_request(
    cluster, capsys, tmp_path
):
    pages = cluster.pages
    paths = [pages["home"], pages["news"], pages["article"], "/api/v2/events/?locale=en"]
    result, servers, during = traffic_while(
        cluster, tmp_path, paths, 12, 4, lambda: cluster.stop_app("a").wait(timeout=30)
    )
    figures(capsys, "stopping server A under load", **balancer_figures(result, servers, during))
    assert result["requests"] > 500
    assert during["requests"] > 0
    assert sum(result["errors"].values()) == 0, (result["errors"], cluster.logs())
    assert set(result["statuses"]) == {"2xx"}
    assert servers["a"]["status"].startswith("DOWN")
    # A started again takes its share once the balancer's checks see it ready.
    cluster.start_app("a")
    wait_for(lambda: cluster.server_stats()["a"]["status"] == "UP", 20, "A did not come back")


def test_a_server_that_dies_under_load_loses_no_request_the_balancer_can_send_again(
    cluster, capsys, tmp_path
):
    """Killed at once, mid-request: the balancer sends every GET that got no answer to
    the other server. Only an answer B had begun to send is lost (the balancer cannot
    send half an answer again): at most one per connection in flight."""

    def kill_b():
        cluster.kill_app("b")
        time.sleep(2)  # the balancer's checks take B out meanwhile

    pages = cluster.pages
    result, servers, during = traffic_while(
        cluster, tmp_path, [pages["home"], pages["news"]], 8, 3, kill_b
    )
    figures(capsys, "killing server B under load", **balancer_figures(result, servers, during))
    errors = result["errors"]
    assert errors["connect"] == errors["timeout"] == errors["write"] == 0, errors
    assert errors["read"] <= CONNECTIONS, errors  # cut off mid-answer when B died
    assert set(result["statuses"]) == {"2xx"}
    cluster.start_app("b")
    wait_for(lambda: cluster.server_stats()["b"]["status"] == "UP", 20, "B did not come back")
