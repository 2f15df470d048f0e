"""Partner logos: a monogram in a coloured shape beside the partner's full name.

The name is never cut: it is set in the site's own font, made smaller and wrapped onto
up to four lines until it fits inside the canvas with a margin. A name with a character
that font lacks is set in a system face that has it; when no face has it, the logo is
the mark alone, never a row of missing-glyph boxes.
"""

import re
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from .base import PALETTES, encode, mix, palette, seeded

SITE_FONT = str(Path(__file__).resolve().parents[2] / "static/fonts/source-sans-3-latin.woff2")
FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
BOLD = 700
SHAPES = ("circle", "rounded", "shield")
MAX_LINES = 4
# Lower-case words that do not make an initial: "University of Cape Town" is UCT.
MINOR_WORDS = frozenset(
    {"of", "the", "and", "for", "at", "in", "on", "de", "do", "da", "dos", "das", "di"}
    | {"del", "della", "degli", "des", "du", "la", "le", "les", "van", "von", "der", "den"}
    | {"y", "e", "et", "und", "für"}
)


@dataclass(frozen=True)
class LogoLayout:
    """Where everything goes on a logo of `size` pixels; boxes are (left, top, right, bottom)."""

    size: tuple
    shape: str
    colours: str  # a PALETTES name
    mark: tuple
    initials: str  # the letters in the mark, empty when no font has them
    initials_font: str | None
    initials_size: int
    font: str | None  # the face the name is set in, None when no face has its characters
    font_size: int
    lines: tuple  # the name as drawn, one string a line
    origins: tuple  # the left end of each line's baseline
    boxes: tuple  # the ink box of each line


def logo_layout(name, size=(480, 240)):
    """The layout of the logo for `name`, as `monogram` draws it."""
    width, height = size
    rng = seeded(f"logo:{name}")
    colours = rng.choice(sorted(PALETTES))
    shape = rng.choice(SHAPES)
    margin = max(8, height // 15)
    side, gap, text = None, 0, None
    # A long name gets a smaller mark when that lets its type be noticeably larger.
    for candidate in (round(height * 0.6), round(height * 0.46)):
        space = round(candidate * 0.16)
        fit = _fit_text(
            name, width - 2 * margin - candidate - space, height - 2 * margin, candidate
        )
        if side is None or (fit and (text is None or fit[1] > text[1] * 1.15)):
            side, gap, text = candidate, space, fit
    face, font_size, lines, extents = text or (None, 0, (), ())
    ink_left, ink_top, ink_right, ink_bottom = _union(extents) if lines else (0, 0, 0, 0)
    # the mark and the name, side by side, centred as one
    left = (width - side - (gap + ink_right - ink_left if lines else 0)) // 2
    mark = (left, (height - side) // 2, left + side, (height + side) // 2)
    x = left + side + gap - ink_left
    y = round(height / 2 - (ink_bottom + ink_top) / 2)  # the first baseline
    origins = [(x, y + index * _pitch(font_size)) for index in range(len(lines))]
    boxes = [(x + x0, y + top, x + x1, y + bottom) for x0, top, x1, bottom in extents]
    letters = initials(name)
    letters_font = face_for(letters) if letters else None
    letters_size = _fit_initials(letters, letters_font, side) if letters_font else 0
    return LogoLayout(
        size=size,
        shape=shape,
        colours=colours,
        mark=mark,
        initials=letters if letters_font else "",
        initials_font=letters_font,
        initials_size=letters_size,
        font=face,
        font_size=font_size,
        lines=tuple(lines),
        origins=tuple(origins),
        boxes=tuple(boxes),
    )


def monogram(text, palette_name=None, size=(480, 240)):
    """A partner logo for the name `text` on a transparent background, as PNG bytes."""
    layout = logo_layout(text, size)
    dark, _light, accent, _paper = palette(palette_name or layout.colours)
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    image.alpha_composite(_mark(layout, dark, accent), layout.mark[:2])
    draw = ImageDraw.Draw(image)
    for line, origin in zip(layout.lines, layout.origins, strict=True):
        draw.text(origin, line, font=font(layout.font, layout.font_size), fill=dark, anchor="ls")
    # A few dozen colours keep every anti-aliased edge and make the file a quarter to a
    # third the size.
    return encode(image.quantize(64, method=Image.Quantize.FASTOCTREE), "PNG")


def initials(name):
    """Up to three capital letters for the mark: "University of Cape Town" gives "UCT"."""
    words = [re.sub(r"^[dlDL][’']", "", w) for w in re.split(r"[\s\-–—/]+", name)]
    words = [w for w in words if any(c.isalnum() for c in w)]
    significant = [w for w in words if w not in MINOR_WORDS] or words
    if len(significant) == 1:  # "UniTrento" gives UT, "LUMC" and "Fudan" their first letter
        significant = _camel_case_parts(significant[0])
    return "".join(next(c for c in w if c.isalnum()) for w in significant[:3]).upper()


def _camel_case_parts(word):
    parts = [word[0]]
    for previous, char in zip(word, word[1:], strict=False):
        if previous.islower() and char.isupper():
            parts.append(char)
        else:
            parts[-1] += char
    return parts


def face_for(text):
    """The first font with a glyph for every character of `text`, or None."""
    needed = set(text)
    for path in (SITE_FONT, *FALLBACK_FONTS):
        if Path(path).exists() and needed <= charset(path):
            return path
    return None


@cache
def charset(path):
    """The characters the font at `path` has glyphs for."""
    return frozenset(chr(code) for code in TTFont(path, lazy=True).getBestCmap())


@cache
def font(path, size):
    face = ImageFont.truetype(path, size)
    if path == SITE_FONT:
        face.set_variation_by_axes([BOLD])
    return face


def _fit_text(name, width, height, side):
    """(face, size, lines, ink boxes from the first baseline) of the largest setting of
    `name` that fits `width` x `height`, or None when none does."""
    words = name.split()
    face = face_for(" ".join(words))
    if not words or face is None:
        return None
    best = None
    for count in range(1, min(MAX_LINES, len(words)) + 1):
        lines = _balanced(words, count, face)
        fits = [s for s in _sizes(round(side * 0.42)) if _extents(lines, face, s, width, height)]
        # An extra line has to earn its place: a noticeably larger type size.
        if fits and (best is None or fits[0] > best[1] * 1.15):
            best = (face, fits[0], lines, _extents(lines, face, fits[0], width, height))
    return best


def _sizes(largest, smallest=9):
    return range(largest, smallest - 1, -1)


def _balanced(words, count, face):
    """`words` on `count` lines, broken where the longest line is shortest."""
    reference = font(face, 100)
    best = None
    for breaks in combinations(range(1, len(words)), count - 1):
        bounds = (0, *breaks, len(words))
        lines = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        longest = max(reference.getlength(line) for line in lines)
        if best is None or longest < best[0]:
            best = (longest, lines)
    return best[1]


def _extents(lines, face, size, width, height):
    """The ink box of each line, relative to the first baseline, if all fit; else None."""
    typeface = font(face, size)
    pitch = _pitch(size)
    boxes = []
    for index, line in enumerate(lines):
        left, top, right, bottom = typeface.getbbox(line, anchor="ls")
        boxes.append((left, top + index * pitch, right, bottom + index * pitch))
    left, top, right, bottom = _union(boxes)
    return boxes if right - left <= width and bottom - top <= height else None


def _union(boxes):
    """The smallest box around all of `boxes`."""
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


def _pitch(size):
    return round(size * 1.12)


def _fit_initials(letters, face, side):
    for size in _sizes(round(side * 0.5), 8):
        left, top, right, bottom = font(face, size).getbbox(letters, anchor="mm")
        if right - left <= side * 0.56 and bottom - top <= side * 0.36:
            return size
    return 8


def _mark(layout, dark, accent):
    """The coloured shape with the initials, drawn four times larger and scaled down so
    that its edges are smooth."""
    scale = 4
    left, top, right, bottom = layout.mark
    side = (right - left) * scale
    mark = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    draw = ImageDraw.Draw(mark)
    white = (255, 255, 255)
    line = round(side * 0.022)
    if layout.shape == "circle":
        draw.ellipse((0, 0, side - 1, side - 1), fill=dark)
        inset = round(side * 0.07)
        draw.ellipse(
            (inset, inset, side - inset, side - inset), outline=mix(dark, white, 0.55), width=line
        )
        centre = (side / 2, side / 2)
    elif layout.shape == "rounded":
        draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=round(side * 0.22), fill=dark)
        bar = (round(side * 0.3), round(side * 0.76), round(side * 0.7), round(side * 0.8))
        draw.rectangle(bar, fill=accent)
        centre = (side / 2, side * 0.46)
    else:
        draw.polygon(_shield(side, 0), fill=dark)
        draw.polygon(_shield(side, round(side * 0.07)), outline=mix(dark, white, 0.55), width=line)
        centre = (side / 2, side * 0.43)
    if layout.initials:
        letters = font(layout.initials_font, layout.initials_size * scale)
        draw.text(centre, layout.initials, font=letters, fill=white, anchor="mm")
    return mark.resize((right - left, bottom - top), Image.Resampling.LANCZOS)


def _shield(side, inset):
    """A heraldic shield: straight top and sides, curving to a point at the bottom."""
    left, right, top = side * 0.1 + inset, side * 0.9 - inset, side * 0.02 + inset
    shoulder, tip = side * 0.5, side * 0.98 - inset * 1.4
    curve = []
    for step in range(21):  # a quadratic curve from the right shoulder to the tip
        t = step / 20
        curve.append(
            (
                (1 - t) ** 2 * right + 2 * (1 - t) * t * right + t * t * side / 2,
                (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * (tip - side * 0.12) + t * t * tip,
            )
        )
    mirrored = [(side - x, y) for x, y in reversed(curve[:-1])]
    return [(left, top), (right, top), *curve, *mirrored]
