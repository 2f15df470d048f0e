"""Bulk work from the translation overview: each action as a background job on pages ×
languages, its screen and report, and no human translation ever replaced."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from core.factories import ImageFactory
from media.models import ImageText
from news.factories import NewsPageFactory
from news.models import NewsPage
from translations.models import GlossaryTerm, Job, JobItem
from translations.tests.test_drafts import type_in_editor

pytestmark = pytest.mark.django_db

TEST_TRANSLATOR = {"CLASS": "translations.machine.TestTranslator", "OPTIONS": {}}


@pytest.fixture
def articles(site_tree, locales, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = TEST_TRANSLATOR
    return [
        NewsPageFactory(
            parent=site_tree.news,
            title="Fellows arrive in Leiden",
            summary="Twelve research fellows start their stay",
        ),
        NewsPageFactory(
            parent=site_tree.news,
            title="Lecture week opens",
            summary="Students from partner universities join online",
        ),
    ]


def run_job(client, capture, action, pages=(), languages=("fr", "es"), **extra):
    """The overview's bulk form, then the job's screen once the worker has run it."""
    data = {"action": action, "locales": list(languages), **extra}
    if pages:
        data["page"] = [page.pk for page in pages]
    with capture(execute=True):
        response = client.post(reverse("translation_job_start"), data)
    assert response.status_code == 302, response.content[:300]
    job = Job.objects.latest("created_at")
    assert response["Location"] == reverse("translation_job", args=(job.pk,))
    return job, report(client, job)


def report(client, job):
    """{(page title, language code): (status, message)} as the job's screen shows it."""
    response = client.get(reverse("translation_job", args=(job.pk,)))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for group in html.select("tbody[data-page]"):
        title = group.select_one("th a").get_text(strip=True)
        for row in group.select("tr[data-item]"):
            outcome = row.select("td")[-1]
            rows[(title, row["data-locale"])] = (
                row["data-status"],
                outcome.select_one("[data-item-message]").get_text(strip=True),
            )
    return rows


def french(page, locales):
    return Page.objects.get(translation_key=page.translation_key, locale=locales["fr"]).specific


def machine_translated_into_french(client, capture, site_tree, locales, page):
    """French home and news live, and `page` created and machine-translated into French
    through the overview's jobs."""
    run_job(client, capture, Job.CREATE, [site_tree.home, site_tree.news], ["fr"])
    for parent in (site_tree.home, site_tree.news):
        french(parent, locales).save_revision().publish()
    run_job(client, capture, Job.CREATE, [page], ["fr"])
    run_job(client, capture, Job.MACHINE, [page], ["fr"])


def translation_of(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def test_create_missing_translations_makes_drafts_and_reports_each_one(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    job, rows = run_job(admin_client, capture, Job.CREATE, articles)
    assert job.items.count() == 4 and Job.objects.get(pk=job.pk).finished_at is not None
    assert set(rows.values()) == {("done", "Created as a draft, to translate.")}
    for page in articles:
        for code in ("fr", "es"):
            translated = Page.objects.get(
                translation_key=page.translation_key, locale=locales[code]
            )
            assert not translated.live  # a draft until a translator publishes it

    # Run again: nothing to create, and the report says why.
    _job, rows = run_job(admin_client, capture, Job.CREATE, articles)
    assert set(rows.values()) == {("skipped", "Already translated.")}


def test_machine_translation_fills_only_untranslated_texts(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first, second = articles
    run_job(admin_client, capture, Job.CREATE, articles, ["fr"])
    # A translator has already translated the first article's title by hand.
    type_in_editor(
        admin_client, translation_of(first, locales["fr"]), {"title": "Les boursiers arrivent"}
    )

    job, rows = run_job(admin_client, capture, Job.MACHINE, articles, ["fr"])
    status, message = rows[("Fellows arrive in Leiden", "fr")]
    assert status == "done" and message.startswith("Machine-translated")
    draft = french(first, locales)
    latest = draft.get_latest_revision_as_object()
    assert latest.title == "Les boursiers arrivent"  # the person's text is kept
    assert latest.summary == "stay their start fellows research Twelve"  # the test translator
    assert not draft.live
    manual = StringTranslation.objects.get(data="Les boursiers arrivent")
    assert manual.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL

    # A second run has nothing left to translate, and still changes nothing a person wrote.
    _job, rows = run_job(admin_client, capture, Job.MACHINE, articles, ["fr"])
    assert rows[("Fellows arrive in Leiden", "fr")] == ("skipped", "Nothing left to translate.")
    assert StringTranslation.objects.get(pk=manual.pk).data == "Les boursiers arrivent"


def test_machine_translation_of_a_page_not_yet_translated_is_skipped_with_the_reason(
    admin_client, articles, django_capture_on_commit_callbacks
):
    _job, rows = run_job(
        admin_client, django_capture_on_commit_callbacks, Job.MACHINE, articles[:1], ["fr"]
    )
    assert rows[("Fellows arrive in Leiden", "fr")] == (
        "skipped",
        "Not translated yet: create the translation first.",
    )


def test_publishing_waits_for_review_of_machine_text(
    admin_client, client, articles, locales, site_tree, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    machine_translated_into_french(admin_client, capture, site_tree, locales, first)

    _job, rows = run_job(admin_client, capture, Job.PUBLISH, [first], ["fr"])
    status, message = rows[("Fellows arrive in Leiden", "fr")]
    assert status == "skipped" and "await review" in message
    assert not french(first, locales).live

    # The translation editor's own Publish button is refused too, pointing at the review.
    draft = french(first, locales)
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)), {"action": "publish"}
    )
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("not been reviewed" in m for m in shown), shown
    assert not french(first, locales).live

    # Approve them all on the review screen; then the bulk publish goes through.
    translation = translation_of(first, locales["fr"])
    review = reverse("translation_review", args=(translation.pk,))
    screen = BeautifulSoup(admin_client.get(review).content, "html.parser")
    assert len(screen.select('input[name="text"]')) == 3  # title, slug, summary
    response = admin_client.post(review, {"approve_all": "1"})
    assert response.status_code == 302
    _job, rows = run_job(admin_client, capture, Job.PUBLISH, [first], ["fr"])
    assert rows[("Fellows arrive in Leiden", "fr")] == ("done", "Published.")
    published = french(first, locales)
    assert published.live and published.title == "Leiden in arrive Fellows"
    client.logout()
    assert client.get(published.url, HTTP_HOST="localhost").status_code == 200


def test_the_overview_counts_human_reviewed_and_unreviewed_texts(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    run_job(admin_client, capture, Job.CREATE, [first], ["fr"])
    type_in_editor(admin_client, translation_of(first, locales["fr"]), {"title": "Les boursiers"})
    run_job(admin_client, capture, Job.MACHINE, [first], ["fr"])
    translation = translation_of(first, locales["fr"])
    slug = StringTranslation.objects.get(
        locale=locales["fr"], translation_type="machine", context__path="slug"
    )
    admin_client.post(reverse("translation_review", args=(translation.pk,)), {"text": [slug.pk]})

    html = BeautifulSoup(admin_client.get(reverse("translation_overview")).content, "html.parser")
    row = next(tr for tr in html.select("tbody tr") if "Fellows arrive" in tr.select_one("th").text)
    cell = row.select_one('td[data-locale="fr"]')
    assert cell["data-state"] == "machine"
    counts = cell.select_one(".translation-origin")
    assert (counts["data-human"], counts["data-reviewed"], counts["data-unreviewed"]) == (
        "1",
        "1",
        "1",
    )
    assert cell.select_one("a")["href"] == reverse("translation_review", args=(translation.pk,))


def test_a_translator_reviews_their_own_language_only(
    client, articles, locales, django_user_model, django_capture_on_commit_callbacks, admin_client
):
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    run_job(admin_client, capture, Job.CREATE, [first], ["fr", "es"])
    run_job(admin_client, capture, Job.MACHINE, [first], ["fr", "es"])
    call_command("create_translator_groups", stdout=io.StringIO())
    translator = django_user_model.objects.create_user("ana", password="x")
    translator.groups.add(Group.objects.get(name="Translators (fr)"))
    client.force_login(translator)
    french_review = reverse("translation_review", args=(translation_of(first, locales["fr"]).pk,))
    spanish_review = reverse("translation_review", args=(translation_of(first, locales["es"]).pk,))
    assert client.get(french_review).status_code == 200
    for refused in (client.get(spanish_review), client.post(spanish_review, {"approve_all": "1"})):
        assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    client.post(french_review, {"approve_all": "1"})
    reviewed = StringTranslation.objects.filter(locale=locales["fr"], review__isnull=False)
    assert reviewed.count() == 3
    assert not StringTranslation.objects.filter(locale=locales["es"], review__isnull=False).exists()


def test_update_from_the_changed_original_keeps_every_translation(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    run_job(admin_client, capture, Job.CREATE, [first], ["fr"])
    type_in_editor(
        admin_client,
        translation_of(first, locales["fr"]),
        {"title": "Les boursiers arrivent", "summary": "Douze boursiers commencent"},
    )
    first.summary = "Fourteen research fellows start their stay"
    first.save_revision().publish()
    _job, rows = run_job(admin_client, capture, Job.SYNC, [first], ["fr"])
    assert rows[("Fellows arrive in Leiden", "fr")] == (
        "done",
        "Updated from the original; 2 texts to translate.",
    )  # the new summary, and the slug never translated
    draft = french(first, locales).get_latest_revision_as_object()
    assert draft.title == "Les boursiers arrivent"
    assert StringTranslation.objects.filter(data="Douze boursiers commencent").exists()


def test_updating_a_translation_whose_original_has_not_changed_leaves_it_alone(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    """ "Update from the changed original" on a section touches only what changed: an
    untouched translation gets no new revision, publication or history entry."""
    capture = django_capture_on_commit_callbacks
    first, second = articles
    for page in (first, second):
        page.save_revision().publish()
    run_job(admin_client, capture, Job.CREATE, [first, second], ["fr"])
    for page in (first, second):
        french(page, locales).save_revision().publish()
    first.summary = "Fourteen research fellows start their stay"
    first.save_revision().publish()
    untouched = french(second, locales)
    revisions, published = untouched.revisions.count(), untouched.last_published_at

    _job, rows = run_job(admin_client, capture, Job.SYNC, [first, second], ["fr"])
    assert rows[("Lecture week opens", "fr")] == (
        "skipped",
        "Already up to date with the original.",
    )
    assert rows[("Fellows arrive in Leiden", "fr")][0] == "done"
    untouched.refresh_from_db()
    assert (untouched.revisions.count(), untouched.last_published_at) == (revisions, published)


def test_a_whole_section_in_one_job_with_its_progress_and_status(
    admin_client, articles, site_tree, django_capture_on_commit_callbacks
):
    job, rows = run_job(
        admin_client,
        django_capture_on_commit_callbacks,
        Job.CREATE,
        languages=["nl"],
        section=site_tree.news.pk,
    )
    assert {title for title, _language in rows} == {
        site_tree.news.title,
        "Fellows arrive in Leiden",
        "Lecture week opens",
    }
    status = admin_client.get(reverse("translation_job_status", args=(job.pk,))).json()
    assert status["finished"] and status["counts"]["done"] == 3
    html = BeautifulSoup(
        admin_client.get(reverse("translation_job", args=(job.pk,))).content, "html.parser"
    )
    bars = html.select("progress[data-page-progress]")
    assert len(bars) == 3 and all(bar["value"] == bar["max"] == "1" for bar in bars)


@pytest.mark.parametrize(
    "data",
    [
        {"action": "create", "locales": ["fr"]},  # no pages
        {"action": "create", "page": ["999999"], "locales": ["fr"]},
        {"action": "explode", "page": ["1"], "locales": ["fr"]},
        {"action": "create", "page": ["1"], "locales": ["xx"]},
        {"action": "create", "page": ["1"]},  # no language
        {"action": "create", "page": ["abc"], "locales": ["fr"]},
    ],
)
def test_bad_requests_are_told_on_the_overview(admin_client, articles, data):
    if data.get("page") == ["1"]:
        data = {**data, "page": [str(articles[0].pk)]}
    response = admin_client.post(reverse("translation_job_start"), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("translation_overview"))
    assert [m.level_tag for m in get_messages(response.wsgi_request)] and not Job.objects.exists()


def test_someone_elses_job_is_not_shown(admin_client, articles, django_user_model):
    job = Job.objects.create(action=Job.CREATE)
    JobItem.objects.create(job=job, page=articles[0], locale=articles[0].locale)
    other = django_user_model.objects.create_user("other", password="x", is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(other)
    assert client.get(reverse("translation_job", args=(job.pk,))).status_code == 404
    assert client.get(reverse("translation_job_status", args=(job.pk,))).status_code == 404
    assert client.get(reverse("translation_job", args=(999999,))).status_code in (404,)
    assert admin_client.get(reverse("translation_job", args=(job.pk,))).status_code == 200


def test_the_overview_costs_the_same_queries_for_more_pages(
    admin_client, site_tree, locales, django_assert_max_num_queries
):
    for index in range(3):
        NewsPageFactory(parent=site_tree.news, title=f"Article {index}")
    with django_assert_max_num_queries(40) as few:
        admin_client.get(reverse("translation_overview"))
    for index in range(30):
        NewsPageFactory(parent=site_tree.news, title=f"More {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(reverse("translation_overview"))
    assert response.status_code == 200
    assert NewsPage.objects.count() == 33


def test_submitted_for_review_a_moderators_approval_approves_the_machine_text(
    admin_client,
    articles,
    locales,
    site_tree,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    call_command("create_roles", stdout=io.StringIO())
    first, _second = articles
    machine_translated_into_french(admin_client, capture, site_tree, locales, first)
    _job, rows = run_job(admin_client, capture, Job.SUBMIT, [first], ["fr"])
    status, message = rows[("Fellows arrive in Leiden", "fr")]
    assert status == "done" and message.startswith("Submitted for review"), message
    _job, rows = run_job(admin_client, capture, Job.SUBMIT, [first], ["fr"])
    assert rows[("Fellows arrive in Leiden", "fr")] == ("skipped", "Already in review.")

    moderator = django_user_model.objects.create_user("mo", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    draft = french(first, locales)
    task_state = draft.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", task_state.pk))
    with capture(execute=True):
        assert client.post(url, {"comment": "Reads well."}).status_code == 302
    approved = french(first, locales)
    assert approved.live and approved.title == "Leiden in arrive Fellows"
    reviews = StringTranslation.objects.filter(locale=locales["fr"], review__reviewed_by=moderator)
    assert reviews.count() == 3
    screen = admin_client.get(
        reverse("translation_review", args=(translation_of(first, locales["fr"]).pk,))
    )
    assert b"3 texts to review" not in screen.content and b"mo," in screen.content


def test_the_review_screen_marks_glossary_terms_with_their_preferred_translation(
    admin_client, site_tree, locales, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = TEST_TRANSLATOR
    capture = django_capture_on_commit_callbacks
    GlossaryTerm.objects.create(
        locale=locales["fr"], term="core facility", translation="plateforme technologique"
    )
    GlossaryTerm.objects.create(locale=locales["es"], term="core facility", translation="unidad")
    article = NewsPageFactory(
        parent=site_tree.news, title="Core facility exchange", summary="A week at our core facility"
    )
    run_job(admin_client, capture, Job.CREATE, [article], ["fr"])
    run_job(admin_client, capture, Job.MACHINE, [article], ["fr"])
    screen = BeautifulSoup(
        admin_client.get(
            reverse("translation_review", args=(translation_of(article, locales["fr"]).pk,))
        ).content,
        "html.parser",
    )
    marks = screen.select(".review-texts mark")
    assert [mark.get_text() for mark in marks] == ["Core facility", "core facility"]
    assert {mark["title"] for mark in marks} == {"plateforme technologique"}
    assert "plateforme technologique" in screen.select_one("#glossary-terms").parent.get_text()


def test_the_overview_counts_each_languages_image_texts_and_document_versions(
    admin_client, articles, locales
):
    first, second = ImageFactory(), ImageFactory()
    ImageText.objects.create(image=first, locale=locales["fr"], alt_text="Une salle blanche")
    html = BeautifulSoup(admin_client.get(reverse("translation_overview")).content, "html.parser")
    cells = {cell["data-locale"]: cell for cell in html.select("tfoot td[data-locale]")}
    assert cells["fr"]["data-media-images"] == "1" and cells["es"]["data-media-images"] == "0"
    assert "1 of 2 images" in cells["fr"].get_text(" ", strip=True)
    assert cells["fr"].a["href"] == reverse("media_translations") + "?locale=fr&missing=on"
    assert second.pk not in {text.image_id for text in ImageText.objects.all()}


def test_the_report_speaks_the_language_of_whoever_started_the_job(
    admin_client, articles, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.get(username="editor")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="fr")
    with translation.override("es"):  # whatever language the worker happens to be in
        _job, rows = run_job(
            admin_client, django_capture_on_commit_callbacks, Job.CREATE, articles[:1], ["nl"]
        )
    with translation.override("fr"):
        expected = translation.gettext("Created as a draft, to translate.")
    assert expected != "Created as a draft, to translate."
    assert rows[("Fellows arrive in Leiden", "nl")] == ("done", expected)


def test_the_page_explorers_bulk_publish_refuses_unreviewed_machine_text(
    admin_client, articles, locales, site_tree, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    machine_translated_into_french(admin_client, capture, site_tree, locales, first)
    draft = french(first, locales)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin_client.post(f"{url}?id={draft.pk}", {})
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("awaits review" in m for m in shown), shown
    assert not french(first, locales).live

    # With the French news section and its descendants: refused as well.
    response = admin_client.post(
        f"{url}?id={french(site_tree.news, locales).pk}", {"include_descendants": "on"}
    )
    assert not french(first, locales).live


def test_a_refused_bulk_form_comes_back_as_it_was_filled_in(admin_client, articles):
    first, second = articles
    response = admin_client.post(
        reverse("translation_job_start"),
        {"action": Job.MACHINE, "page": [second.pk], "filters": "state=missing"},
        follow=True,
    )
    assert "Choose at least one language." in [str(m) for m in response.context["messages"]]
    html = BeautifulSoup(response.content, "html.parser")
    ticked = {int(box["value"]) for box in html.select("input[name=page][checked]")}
    assert ticked == {second.pk}
    assert html.select_one("#bulk-action option[selected]")["value"] == Job.MACHINE
    assert not html.select("input[name=locales][checked]")  # none was chosen


def test_the_jobs_and_the_review_are_written_in_the_pages_translation_history(
    admin_client, articles, locales, django_capture_on_commit_callbacks
):
    """What the control room does shows on the page's translation view: the bulk machine
    translation and the approval, each with who did it."""
    capture = django_capture_on_commit_callbacks
    first, _second = articles
    run_job(admin_client, capture, Job.CREATE, [first], ["fr"])
    run_job(admin_client, capture, Job.MACHINE, [first], ["fr"])
    translation = translation_of(first, locales["fr"])
    machine_made = StringTranslation.objects.filter(
        locale=locales["fr"], translation_type="machine"
    )
    count = machine_made.count()
    slug = machine_made.get(context__path="slug")
    admin_client.post(reverse("translation_review", args=(translation.pk,)), {"text": [slug.pk]})

    response = admin_client.get(reverse("page_translations", args=(first.pk,)))
    html = BeautifulSoup(response.content, "html.parser")
    rows = html.select("section[data-locale='fr'] [data-table=history] tbody tr")
    lines = {row["data-action"]: " ".join(row.get_text(" ", strip=True).split()) for row in rows}
    assert f"Machine-translated {count} texts" in lines["translations.machine_translate"]
    assert "Approved 1 machine-translated text" in lines["translations.review"]
    editor = get_user_model().objects.get(username="editor").get_full_name() or "editor"
    assert editor in lines["translations.machine_translate"]
