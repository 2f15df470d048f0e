"""The editorial roles `create_roles` sets up, each tried through the admin views: what its
members can do, and what they are refused. (Translators: see test_translators.py.)"""

import io
from itertools import count

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)
from wagtail_localize.models import Translation, TranslationSource

from core.models import CustomImage
from demo.images import illustration
from news.factories import NewsPageFactory
from news.models import NewsPage
from partners.factories import PartnerPageFactory
from partners.models import PartnerPage
from tests.admin_forms import add_url, page_form_data

pytestmark = pytest.mark.django_db

EDITORS, MODERATORS, LIAISONS = "Editors", "Moderators", "Partner liaisons"
NEWS_FIELDS = {"publication_date": "2026-03-04", "summary": "Fellows arrive in Leiden."}
PARTNER_FIELDS = {"kind": "university", "country": "UG", "city": "Kampala"}


def run_create_roles():
    out = io.StringIO()
    call_command("create_roles", stdout=out)
    return out.getvalue()


def translate(page, locale):
    """A synced translation, as "Translate this page" makes: edited in wagtail-localize's editor."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=locale).save_target()
    return page.get_translation(locale)


@pytest.fixture
def tree(site_tree, locales):
    """The English site, a French home page and partner index (a synced translation), a
    partner and an article; then the roles."""
    french_home = site_tree.home.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    site_tree.french_partners = translate(site_tree.partners, locales["fr"])
    site_tree.partner = PartnerPageFactory(parent=site_tree.partners, title="Makerere")
    site_tree.french_partner = PartnerPageFactory(
        parent=site_tree.french_partners, title="Institut Pasteur", locale=locales["fr"]
    )
    site_tree.article = NewsPageFactory(parent=site_tree.news, title="Lecture week")
    site_tree.output = run_create_roles()
    return site_tree


@pytest.fixture
def login(client, django_user_model, tree):
    """Log the test client in as a new member of the named group."""
    numbers = count()

    def as_member(group_name):
        user = django_user_model.objects.create_user(f"member{next(numbers)}", password="x")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return as_member


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def refused(response):
    """Wagtail answers a permission refusal with a 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def submit_new_article(client, tree, title="Fellows arrive"):
    data = page_form_data(NewsPage, title, publish=False, **NEWS_FIELDS)
    data["action-submit"] = "action-submit"
    response = client.post(add_url(NewsPage, tree.news), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return NewsPage.objects.get(title=title)


def role_state():
    """Everything `create_roles` decides: groups, their permissions, the workflow."""
    groups = {
        group.name: (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection_id", "permission__codename"
                )
            ),
        )
        for group in Group.objects.all()
    }
    workflows = sorted(WorkflowPage.objects.values_list("page_id", "workflow__name"))
    return groups, workflows, Workflow.objects.count(), Task.objects.count()


def test_command_reports_each_role_and_changes_nothing_when_run_again(tree):
    lines = tree.output.splitlines()
    for name in (EDITORS, MODERATORS, LIAISONS, "Translators (fr)", "Translators (ar)"):
        assert any(line.startswith(f"{name}: ") for line in lines), (name, tree.output)
    # Pages: moderators publish, editors submit. People, topics and footer texts have no
    # moderation: whoever may change them publishes them.
    pages = {line.split(":")[0]: line.split("pages: ")[1] for line in lines if "pages: " in line}
    assert "publish" in pages[MODERATORS] and "publish" not in pages[EDITORS]
    assert "partner index page of every locale (2)" in next(
        line for line in lines if line.startswith(LIAISONS)
    )
    assert 'Workflow "Moderators approval"' in tree.output

    before = role_state()
    again = run_create_roles().splitlines()
    assert role_state() == before
    for name in (EDITORS, MODERATORS, LIAISONS, 'Workflow "Moderators approval"'):
        line = next(line for line in again if line.startswith(name))
        assert line.startswith(f"{name}: unchanged;"), line


def test_command_replaces_wagtails_defaults_and_restores_the_workflow(site_tree):
    """Wagtail's migrations give Editors image deletion and more; a lost workflow comes back."""
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="delete_image").exists()
    Workflow.objects.filter(name="Moderators approval").delete()

    output = run_create_roles()

    assert not editors.permissions.filter(codename="delete_image").exists()
    assert not GroupCollectionPermission.objects.filter(
        group=editors, permission__codename="change_image"
    ).exists()
    workflow = Page.get_first_root_node().specific.get_workflow()
    assert workflow.name == "Moderators approval"
    assert [group.name for group in workflow.tasks.get().specific.groups.all()] == [MODERATORS]
    assert 'Workflow "Moderators approval": created' in output


def test_editor_creates_and_submits_but_cannot_publish(client, login, tree):
    login(EDITORS)
    assert client.get(add_url(NewsPage, tree.news)).status_code == 200
    page = submit_new_article(client, tree)
    assert not page.live
    task = page.current_workflow_state.current_task_state.task.specific
    assert [group.name for group in task.groups.all()] == [MODERATORS]

    draft = NewsPageFactory(parent=tree.news, title="Draft", live=False)
    assert client.get(edit_url(draft)).status_code == 200
    response = client.post(
        edit_url(draft), page_form_data(NewsPage, "Published?", slug=draft.slug, **NEWS_FIELDS)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision().content["title"] == "Published?"  # saved as a draft


def test_editor_cannot_delete_or_unpublish_a_published_page(client, login, tree):
    login(EDITORS)
    page = tree.article
    for view in ("wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish"):
        url = reverse(view, args=(page.pk,))
        assert refused(client.get(url)), view
        assert refused(client.post(url)), view
    page.refresh_from_db()
    assert page.live


def test_editor_cannot_submit_translations_which_may_publish_them(client, login, tree):
    """wagtail-localize's translation views publish with only this permission."""
    login(EDITORS)
    url = reverse("wagtail_localize:submit_page_translation", args=(tree.article.pk,))
    assert refused(client.get(url))
    login(MODERATORS)
    assert client.get(url).status_code == 200


def test_editor_uploads_media_and_edits_snippets(client, login, tree):
    login(EDITORS)
    for view in ("wagtailimages:add", "wagtaildocs:add", "wagtailsnippets_core_person:add"):
        assert client.get(reverse(view)).status_code == 200, view


def test_moderator_approves_a_submitted_page_and_it_goes_live(client, login, tree):
    login(EDITORS)
    page = submit_new_article(client, tree)
    login(MODERATORS)
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Fine."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None


def test_moderator_publishes_and_unpublishes_directly(client, login, tree):
    login(MODERATORS)
    page = NewsPageFactory(parent=tree.news, title="Draft", live=False)
    response = client.post(
        edit_url(page), page_form_data(NewsPage, "Published", slug=page.slug, **NEWS_FIELDS)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.live, page.title) == (True, "Published")

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


def test_partner_liaison_edits_and_submits_partner_pages_in_every_locale(client, login, tree):
    login(LIAISONS)
    for page in (tree.partner, tree.french_partner):
        assert client.get(edit_url(page)).status_code == 200, page
        data = page_form_data(
            PartnerPage, f"{page.title}!", publish=False, slug=page.slug, **PARTNER_FIELDS
        )
        data["action-submit"] = "action-submit"
        assert client.post(edit_url(page), data).status_code == 302
        page.refresh_from_db()
        assert page.get_latest_revision().content["title"] == f"{page.title}!"
        assert page.current_workflow_state is not None
    assert client.get(add_url(PartnerPage, tree.partners)).status_code == 200


def test_partner_liaison_opens_a_partner_pages_translation(client, login, tree, locales):
    translation = translate(tree.partner, locales["fr"])
    login(LIAISONS)
    response = client.get(edit_url(translation))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def test_partner_liaison_is_refused_outside_partner_pages(client, login, tree):
    login(LIAISONS)
    assert refused(client.get(add_url(NewsPage, tree.news)))
    for page in (tree.article, tree.partners, tree.french_partners, tree.home):
        assert refused(client.get(edit_url(page))), page
        client.post(edit_url(page), page_form_data(type(page), "Taken over", slug=page.slug))
        page.refresh_from_db()
        assert page.title != "Taken over"
        assert page.get_latest_revision() is None or (
            page.get_latest_revision().content["title"] != "Taken over"
        )
    assert refused(client.get(reverse("wagtaildocs:add")))


def test_partner_liaison_uploads_a_logo(client, login, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = login(LIAISONS)
    upload = io.BytesIO(illustration("logo", "teal", size=(400, 200)))
    upload.name = "logo.jpg"
    response = client.post(reverse("wagtailimages:add"), {"title": "Makerere logo", "file": upload})
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert CustomImage.objects.get(title="Makerere logo").uploaded_by_user == user


def staff_only_urls(tree):
    site = tree.home.get_site()
    return [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailsettings:edit", args=("core", "sitesettings", site.pk)),
        reverse("wagtailsites:index"),
    ]


@pytest.mark.parametrize("group_name", [EDITORS, MODERATORS, LIAISONS, "Translators (fr)"])
def test_no_role_manages_users_or_settings(client, login, tree, group_name):
    login(group_name)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    for url in staff_only_urls(tree):
        assert refused(client.get(url)), url


def test_staff_only_urls_open_for_a_superuser(admin_client, tree):
    for url in staff_only_urls(tree):
        assert admin_client.get(url).status_code == 200, url


def test_translator_role_comes_with_the_command(tree):
    """The translators' rights are tried in test_translators.py; here, that one command
    sets them up along with the others."""
    french = Group.objects.get(name="Translators (fr)")
    assert french.translator_locale.locale.language_code == "fr"
    assert GroupPagePermission.objects.filter(
        group=french, page__locale__language_code="fr", page__depth=2
    ).exists()
