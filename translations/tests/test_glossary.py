"""Each language's glossary: machine translation uses its preferred translations, the
translation editor lists the page's terms, files go in and out as CSV and TBX, and
translators keep to their own language's terms."""

import csv
import io
import os
from pathlib import Path
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core.models import SiteSettings
from news.factories import NewsPageFactory
from tests.browser import wait_until
from translations.glossary import GlossaryTerm, highlight, terms_in

pytestmark = pytest.mark.django_db

TEST_TRANSLATOR = {"CLASS": "translations.machine.TestTranslator", "OPTIONS": {}}
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def glossary(locales):
    return {
        "facility": GlossaryTerm.objects.create(
            locale=locales["fr"],
            term="core facility",
            translation="plateforme technologique",
            note="Never « installation centrale ».",
        ),
        "fellow": GlossaryTerm.objects.create(
            locale=locales["fr"], term="research fellow", translation="chercheur invité"
        ),
        "biobank": GlossaryTerm.objects.create(
            locale=locales["fr"], term="biobank", translation="biobanque"
        ),
        "spanish": GlossaryTerm.objects.create(
            locale=locales["es"], term="core facility", translation="plataforma tecnológica"
        ),
    }


@pytest.fixture
def french_translation(admin_client, site_tree, locales, glossary):
    """An article with glossary terms, and its French translation started from the page
    menu's "Translate", nothing translated yet."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.do_not_translate = "InnoCore"
    site_settings.save()
    for page in (site_tree.home, site_tree.news):
        page.copy_for_translation(locales["fr"]).save_revision().publish()
    article = NewsPageFactory(
        parent=site_tree.news,
        title="InnoCore opens a Core Facility",
        summary="Research fellows & students tour the core facility of InnoCore",
        body=[
            {
                "type": "paragraph",
                "value": '<p>Book the <a href="https://example.org/">core facility</a> '
                "online: the research fellow shows you around.</p>",
            }
        ],
    )
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(article.pk,)),
        {"locales": [locales["fr"].pk]},
    )
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["fr"]
    )


def machine_translate(client, translation):
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=(translation.pk,)), {"next": "/admin/"}
    )
    assert response.status_code == 302
    return dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of__data", "data"
        )
    )


def test_machine_translation_uses_the_preferred_translation(
    admin_client, french_translation, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = TEST_TRANSLATOR
    translated = machine_translate(admin_client, french_translation)

    # The test translator reverses the word order; glossary terms come back as one piece,
    # in the preferred translation, whatever their case; protected names unchanged.
    title = translated["InnoCore opens a Core Facility"]
    assert title == "plateforme technologique a opens InnoCore"
    summary = translated["Research fellows &amp; students tour the core facility of InnoCore"]
    assert "plateforme technologique" in summary and "InnoCore" in summary
    assert "facility" not in summary and "biobanque" not in summary
    # In rich text, between the tags, and the link kept.
    paragraph = next(data for source, data in translated.items() if "<a id=" in source)
    assert "plateforme technologique" in paragraph and "chercheur invité" in paragraph
    assert "plataforma" not in paragraph
    assert BeautifulSoup(paragraph, "html.parser").a.get_text() == "plateforme technologique"


def test_human_translations_are_never_changed(admin_client, french_translation, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = TEST_TRANSLATOR
    title = StringSegment.objects.get(
        source=french_translation.source, string__data="InnoCore opens a Core Facility"
    )
    response = admin_client.put(
        reverse("wagtail_localize:edit_string_translation", args=(french_translation.pk, title.pk)),
        urlencode({"value": "InnoCore ouvre une installation"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)

    translated = machine_translate(admin_client, french_translation)

    assert translated["InnoCore opens a Core Facility"] == "InnoCore ouvre une installation"
    kept = StringTranslation.objects.get(
        translation_of=title.string, locale=french_translation.target_locale
    )
    assert kept.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
    assert (
        "plateforme technologique"
        in translated[title.source.stringsegment_set.get(context__path="summary").string.data]
    )


def test_the_translation_editor_lists_the_pages_terms(admin_client, french_translation):
    page = french_translation.get_target_instance()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".js-translation-editor"), "the translation editor itself"
    panel = html.select_one("#glossary-panel")
    assert panel.h2.get_text(strip=True) == "Glossary for this page"
    rows = [[cell.get_text(strip=True) for cell in row("td")] for row in panel.tbody("tr")]
    assert rows == [
        ["core facility", "plateforme technologique", "Never « installation centrale »."],
        ["research fellow", "chercheur invité", ""],
    ]


def test_no_panel_without_terms(admin_client, french_translation, glossary):
    GlossaryTerm.objects.filter(locale=french_translation.target_locale).delete()
    page = french_translation.get_target_instance()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert not BeautifulSoup(response.content, "html.parser").select("#glossary-panel")


def test_terms_in_and_highlight(locales, glossary):
    text = "Two Core Facilities, one biobank <script>"
    found = terms_in(text, locales["fr"])
    assert [term.term for term in found] == ["biobank", "core facility"]
    html = BeautifulSoup(str(highlight(text, found)), "html.parser")
    assert [(mark.get_text(), mark["title"]) for mark in html("mark")] == [
        ("Core Facilities", "plateforme technologique (Never « installation centrale ».)"),
        ("biobank", "biobanque"),
    ]
    assert html.script is None and "<script>" in html.get_text()
    assert terms_in("the bio-banking of fellows", locales["fr"]) == []


# Files


def transfer(client, locale, name, content):
    return client.post(
        reverse("glossary_transfer"),
        {"locale": locale.pk, "file": SimpleUploadedFile(name, content)},
    )


def message(response):
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_csv_round_trip(admin_client, locales, glossary):
    GlossaryTerm.objects.create(
        locale=locales["fr"], term='=HYPERLINK("x")', translation="-1", note='Say "yes", then go'
    )
    response = admin_client.get(reverse("glossary_export", args=("fr", "csv")))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="glossary-en-fr.csv"'
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["term", "translation", "note"]
    assert ['\'=HYPERLINK("x")', "'-1", 'Say "yes", then go'] in rows
    assert ["core facility", "plateforme technologique", "Never « installation centrale »."] in rows
    assert len(rows) == 5

    response = transfer(admin_client, locales["pt"], "glossary-en-fr.csv", content)
    assert response.status_code == 302
    assert message(response) == "4 added, 0 updated, 0 skipped."
    portuguese = GlossaryTerm.objects.filter(locale=locales["pt"])
    french = GlossaryTerm.objects.filter(locale=locales["fr"])
    fields = ("term", "translation", "note")
    assert sorted(portuguese.values_list(*fields)) == sorted(french.values_list(*fields))

    # The same terms again, in any case, update; what is incomplete is skipped, with why.
    again = "term;translation\nCORE FACILITY;plataforma central\nbiobank;\n;sem termo\n"
    response = transfer(admin_client, locales["pt"], "edited.csv", again.encode())
    assert message(response) == (
        "0 added, 1 updated, 2 skipped. row 3: no translation; row 4: no English term"
    )
    assert portuguese.get(term="core facility").translation == "plataforma central"
    assert portuguese.count() == 4


def test_tbx_round_trip(admin_client, locales, glossary):
    response = admin_client.get(reverse("glossary_export", args=("fr", "tbx")))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{TBX}tbx" and root.get("type") == "TBX-Basic"
    entries = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    pairs = []
    for entry in entries:
        sections = {
            section.get(XML_LANG): section.find(f"{TBX}termSec")
            for section in entry.findall(f"{TBX}langSec")
        }
        assert set(sections) == {"en", "fr"}
        note = sections["fr"].find(f"{TBX}note")
        pairs.append(
            (
                sections["en"].findtext(f"{TBX}term"),
                sections["fr"].findtext(f"{TBX}term"),
                "" if note is None else note.text,
            )
        )
    assert sorted(pairs) == sorted(
        GlossaryTerm.objects.filter(locale=locales["fr"]).values_list("term", "translation", "note")
    )

    # A translation tool gives the terms back in Dutch.
    for section in root.iter(f"{TBX}langSec"):
        if section.get(XML_LANG) == "fr":
            section.set(XML_LANG, "nl-NL")
    dutch_file = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    response = transfer(admin_client, locales["nl"], "glossary.tbx", dutch_file)
    assert message(response) == "3 added, 0 updated, 0 skipped."
    assert GlossaryTerm.objects.get(locale=locales["nl"], term="core facility").note == (
        "Never « installation centrale »."
    )


def test_tbx_2_martif_import(admin_client, locales, glossary):
    martif = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
  <text><body>
    <termEntry id="1">
      <langSet xml:lang="en-US"><tig><term>Biobank</term></tig></langSet>
      <langSet xml:lang="fr-FR"><tig><term>banque biologique</term></tig>
        <note>Plural: banques biologiques</note></langSet>
    </termEntry>
    <termEntry id="2">
      <langSet xml:lang="en"><ntig><termGrp><term>lab notebook</term></termGrp></ntig></langSet>
      <langSet xml:lang="fr"><ntig><termGrp><term>cahier de laboratoire</term></termGrp></ntig>
      </langSet>
    </termEntry>
    <termEntry id="3"><langSet xml:lang="en"><tig><term>orphan</term></tig></langSet></termEntry>
  </body></text>
</martif>"""
    response = transfer(admin_client, locales["fr"], "old.tbx", martif.encode())
    assert message(response) == "1 added, 1 updated, 1 skipped. entry 3: no translation"
    biobank = GlossaryTerm.objects.get(locale=locales["fr"], term="biobank")
    assert (biobank.translation, biobank.note) == (
        "banque biologique",
        "Plural: banques biologiques",
    )
    assert GlossaryTerm.objects.filter(term="lab notebook", locale=locales["fr"]).exists()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&c;</term></termSec>
</langSec></conceptEntry></body></text></tbx>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>"""


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "Choose a CSV file"),
        ("terms.csv", b"english,french\ncore facility,plateforme\n", "it has: english, french"),
        ("terms.csv", "term,translation\nfacilité,é\n".encode("latin-1"), "not UTF-8"),
        ("terms.csv", b"", "The submitted file is empty"),
        ("terms.csv", b"\xef\xbb\xbf\n", "it has: –"),
        ("terms.tbx", b"<tbx><text><body><conceptEntry></tbx>", "not well-formed XML"),
        ("terms.xml", b"<html><body>terms</body></html>", "not TBX"),
        ("bomb.tbx", BOMB, "document type or entities"),
        ("external.tbx", EXTERNAL, "document type or entities"),
    ],
)
def test_bad_files_are_refused_with_a_reason(admin_client, locales, name, content, error):
    response = transfer(admin_client, locales["fr"], name, content)
    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    assert error in html.select_one("[aria-labelledby=glossary-import]").get_text()
    assert not GlossaryTerm.objects.exists()


# Who edits what


@pytest.fixture
def french_translator(client, django_user_model, locales, site_tree):
    call_command("create_translator_groups", stdout=io.StringIO())
    group = Group.objects.get(name="Translators (fr)")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="translations", codename__endswith="_glossaryterm"
        )
    )
    user = django_user_model.objects.create_user("traductrice", password="x")
    user.groups.add(group)
    client.force_login(user)
    return client


def refused(response):
    """Wagtail's admin answers a refusal with a 403, or with a redirect to the dashboard
    and "Sorry, you do not have permission to access this area"."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_a_translator_edits_their_languages_terms_only(french_translator, locales, glossary):
    french, spanish = glossary["facility"], glossary["spanish"]
    for view in ("edit", "delete"):
        assert refused(french_translator.get(reverse(f"glossary:{view}", args=(spanish.pk,))))
        assert (
            french_translator.get(reverse(f"glossary:{view}", args=(french.pk,))).status_code == 200
        )

    data = {"locale": locales["fr"].pk, "term": "core facility", "translation": "plateforme"}
    response = french_translator.post(reverse("glossary:edit", args=(french.pk,)), data)
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.translation == "plateforme"
    assert refused(french_translator.post(reverse("glossary:edit", args=(spanish.pk,)), data))
    assert refused(french_translator.post(reverse("glossary:delete", args=(spanish.pk,))))
    spanish.refresh_from_db()
    assert spanish.translation == "plataforma tecnológica"

    # Nor can they add a Spanish term, or move a French one into Spanish.
    spanish_term = {"locale": locales["es"].pk, "term": "biobank", "translation": "biobanco"}
    response = french_translator.post(reverse("glossary:add"), spanish_term)
    assert response.status_code == 200 and "locale" in response.context["form"].errors
    response = french_translator.post(reverse("glossary:edit", args=(french.pk,)), spanish_term)
    assert "locale" in response.context["form"].errors
    assert not GlossaryTerm.objects.filter(locale=locales["es"], term="biobank").exists()

    listing = french_translator.get(reverse("glossary:index"))
    assert listing.status_code == 200
    text = BeautifulSoup(listing.content, "html.parser").select_one("main").get_text()
    assert "plateforme" in text and "plataforma tecnológica" not in text

    page = BeautifulSoup(french_translator.get(reverse("glossary_transfer")).content, "html.parser")
    assert [
        row.td.get_text() for row in page.select("[aria-labelledby=glossary-export] tbody tr")
    ] == ["Français"]
    choices = page.select("select[name=locale] option")
    assert [(o.get_text(), o.has_attr("selected")) for o in choices if o["value"]] == [
        ("Français", True)
    ]
    assert french_translator.get(reverse("glossary_export", args=("es", "csv"))).status_code == 404
    response = transfer(french_translator, locales["es"], "terms.csv", b"term,translation\na,b\n")
    assert response.status_code == 400
    assert not GlossaryTerm.objects.filter(locale=locales["es"], term="a").exists()


def test_nobody_signed_out_reads_or_writes_a_glossary(client, locales, glossary):
    for response in (
        client.get(reverse("glossary_export", args=("fr", "tbx"))),
        client.get(reverse("glossary:index")),
        transfer(client, locales["fr"], "terms.csv", b"term,translation\na,b\n"),
    ):
        assert response.status_code == 302 and response.url.startswith(
            reverse("wagtailadmin_login")
        )
    assert not GlossaryTerm.objects.filter(term="a").exists()


def test_the_same_term_twice_in_a_language_is_refused(admin_client, locales, glossary):
    data = {"locale": locales["fr"].pk, "term": "Core Facility", "translation": "autre"}
    response = admin_client.post(reverse("glossary:add"), data)
    assert response.status_code == 200
    assert "already" in str(response.context["form"].errors)
    data["locale"] = locales["nl"].pk
    assert admin_client.post(reverse("glossary:add"), data).status_code == 302


def test_search_and_language_filter(admin_client, locales, glossary):
    url = reverse("glossary:index")
    response = admin_client.get(url, {"q": "biobanque"})
    text = BeautifulSoup(response.content, "html.parser").select_one("main").get_text()
    assert "biobank" in text and "research fellow" not in text
    response = admin_client.get(url, {"locale": locales["es"].pk})
    text = BeautifulSoup(response.content, "html.parser").select_one("main").get_text()
    assert "plataforma tecnológica" in text and "plateforme" not in text


def test_the_editor_marks_the_terms_in_chromium(
    admin_client, browser, french_translation, tmp_path
):
    page = french_translation.get_target_instance()
    editor = browser.open(f"/admin/pages/{page.pk}/edit/")
    editor.locator(".js-translation-editor li").first.wait_for()

    # The panel sits above the editor; the terms are marked in the source texts shown.
    assert editor.evaluate(
        "document.getElementById('glossary-panel').nextElementSibling"
        ".matches('.js-translation-editor')"
    )
    assert wait_until(editor, "(CSS.highlights.get('glossary-term')?.size || 0) >= 4")
    marked = editor.evaluate("[...CSS.highlights.get('glossary-term')].map(r => r.toString())")
    assert sorted(marked) == [
        "Core Facility",
        "Research fellows",
        "core facility",
        "core facility",
        "research fellow",
    ]
    shots = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    editor.screenshot(path=shots / "glossary-in-translation-editor.png", full_page=True)
    # (The admin's avatars from gravatar.com are refused by the admin's policy.)
    assert [error for error in browser.console_errors if "gravatar.com" not in error] == []
