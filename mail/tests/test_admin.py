"""The outbox in the admin (Settings → Outgoing e-mail): superusers read it and send failed
e-mails again; editors never see it."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from mail.models import OutgoingEmail
from mail.outbox import queue_email

pytestmark = pytest.mark.django_db

INDEX = "outbox:index"


@pytest.fixture
def failed_email(smtp_server, settings, django_capture_on_commit_callbacks):
    """An e-mail that failed its every attempt while the mail server was down."""
    settings.EMAIL_MAX_ATTEMPTS = 1
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("amina@example.org", "Your registration", "You are registered.")
    email.refresh_from_db()
    assert email.status == "failed"
    return email


@pytest.fixture
def editor_client(client, django_user_model, home):
    call_command("create_roles", stdout=io.StringIO())
    user = django_user_model.objects.create_user("editor-only", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def refused(response):
    """Wagtail answers a permission refusal with a 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def rows(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in html.select("tbody tr")]


def test_a_superuser_sees_failed_emails_and_sends_one_again(
    admin_client, failed_email, smtp_server, django_capture_on_commit_callbacks
):
    listing = admin_client.get(reverse(INDEX))
    assert listing.status_code == 200
    [row] = rows(listing)
    for shown in ("amina@example.org", "Your registration", "Failed", "ConnectionRefusedError"):
        assert shown in row
    send_again_url = reverse("outbox:send_again", args=(failed_email.pk,))
    assert send_again_url in listing.content.decode()
    assert rows(admin_client.get(reverse(INDEX), {"status": "failed"})) == [row]
    assert rows(admin_client.get(reverse(INDEX), {"status": "sent"})) == []

    smtp_server.start()
    question = admin_client.get(send_again_url)
    assert question.status_code == 200
    assert "ConnectionRefusedError" in question.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(send_again_url)

    assert answer.status_code == 302 and answer.url == reverse(INDEX)
    [message] = smtp_server.messages
    assert message["Subject"] == "Your registration"
    failed_email.refresh_from_db()
    assert (failed_email.status, failed_email.attempts) == ("sent", 1)
    assert "Sent" in rows(admin_client.get(reverse(INDEX)))[0]


def test_only_failed_emails_can_be_sent_again(admin_client, failed_email):
    OutgoingEmail.objects.filter(pk=failed_email.pk).update(status="sent")
    response = admin_client.post(reverse("outbox:send_again", args=(failed_email.pk,)))
    assert response.status_code == 404


def test_nobody_writes_or_deletes_emails_by_hand(admin_client, failed_email):
    assert refused(admin_client.get(reverse("outbox:add")))
    assert refused(admin_client.get(reverse("outbox:edit", args=(failed_email.pk,))))
    assert refused(admin_client.post(reverse("outbox:delete", args=(failed_email.pk,))))
    assert OutgoingEmail.objects.filter(pk=failed_email.pk).exists()
    inspect = admin_client.get(reverse("outbox:inspect", args=(failed_email.pk,)))
    assert inspect.status_code == 200
    assert "You are registered." in inspect.content.decode()


def test_an_editor_neither_sees_nor_opens_the_outbox(editor_client, failed_email):
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200  # in the admin
    settings_menu = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) not in settings_menu

    assert refused(editor_client.get(reverse(INDEX)))
    assert refused(editor_client.get(reverse("outbox:inspect", args=(failed_email.pk,))))
    send_again_url = reverse("outbox:send_again", args=(failed_email.pk,))
    assert refused(editor_client.get(send_again_url))
    assert refused(editor_client.post(send_again_url))
    failed_email.refresh_from_db()
    assert failed_email.status == "failed"


def test_the_outbox_is_in_the_superusers_settings_menu(admin_client):
    assert reverse(INDEX) in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_outbox_speaks_the_admin_users_language(admin_client, failed_email):
    user = get_user_model().objects.get(username="editor")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()

    listing = admin_client.get(reverse(INDEX)).content.decode()

    assert "Courrier sortant" in listing
    assert "Échec" in rows(admin_client.get(reverse(INDEX)))[0]
