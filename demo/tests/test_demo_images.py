"""The demo's drawn pictures: partner logos spell the whole name in glyphs the font has,
inside the canvas; section illustrations are deterministic JPEGs in their motif."""

import io

import pytest
from PIL import Image

from demo import content
from demo.image_uploads import logo_name
from demo.images import MOTIFS, describe, illustration, logo_layout, monogram
from demo.images.logos import SITE_FONT, charset

SIZE = (480, 240)
MARGIN = 12  # no ink this close to the canvas edge
HOSTILE_NAMES = [
    "Universidade Federal do Rio Grande do Sul – Faculdade de Medicina",
    "Région Centre-Val de Loire",
    "Université Côte d'Azur",
    "Łódź Medical University",
    "Rheinische Friedrich-Wilhelms-Universität Bonn, Medizinische Fakultät und Universitätsklinikum",
    "Supercalifragilisticexpialidociousuniversity",
]


def assert_logo_is_whole_and_inside(name):
    layout = logo_layout(name, SIZE)
    image = Image.open(io.BytesIO(monogram(name, size=SIZE)))
    assert image.format == "PNG" and image.size == SIZE
    alpha = image.convert("RGBA").getchannel("A")

    # The full name, wrapped at spaces at most, in glyphs of the face it is set in.
    assert " ".join(layout.lines) == " ".join(name.split())
    assert set("".join(layout.lines)) <= charset(layout.font)
    assert set(layout.initials) <= charset(layout.initials_font)

    width, height = SIZE
    for left, top, right, bottom in (*layout.boxes, layout.mark):
        assert MARGIN <= left < right <= width - MARGIN
        assert MARGIN <= top < bottom <= height - MARGIN
    for box in layout.boxes:  # each line is really drawn where the layout says
        assert alpha.crop(box).getbbox() is not None
    # and nothing spills into the margin
    inner = Image.new("L", SIZE, 0)
    inner.paste(alpha.crop((MARGIN, MARGIN, width - MARGIN, height - MARGIN)), (MARGIN, MARGIN))
    assert alpha.tobytes() == inner.tobytes()
    return layout


@pytest.mark.parametrize("partner", content.PARTNERS, ids=lambda partner: partner["slug"])
def test_every_demo_partner_logo_spells_its_name_in_the_site_font(partner):
    layout = assert_logo_is_whole_and_inside(logo_name(partner))
    assert layout.font == SITE_FONT and layout.initials_font == SITE_FONT
    assert layout.font_size >= 24 and layout.initials


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_long_and_accented_names_are_wrapped_and_shrunk_never_cut(name):
    layout = logo_layout(name, SIZE)
    if layout.font is None:  # no installed face has every character: the mark alone
        assert layout.lines == ()
        return
    assert_logo_is_whole_and_inside(name)
    assert layout.font_size >= 14
    if len(name) > 30 and " " in name:
        assert len(layout.lines) > 1


def test_a_character_the_site_font_lacks_is_set_in_a_face_that_has_it():
    layout = logo_layout("Łódź Medical University", SIZE)
    assert "Ł" not in charset(SITE_FONT)
    assert layout.font != SITE_FONT
    assert layout.font is None or "Ł" in charset(layout.font)


def test_a_name_no_face_can_set_gives_the_mark_without_text():
    name = "Institute \U0010fffd"  # a code point no font maps
    layout = logo_layout(name, SIZE)
    assert layout.font is None and layout.lines == ()
    assert layout.initials == "I"
    Image.open(io.BytesIO(monogram(name))).verify()


def test_logos_are_small_and_the_same_on_every_run():
    data = monogram("LE STUDIUM")
    assert data == monogram("LE STUDIUM")
    assert len(data) < 12_000


@pytest.mark.parametrize("motif", MOTIFS)
def test_each_section_has_its_own_deterministic_illustration(motif):
    data = illustration("news/some-article", "teal", motif=motif)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1600, 900)
    assert data == illustration("news/some-article", "teal", motif=motif)
    assert data != illustration("news/another-article", "teal", motif=motif)
    # something is drawn in the middle, where every crop keeps it
    middle = image.crop((500, 250, 1100, 650)).convert("L").getextrema()
    assert middle[1] - middle[0] > 60
    assert describe(motif, "teal").startswith("Abstract illustration in teal: ")


def test_the_motifs_differ_and_any_size_is_drawn():
    drawings = {illustration("key", "slate", size=(400, 300), motif=m) for m in MOTIFS}
    assert len(drawings) == len(MOTIFS)
    assert all(Image.open(io.BytesIO(data)).size == (400, 300) for data in drawings)


def test_content_images_name_known_motifs():
    specs = [page["image"] for page in content.CONTENT_PAGES if page.get("image")]
    assert {spec["motif"] for spec in specs if "motif" in spec} <= set(MOTIFS)
