"""Images and documents in the reader's language: a page shows an image's alternative
text and credit, and links a document's version, in its own language, else the English
marked as English; translators edit their language's only, on the media screen."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail_factories import DocumentFactory

from core.factories import ImageFactory, translate
from home.factories import ContentPageFactory
from media.models import DocumentVariant, ImageText
from tests.test_html_valid import validate
from translations.models import TranslatorGroup

pytestmark = pytest.mark.django_db

Document = get_document_model()


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def image_block(image, **fields):
    value = {"image": image.pk, "alt_text": "", "decorative": False, "caption": ""}
    return {"type": "image", "value": {**value, **fields}}


def document_block(document):
    return {"type": "document", "value": {"document": document.pk, "title": "", "description": ""}}


def document_link(document, text):
    return {
        "type": "paragraph",
        "value": f'<p>Read <a linktype="document" id="{document.pk}">{text}</a>.</p>',
    }


@pytest.fixture
def french(site_tree, locales):
    """An English page with a hero image, an image, a document and a rich-text link to
    it, translated into French."""
    translate(site_tree.home, locales["fr"])
    image = ImageFactory(
        description="Students in a laboratory",
        credit="Photo: A. Jansen",
        file__width=2000,  # large enough for every width of the picture
        file__height=1200,
    )
    report = DocumentFactory(title="Annual report 2026")
    page = ContentPageFactory(
        parent=site_tree.home,
        title="About the office",
        hero_image=image,
        body=[image_block(image), document_block(report), document_link(report, "our report")],
    )
    return {"page": page, "fr": translate(page, locales["fr"]), "image": image, "report": report}


def save_image_text(client, image, code, alt_text, credit=""):
    url = reverse("media_image_text", args=(image.pk, code))
    return client.post(url, {"alt_text": alt_text, "credit": credit})


def upload_variant(client, document, code, name="rapport.pdf", content=b"%PDF-1.4 rapport"):
    url = reverse("media_document_variant", args=(document.pk, code))
    data = {"upload-title": "Rapport annuel 2026", "upload-file": SimpleUploadedFile(name, content)}
    return client.post(url, data)


def block_image(html):
    return html.select_one(".block-image img")


# What readers see ------------------------------------------------------------------------


def test_a_french_page_shows_the_french_alt_text_and_credit(admin_client, client, french):
    response = save_image_text(
        admin_client, french["image"], "fr", "Des étudiants au laboratoire", "Photo : A. Jansen"
    )
    assert response.status_code == 302

    html = html_of(client, french["fr"].url)

    for img in (block_image(html), html.select_one(".hero-image img")):
        assert img["alt"] == "Des étudiants au laboratoire"
        assert not img.has_attr("lang")
    credit = html.select_one(".block-image .credit")
    assert credit.get_text() == "Photo : A. Jansen"
    assert not credit.has_attr("lang")
    meta = html.find("meta", property="og:image:alt")
    assert meta["content"] == "Des étudiants au laboratoire"
    assert not meta.has_attr("lang")


def test_without_french_texts_the_english_is_shown_marked_as_english(client, french):
    html = html_of(client, french["fr"].url)

    for img in (block_image(html), html.select_one(".hero-image img")):
        assert img["alt"] == "Students in a laboratory"
        assert img["lang"] == "en"
    credit = html.select_one(".block-image .credit")
    assert (credit.get_text(), credit["lang"]) == ("Photo: A. Jansen", "en")
    hero_credit = html.select_one(".hero-image .credit bdi")
    assert (hero_credit.get_text(), hero_credit["lang"]) == ("Photo: A. Jansen", "en")
    meta = html.find("meta", property="og:image:alt")
    assert (meta["content"], meta["lang"]) == ("Students in a laboratory", "en")

    english = html_of(client, french["page"].url)
    assert block_image(english)["alt"] == "Students in a laboratory"
    assert not block_image(english).has_attr("lang")
    assert not english.select_one(".block-image .credit").has_attr("lang")


def test_only_the_credit_falls_back_when_only_the_alt_text_is_translated(
    admin_client, client, french
):
    save_image_text(admin_client, french["image"], "fr", "Des étudiants au laboratoire")

    html = html_of(client, french["fr"].url)

    assert not block_image(html).has_attr("lang")
    assert html.select_one(".block-image .credit")["lang"] == "en"


def test_the_pages_own_alt_text_wins(admin_client, client, french):
    save_image_text(admin_client, french["image"], "fr", "Des étudiants au laboratoire")
    page = french["fr"]
    page.body = [image_block(french["image"], alt_text="Nos boursiers")]
    page.hero_alt_text = "Nos boursiers à Leyde"
    page.save_revision().publish()

    html = html_of(client, page.url)

    assert block_image(html)["alt"] == "Nos boursiers"
    assert html.select_one(".hero-image img")["alt"] == "Nos boursiers à Leyde"
    assert not html.select_one(".hero-image img").has_attr("lang")


def test_a_decorative_image_keeps_an_empty_alt_text(client, french, locales):
    page = french["fr"]
    page.body = [image_block(french["image"], decorative=True)]
    page.save_revision().publish()

    img = block_image(html_of(client, page.url))

    assert img["alt"] == ""
    assert not img.has_attr("lang")


def test_pages_with_texts_in_both_languages_are_valid_html(admin_client, client, french, tmp_path):
    save_image_text(admin_client, french["image"], "fr", "Des étudiants au laboratoire")
    urls = (french["page"].url, french["fr"].url)
    assert validate([(url, client.get(url).content.decode()) for url in urls], tmp_path) == []


def test_a_french_page_links_the_french_version_of_a_document(admin_client, client, french):
    assert upload_variant(admin_client, french["report"], "fr").status_code == 302
    variant = DocumentVariant.objects.get(document=french["report"]).variant
    assert variant.title == "Rapport annuel 2026"
    assert variant.collection_id == french["report"].collection_id

    html = html_of(client, french["fr"].url)

    block_link = html.select_one(".block-document a")
    assert block_link["href"] == variant.url
    assert not block_link.has_attr("hreflang")
    assert block_link.get_text(strip=True) == "Rapport annuel 2026"
    assert not html.select_one(".block-document__language")
    text_link = html.find("a", string="our report")
    assert text_link["href"] == variant.url
    assert not text_link.has_attr("hreflang")
    assert not html.select_one(".document-language")

    english = html_of(client, french["page"].url)
    assert english.select_one(".block-document a")["href"] == french["report"].url


def test_without_a_french_version_the_english_document_is_linked_and_labelled(client, french):
    html = html_of(client, french["fr"].url)
    with translation.override("fr"):
        english = str(translation.get_language_info("en")["name_translated"])

    block_link = html.select_one(".block-document a")
    assert block_link["href"] == french["report"].url
    assert block_link["hreflang"] == "en"
    assert block_link.bdi["lang"] == "en"
    assert html.select_one(".block-document__language").get_text() == f"({english})"
    text_link = next(a for a in html.select(".block-paragraph a, a") if "our report" in a.text)
    assert text_link["href"] == french["report"].url
    assert text_link["hreflang"] == "en"
    assert text_link.select_one(".document-language").get_text() == f"({english})"

    english_page = html_of(client, french["page"].url)
    assert not english_page.select_one(".block-document a").has_attr("hreflang")
    assert not english_page.select_one(".document-language")


def test_an_existing_document_can_be_chosen_and_the_original_linked_again(
    admin_client, client, french
):
    rapport = DocumentFactory(title="Rapport annuel")
    url = reverse("media_document_variant", args=(french["report"].pk, "fr"))

    assert admin_client.post(url, {"variant": rapport.pk}).status_code == 302
    assert html_of(client, french["fr"].url).select_one(".block-document a")["href"] == rapport.url

    assert admin_client.post(url, {"variant": rapport.pk, "remove": "1"}).status_code == 302
    assert not DocumentVariant.objects.exists()
    link = html_of(client, french["fr"].url).select_one(".block-document a")
    assert (link["href"], link["hreflang"]) == (french["report"].url, "en")


def test_emptying_both_texts_shows_the_english_again(admin_client, client, french):
    save_image_text(admin_client, french["image"], "fr", "Des étudiants au laboratoire")
    assert save_image_text(admin_client, french["image"], "fr", "").status_code == 302
    assert not ImageText.objects.exists()
    assert block_image(html_of(client, french["fr"].url))["lang"] == "en"


# Who edits what --------------------------------------------------------------------------


def member_of(django_user_model, client, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def translators(locale):
    group = Group.objects.create(name=f"Translators ({locale.language_code})")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    TranslatorGroup.objects.create(group=group, locale=locale)
    return group


def test_a_translator_of_french_edits_french_texts_only(client, django_user_model, french, locales):
    translator = member_of(django_user_model, client, translators(locales["fr"]), "camille")
    image, report = french["image"], french["report"]

    assert translator.get(reverse("media_image_text", args=(image.pk, "fr"))).status_code == 200
    assert save_image_text(translator, image, "fr", "Des étudiants").status_code == 302
    assert upload_variant(translator, report, "fr").status_code == 302
    assert ImageText.objects.get(image=image).locale == locales["fr"]

    assert translator.get(reverse("media_image_text", args=(image.pk, "es"))).status_code == 403
    assert save_image_text(translator, image, "es", "Estudiantes").status_code == 403
    assert upload_variant(translator, report, "es").status_code == 403
    es_url = reverse("media_document_variant", args=(report.pk, "es"))
    assert translator.get(es_url).status_code == 403
    assert ImageText.objects.count() == 1
    assert DocumentVariant.objects.count() == 1

    listing = html_of(translator, reverse("media_translations"))
    assert {td["data-locale"] for td in listing.select("td[data-locale]")} == {"fr"}


def test_editors_with_the_media_permissions_edit_every_language(
    client, django_user_model, french, locales
):
    editors = Group.objects.create(name="Media editors")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_imagetext"),
        Permission.objects.get(codename="change_documentvariant"),
    )
    editor = member_of(django_user_model, client, editors, "eda")

    for code in ("fr", "es", "ar", "zh-hans"):
        assert save_image_text(editor, french["image"], code, f"alt {code}").status_code == 302
    listing = html_of(editor, reverse("media_translations"))
    assert len({td["data-locale"] for td in listing.select("td[data-locale]")}) == 7


def test_someone_with_no_language_may_not_open_the_screen(client, django_user_model, french):
    group = Group.objects.create(name="Partner liaisons")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    liaison = member_of(django_user_model, client, group, "lia")

    assert liaison.get(reverse("media_translations")).status_code == 403
    url = reverse("media_image_text", args=(french["image"].pk, "fr"))
    assert liaison.get(url).status_code == 403


# The media translations screen -----------------------------------------------------------


def cells(html):
    return {
        (td.find_parent("tr").th.a.get_text(), td["data-locale"]): td["data-state"]
        for td in html.select("td[data-locale]")
    }


def test_the_screen_lists_each_image_and_document_in_each_language(admin_client, french):
    ImageFactory(title="Campus")
    save_image_text(admin_client, french["image"], "fr", "Des étudiants")
    upload_variant(admin_client, french["report"], "es")
    url = reverse("media_translations")

    images = cells(html_of(admin_client, url))
    assert images[(french["image"].title, "fr")] == "translated"
    assert images[(french["image"].title, "es")] == "missing"
    assert images[("Campus", "fr")] == "missing"
    assert len({locale for _title, locale in images}) == 7

    documents = cells(html_of(admin_client, url + "?kind=documents"))
    assert documents[("Annual report 2026", "es")] == "translated"
    assert documents[("Annual report 2026", "fr")] == "missing"

    missing_french = cells(html_of(admin_client, url + "?locale=fr&missing=on"))
    assert set(missing_french) == {("Campus", "fr")}
    edit = reverse("media_image_text", args=(french["image"].pk, "fr"))
    links = [a["href"] for a in html_of(admin_client, url).select('td[data-locale="fr"] a')]
    assert any(href.startswith(edit + "?next=") for href in links)


def test_the_screen_is_paginated(admin_client, site_tree, locales):
    for n in range(51):
        ImageFactory(title=f"Image {n:02}")
    url = reverse("media_translations")

    first = html_of(admin_client, url)
    assert len(first.select("tbody tr")) == 50
    assert first.select_one("nav.pagination a")["href"].endswith("p=2")
    second = html_of(admin_client, url + "?p=2")
    assert len(second.select("tbody tr")) == 1


@pytest.mark.parametrize(
    "query", ["?locale=xx", "?kind=videos", "?p=abc", "?p=999", "?missing=maybe&q=" + "x" * 300]
)
def test_bad_filters_answer_the_screen_not_an_error(admin_client, french, query):
    response = admin_client.get(reverse("media_translations") + query)
    assert response.status_code == 200


def test_another_languages_filter_is_refused_and_the_others_still_apply(
    client, django_user_model, french, locales
):
    translator = member_of(django_user_model, client, translators(locales["fr"]), "camille")

    html = html_of(translator, reverse("media_translations") + "?kind=documents&locale=es")

    assert html.select_one(".error-message")
    assert set(cells(html)) == {("Annual report 2026", "fr")}


@pytest.mark.parametrize(
    "name,code",
    [("media_image_text", "xx"), ("media_image_text", "en"), ("media_document_variant", "en")],
)
def test_no_language_or_the_original_language_is_not_found(admin_client, french, name, code):
    pk = french["image"].pk if name == "media_image_text" else french["report"].pk
    assert admin_client.get(reverse(name, args=(pk, code))).status_code == 404


def test_unknown_images_and_documents_are_not_found(admin_client, french):
    assert admin_client.get(reverse("media_image_text", args=(99999, "fr"))).status_code == 404
    url = reverse("media_document_variant", args=(99999, "fr"))
    assert admin_client.post(url, {"variant": french["report"].pk}).status_code == 404


def errors_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(
        ".error-message, .w-field__errors"
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"variant": "not-a-number"},
        {"variant": "99999"},
    ],
)
def test_a_document_version_needs_a_document(admin_client, french, data):
    url = reverse("media_document_variant", args=(french["report"].pk, "fr"))
    assert errors_of(admin_client.post(url, data))
    assert not DocumentVariant.objects.exists()


def test_the_original_is_not_its_own_version(admin_client, french):
    url = reverse("media_document_variant", args=(french["report"].pk, "fr"))
    assert errors_of(admin_client.post(url, {"variant": french["report"].pk}))
    assert not DocumentVariant.objects.exists()


def test_an_upload_that_is_not_what_its_name_says_is_refused(admin_client, french):
    response = upload_variant(admin_client, french["report"], "fr", content=b"<html>not a pdf")
    assert errors_of(response)
    assert not DocumentVariant.objects.exists()
    assert Document.objects.count() == 1


def test_choosing_and_uploading_at_once_is_refused(admin_client, french):
    other = DocumentFactory()
    url = reverse("media_document_variant", args=(french["report"].pk, "fr"))
    data = {
        "variant": other.pk,
        "upload-file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 rapport"),
    }
    assert errors_of(admin_client.post(url, data))
    assert not DocumentVariant.objects.exists()


def test_saving_returns_to_the_screen_and_never_to_another_site(admin_client, french):
    url = reverse("media_image_text", args=(french["image"].pk, "fr"))
    listing = reverse("media_translations") + "?locale=fr"

    back = admin_client.post(url, {"alt_text": "Des étudiants", "next": listing})
    assert back["Location"] == listing
    away = admin_client.post(url, {"alt_text": "Des étudiants", "next": "https://evil.example/"})
    assert away["Location"] == reverse("media_translations")


def test_too_long_texts_are_form_errors(admin_client, french):
    response = save_image_text(admin_client, french["image"], "fr", "x" * 300)
    assert errors_of(response)
    assert not ImageText.objects.exists()


# Queries ---------------------------------------------------------------------------------


@pytest.fixture
def queries_of(client, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AnonymousPageCache" not in m]

    def queries(url):
        client.get(url)
        client.get(url)  # the first views make renditions
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return queries


def page_with_media(site_tree, locales, count, slug):
    images = [ImageFactory() for _n in range(count)]
    documents = [DocumentFactory() for _n in range(count)]
    body = [image_block(image) for image in images]
    body += [document_block(document) for document in documents]
    body += [document_link(document, f"document {n}") for n, document in enumerate(documents)]
    page = ContentPageFactory(parent=site_tree.home, slug=slug, hero_image=images[0], body=body)
    for image in images[::2]:
        ImageText.objects.create(image=image, locale=locales["fr"], alt_text="Une image")
    for document in documents[::2]:
        variant = DocumentFactory()
        DocumentVariant.objects.create(document=document, locale=locales["fr"], variant=variant)
    return translate(page, locales["fr"])


def test_a_page_costs_the_same_queries_whatever_its_number_of_images(
    site_tree, locales, queries_of
):
    translate(site_tree.home, locales["fr"])
    few = page_with_media(site_tree, locales, 2, "few")
    many = page_with_media(site_tree, locales, 8, "many")

    assert queries_of(many.url) == queries_of(few.url)


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_the_screen_costs_the_same_queries_whatever_its_number_of_rows(
    admin_client, site_tree, locales, kind
):
    url = reverse("media_translations") + f"?kind={kind}"

    def queries():
        admin_client.get(url)  # the first view makes the thumbnails
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    def add(count):
        for _n in range(count):
            image, document = ImageFactory(), DocumentFactory()
            ImageText.objects.create(image=image, locale=locales["fr"], alt_text="Une image")
            DocumentVariant.objects.create(
                document=document, locale=locales["es"], variant=DocumentFactory()
            )

    add(3)
    few = queries()
    add(12)
    assert queries() == few


def test_the_image_and_document_edit_screens_lead_to_their_translations(admin_client, french):
    image_screen = html_of(admin_client, reverse("wagtailimages:edit", args=(french["image"].pk,)))
    link = image_screen.find("a", string="Alternative text and credit in other languages")
    listing = html_of(admin_client, link["href"])
    assert {title for title, _locale in cells(listing)} == {french["image"].title}

    document_screen = html_of(
        admin_client, reverse("wagtaildocs:edit", args=(french["report"].pk,))
    )
    link = document_screen.find("a", string="Versions in other languages")
    listing = html_of(admin_client, link["href"])
    assert {title for title, _locale in cells(listing)} == {"Annual report 2026"}
