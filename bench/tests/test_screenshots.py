"""`manage.py screenshots`: its list of pages and patterns is well formed, the pages it
shoots are found in the database in each language, and its PNGs are made small."""

import io

import pytest
from PIL import Image

from bench import fonts, png
from bench import screenshots as spec
from bench.management.commands.screenshots import planned_shots, unwritten
from bench.screenshot_pages import page_urls
from core.factories import ImageFactory, translate
from events.factories import EventPageFactory
from news.factories import NewsPageFactory
from partners.factories import PartnerPageFactory


def test_the_lists_are_well_formed():
    names = [pattern.name for pattern in spec.PATTERNS]
    assert len(names) == len(set(names)), "pattern names are file names: one each"
    assert set(spec.PAGES) <= set(spec.PAGE_KINDS)
    for page, language, width in spec.FULL_PAGES:
        assert page in spec.PAGE_KINDS and language in spec.PAGE_LANGUAGES
        assert width in spec.VIEWPORTS
    for pattern in spec.PATTERNS:
        assert pattern.name.replace("-", "").isalnum() and pattern.name.islower(), pattern
        assert pattern.page in spec.PAGE_KINDS, pattern
        assert pattern.selector.strip() and pattern.width in spec.VIEWPORTS, pattern
        if pattern.action:
            verb, _space, target = pattern.action.partition(" ")
            assert verb in spec.ACTIONS and target.strip(), pattern
    paths = [shot.path for shot in planned_shots()]
    assert len(paths) == len(set(paths))
    assert {"pages/event-ar-375.png", "patterns/header-ar.png"} <= {str(p) for p in paths}


@pytest.mark.django_db
def test_each_kind_of_page_is_found_in_each_language(
    client, site_tree, locales, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = EventPageFactory(parent=site_tree.events, hero_image=ImageFactory())
    EventPageFactory(parent=site_tree.events, status="cancelled")
    PartnerPageFactory(parent=site_tree.partners, logo=None)
    PartnerPageFactory(parent=site_tree.partners, logo=ImageFactory(), short_name="UGM")
    NewsPageFactory(parent=site_tree.news, hero_image=ImageFactory())
    for page in (site_tree.home, site_tree.events, event):
        translate(page, locales["ar"])

    english = page_urls("en")
    assert set(english) == set(spec.PAGE_KINDS)
    for kind, (url, language) in english.items():
        assert language == "en" and url.startswith("/en/"), kind
        assert client.get(url).status_code == 200, (kind, url)
    assert english["events-filter-error"][0].startswith(english["events"][0] + "?")

    arabic = page_urls("ar")
    assert arabic["event"][1] == "ar" and arabic["event"][0].startswith("/ar/")
    assert arabic["partner"] == english["partner"], "untranslated: shown in English"
    assert arabic["search"] == ("/ar/search/?q=UGM", "ar")


@pytest.mark.django_db
def test_a_missing_kind_of_page_is_none(site_tree, locales):
    urls = page_urls("en")
    assert urls["home"] and urls["events"]
    assert urls["event"] is urls["notice-event"] is urls["article"] is urls["search"] is None


def test_missing_fonts_say_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "covers", lambda language: language != "zh")
    message = fonts.missing_fonts()
    assert "fc-list :lang=zh" in message and "apt-get install fonts-noto-cjk" in message
    monkeypatch.setattr(fonts, "covers", lambda language: True)
    assert fonts.missing_fonts() == ""


def as_png(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_flat_screenshots_get_256_colours_and_photographs_keep_theirs():
    flat = Image.new("RGB", (400, 300), "#0b4f4a")
    flat.paste(Image.new("RGB", (200, 100), "white"), (20, 20))
    small = Image.open(io.BytesIO(png.optimise(as_png(flat))))
    assert small.mode == "P"
    assert small.convert("RGB").getpixel((30, 30)) == (255, 255, 255)

    photograph = Image.merge(
        "RGB",
        [
            Image.effect_noise((400, 300), 60),
            Image.linear_gradient("L").resize((400, 300)),
            Image.radial_gradient("L").resize((400, 300)),
        ],
    )
    assert Image.open(io.BytesIO(png.optimise(as_png(photograph)))).mode == "RGB"


def test_tall_elements_are_cut_to_the_window():
    tall = as_png(Image.new("RGB", (1280, 3000), "white"))
    assert Image.open(io.BytesIO(png.optimise(tall, max_height=800))).size == (1280, 800)


def test_a_picture_that_changed_by_antialiasing_only_is_the_same():
    picture = Image.new("RGB", (300, 200), "#0b4f4a")
    nearly = picture.copy()
    nearly.putpixel((10, 10), (17, 79, 74))
    moved = picture.copy()
    moved.paste(Image.new("RGB", (20, 20), "white"), (10, 10))
    recoloured = picture.copy()
    recoloured.paste(Image.new("RGB", (40, 20), "#074d48"), (10, 10))
    assert png.same_picture(as_png(picture), as_png(nearly))
    assert not png.same_picture(as_png(picture), as_png(moved))
    assert not png.same_picture(as_png(picture), as_png(recoloured))
    assert not png.same_picture(as_png(picture), as_png(picture.resize((300, 201))))


def test_a_run_removes_only_its_own_old_pictures(tmp_path):
    """Pictures in folders the command does not shoot into (the translators' screens of
    docs/editors.md) are kept."""
    pages, translators = tmp_path / "pages", tmp_path / "translators"
    for folder in (pages, translators):
        folder.mkdir()
    kept, old, by_hand = pages / "home-en-375.png", pages / "gone.png", translators / "1.png"
    for path in (kept, old, by_hand):
        path.write_bytes(b"png")
    assert unwritten({kept}) == [old]
