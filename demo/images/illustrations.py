"""Hero and card pictures: one abstract motif per section of the site.

Each motif keeps what matters in the middle of the frame, so that 16:9, 16:10 and 4:3
crops of it all look composed, and draws no text. The same key always gives the same
picture.
"""

import math

from PIL import Image, ImageDraw

from .base import encode, mix, palette, seeded
from .worldmap import CITIES, LAND

SCALE = 2  # drawn twice as large and scaled down, for smooth edges
WHITE = (255, 255, 255)


def illustration(key, palette_name="teal", size=(1600, 900), motif="home"):
    """The picture for `key` in the motif of a section (see MOTIFS), as JPEG bytes."""
    colours = palette(palette_name)
    width, height = size
    canvas = Image.new("RGB", (width * SCALE, height * SCALE), colours[3])
    MOTIFS[motif](canvas, colours, seeded(f"{motif}:{key}"))
    image = canvas.resize(size, Image.Resampling.LANCZOS)
    return encode(image, "JPEG", quality=80, progressive=True)


def describe(motif, palette_name="teal"):
    """What the pictures of `motif` show, for their alternative text."""
    colour = {"brand": "teal"}.get(palette_name, palette_name)
    return f"Abstract illustration in {colour}: {DESCRIPTIONS[motif]}"


DESCRIPTIONS = {
    "home": "a world map drawn as a grid of dots, with curved lines from one city to a few others.",
    "partners": "circles of different sizes joined by curved lines over faint map lines, like a network.",
    "series": "wavy rings spreading out from a dark circle, like a voice carrying across a room.",
    "news": "a page with a headline, a picture and lines of print, over diagonal bands and a large circle.",
    "events": "a calendar page with a few days marked, and a clock face in front of it.",
}


def _world(canvas, colours, rng):
    """Home and content pages: the world as a dot grid, partner cities ringed."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    dark, light, accent, paper = colours
    width, height = canvas.size
    west, east, south, north = -125, 155, -47, 72
    scale = min(width * 0.96 / (east - west), height * 0.86 / (north - south))
    left = (width - (east - west) * scale) / 2
    top = (height - (north - south) * scale) / 2

    def project(lon, lat):
        return left + (lon - west) * scale, top + (north - lat) * scale

    land = Image.new("1", canvas.size, 0)
    land_draw = ImageDraw.Draw(land)
    for outline in LAND:
        land_draw.polygon([project(lon, lat) for lon, lat in outline], fill=1)
    step = width / 80
    radius = step * 0.32
    grid = {}
    for row in range(int(height / step) + 1):
        for column in range(int(width / step) + 1):
            x, y = (column + 0.5) * step, (row + 0.5) * step
            grid[row, column] = (x, y)
            if land.getpixel((min(int(x), width - 1), min(int(y), height - 1))):
                _disc(draw, x, y, radius, mix(paper, dark, rng.uniform(0.3, 0.42)))

    def dot(lon, lat):  # the grid dot nearest to a place
        px, py = project(lon, lat)
        return grid[round(py / step - 0.5), round(px / step - 0.5)]

    home, *others = CITIES
    marked = [dot(*city) for city in rng.sample(others, rng.randint(4, 6))]
    hx, hy = dot(*home)
    for x, y in marked:  # flight paths from Leiden, bowed northwards
        control = ((hx + x) / 2, min(hy, y) - abs(x - hx) * 0.18 - height * 0.04)
        _curve(draw, (hx, hy), control, (x, y), (*dark, 150), height * 0.0035)
    for (x, y), colour, grow in [*((m, accent, 1.7) for m in marked), ((hx, hy), dark, 2.2)]:
        for ring, alpha in ((2.6, 45), (1.8, 90)):
            _disc(draw, x, y, radius * grow * ring, (*colour, alpha))
        edge = mix(colour, dark, 0.4) if colour == accent else paper
        _disc(draw, x, y, radius * grow, colour, outline=edge, width=round(radius * grow * 0.25))


def _network(canvas, colours, rng):
    """Partners: institutions as circles, joined by arcs over faint meridians."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    dark, light, accent, paper = colours
    width, height = canvas.size
    u = height / 100
    faint = mix(paper, dark, 0.12)
    for index in range(-4, 5):  # meridians and parallels of a globe seen from afar
        bulge = index * width * 0.09
        _curve(
            draw,
            (width / 2, -height * 0.1),
            (width / 2 + bulge * 2.2, height / 2),
            (width / 2, height * 1.1),
            faint,
            u * 0.35,
        )
        y = height / 2 + index * height * 0.13
        _curve(
            draw,
            (-width * 0.05, y),
            (width / 2, y - index * height * 0.05),
            (width * 1.05, y),
            faint,
            u * 0.35,
        )
    nodes = _scatter(rng, width, height, count=22, spacing=height * 0.16)
    hubs = sorted(nodes, key=lambda p: math.dist(p, (width / 2, height / 2)))[:3]
    for node in nodes:
        if node in hubs:
            continue
        hub = min(hubs, key=lambda h, n=node: math.dist(h, n))
        _arc(draw, node, hub, rng.choice((-1, 1)) * 0.18, (*dark, 150), u * 0.45)
    for a, b in zip(hubs, hubs[1:] + hubs[:1], strict=True):
        _arc(draw, a, b, 0.22, (*accent, 230), u * 0.8)
    for node in nodes:
        x, y = node
        if node in hubs:
            r = u * (4.2 if node == hubs[0] else 3.2)
            _disc(draw, x, y, r * 1.8, (*light, 110))
            _disc(draw, x, y, r, dark)
            _disc(draw, x, y, r * 0.4, accent)
        else:
            _disc(draw, x, y, u * rng.uniform(1.1, 1.9), paper, outline=dark, width=round(u * 0.5))


def _waves(canvas, colours, rng):
    """Lecture series: wavy rings spreading from a speaker-like centre."""
    # opaque shapes only: drawing without blending is many times faster
    draw = ImageDraw.Draw(canvas)
    dark, light, accent, paper = colours
    width, height = canvas.size
    cx = width * (0.5 + rng.uniform(-0.06, 0.06))
    cy = height * (0.5 + rng.uniform(-0.04, 0.04))
    lobes, phase = rng.choice((5, 6, 7, 8)), rng.uniform(0, math.tau)
    step = height * 0.055
    corner = max(math.dist((cx, cy), (x, y)) for x in (0, width) for y in (0, height))
    rings = int(corner / step) + 2
    for ring in range(rings, 0, -1):
        r = ring * step + height * 0.06
        wobble = min(0.09, 0.004 * ring)
        shade = mix(paper, light, max(0.0, 0.75 - ring * 0.045))
        outline = [
            (
                cx + r * (1 + wobble * math.sin(lobes * a + phase + ring * 0.35)) * math.cos(a),
                cy + r * (1 + wobble * math.sin(lobes * a + phase + ring * 0.35)) * math.sin(a),
            )
            for a in (i * math.tau / 240 for i in range(240))
        ]
        line = dark if ring % 4 == 0 else mix(shade, dark, 0.25)
        draw.polygon(outline, fill=shade)
        draw.line(
            [*outline, outline[0]], fill=line, width=round(height * (0.003 if ring % 4 else 0.005))
        )
    _disc(draw, cx, cy, height * 0.09, dark)
    _disc(draw, cx, cy, height * 0.035, accent)


def _bands(canvas, colours, rng):
    """News: a page of print laid over diagonal bands and a large circle."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    solid = ImageDraw.Draw(canvas)  # blending is slow on shapes this large: only when needed
    dark, light, accent, paper = colours
    width, height = canvas.size
    unit = _unit(canvas)
    angle = math.radians(rng.choice((-1, 1)) * rng.uniform(12, 22))
    cx, cy = width / 2, height / 2
    along = (math.cos(angle) * width, math.sin(angle) * width)
    across = (-math.sin(angle), math.cos(angle))

    def band(offset, thickness, fill):
        a = (cx + across[0] * offset, cy + across[1] * offset)
        b = (a[0] + across[0] * thickness, a[1] + across[1] * thickness)
        corners = [(a[0] - along[0], a[1] - along[1]), (a[0] + along[0], a[1] + along[1])]
        corners += [(b[0] + along[0], b[1] + along[1]), (b[0] - along[0], b[1] - along[1])]
        (draw if len(fill) == 4 else solid).polygon(corners, fill=fill)

    band(-unit * 0.75, unit * 0.3, mix(paper, light, 0.35))
    band(-unit * 0.3, unit * 0.45, mix(paper, light, 0.7))
    side = rng.choice((-1, 1))  # which side of the page the circle rises
    _disc(draw, cx + side * unit * 0.42, cy - unit * 0.08, unit * rng.uniform(0.24, 0.28), accent)
    band(unit * 0.12, unit * 0.09, dark)
    band(unit * 0.32, unit * 0.6, (*mix(paper, light, 0.45), 200))
    _page(draw, (cx - side * unit * 0.12, cy), unit, colours, rng)


def _page(draw, centre, unit, colours, rng):
    """A printed page: a two-line headline, a picture and a column of lines."""
    dark, light, accent, paper = colours
    width, height = unit * 0.5, unit * 0.66
    left, top = centre[0] - width / 2, centre[1] - height / 2
    _card(draw, (left, top, left + width, top + height), unit, colours)
    pad = width * 0.1
    inner = width - 2 * pad
    x, y = left + pad, top + pad
    for length in (1.0, 0.62):
        draw.rounded_rectangle(
            (x, y, x + inner * length, y + unit * 0.028), radius=unit * 0.014, fill=dark
        )
        y += unit * 0.045
    y += unit * 0.01
    draw.rectangle((x, y, x + inner, y + height * 0.26), fill=mix(paper, light, 0.8))
    _disc(draw, x + inner * 0.6 + height * 0.06, y + height * 0.11, height * 0.06, accent)
    y += height * 0.26 + unit * 0.035
    bottom = top + height - pad
    while y < bottom:
        length = rng.choice((1.0, 1.0, 0.92, 0.8)) if y < bottom - unit * 0.03 else 0.5
        draw.rounded_rectangle(
            (x, y, x + inner * length, y + unit * 0.012),
            radius=unit * 0.006,
            fill=mix(paper, dark, 0.45),
        )
        y += unit * 0.03


def _calendar(canvas, colours, rng):
    """Events: a calendar page, a few days marked, with a clock in front of it."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    dark, light, accent, paper = colours
    width, height = canvas.size
    unit = _unit(canvas)
    line, base = mix(paper, dark, 0.25), height / 2 + unit * 0.4
    for index in range(-8, 9):  # a time line across the frame, ticked by the hour
        x = width / 2 + index * unit * 0.2
        tick = unit * (0.03 if index % 3 else 0.06)
        draw.line((x, base, x, base - tick), fill=line, width=round(unit * 0.004))
    draw.line((0, base, width, base), fill=line, width=round(unit * 0.004))
    cell, gap, pad, header = unit * 0.072, unit * 0.02, unit * 0.045, unit * 0.13
    card_w = 7 * cell + 6 * gap + 2 * pad
    card_h = header + 5 * cell + 4 * gap + 2 * pad
    side = rng.choice((-1, 1))  # the clock stands at the calendar's left or right corner
    left = width / 2 - card_w / 2 - side * unit * 0.12
    top = height / 2 - card_h / 2 - unit * 0.01
    _card(draw, (left, top, left + card_w, top + card_h), unit, colours)
    draw.rounded_rectangle(
        (left, top, left + card_w, top + header),
        radius=unit * 0.018,
        fill=dark,
        corners=(True, True, False, False),
    )
    for ring in (0.25, 0.75):  # the binding
        x = left + card_w * ring
        draw.rounded_rectangle(
            (x - cell * 0.12, top - unit * 0.035, x + cell * 0.12, top + unit * 0.035),
            radius=cell * 0.12,
            fill=mix(dark, paper, 0.3),
        )

    def day_box(day, days=1):
        row, column = divmod(first + day, 7)
        x = left + pad + column * (cell + gap)
        y = top + header + pad + row * (cell + gap)
        return (x, y, x + days * cell + (days - 1) * gap, y + cell)

    first, marked = rng.randint(0, 6), set(rng.sample(range(30), 3))
    for day in range(35 - first):
        fill = dark if day in marked else mix(paper, light, 0.45)
        draw.rounded_rectangle(day_box(day), radius=cell * 0.22, fill=fill)
    run = rng.randint(7, 16)  # a meeting of several days, within one week
    days = min(rng.randint(2, 4), 7 - (first + run) % 7)
    draw.rounded_rectangle(day_box(run, days), radius=cell * 0.22, fill=accent)
    radius = unit * 0.2
    centre = (
        left + (card_w if side == 1 else 0) + side * radius * 0.35,
        top + card_h - radius * 0.55,
    )
    _clock(draw, centre, radius, unit, colours, rng)


def _clock(draw, centre, radius, unit, colours, rng):
    """A clock face with the length of a meeting shaded from the minute hand on."""
    dark, _light, accent, paper = colours
    ox, oy = centre
    shadow = unit * 0.018
    _disc(draw, ox + shadow, oy + shadow, radius, (*dark, 50))
    _disc(draw, ox, oy, radius, mix(paper, WHITE, 0.7), outline=dark, width=round(unit * 0.018))
    start = rng.choice((-90, -60, -30, 0))
    inset = radius * 0.84
    box = (ox - inset, oy - inset, ox + inset, oy + inset)
    draw.pieslice(box, start, start + rng.randint(60, 150), fill=(*accent, 120))
    for tick in range(12):
        inner = radius * (0.74 if tick % 3 else 0.64)
        draw.line(
            (_polar(centre, inner, tick * 30), _polar(centre, radius * 0.84, tick * 30)),
            fill=dark,
            width=round(unit * (0.006 if tick % 3 else 0.01)),
        )
    for angle, length, thickness in ((start, 0.62, 0.016), (start - 140, 0.42, 0.02)):
        draw.line(
            (centre, _polar(centre, radius * length, angle)),
            fill=dark,
            width=round(unit * thickness),
        )
    _disc(draw, ox, oy, unit * 0.014, accent)


def _card(draw, box, unit, colours):
    """A white card with a soft shadow."""
    dark, _light, _accent, paper = colours
    left, top, right, bottom = box
    shadow = unit * 0.018
    draw.rounded_rectangle(
        (left + shadow, top + shadow, right + shadow, bottom + shadow),
        radius=shadow,
        fill=(*dark, 55),
    )
    draw.rounded_rectangle(box, radius=shadow, fill=mix(paper, WHITE, 0.7))


def _unit(canvas):
    """The height of the 16:9 frame inside the canvas: what sizes are measured against."""
    width, height = canvas.size
    return min(height, width * 9 / 16)


def _disc(draw, x, y, r, fill, **outline):
    draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, **outline)


def _polar(centre, distance, degrees):
    """The point `distance` from `centre` in the direction `degrees` (clockwise from 3 o'clock)."""
    angle = math.radians(degrees)
    return centre[0] + distance * math.cos(angle), centre[1] + distance * math.sin(angle)


def _scatter(rng, width, height, count, spacing):
    """`count` points, gathered towards the middle but never closer than `spacing`."""
    points = []
    for _attempt in range(4000):
        x = rng.gauss(width / 2, width * 0.24)
        y = rng.gauss(height / 2, height * 0.28)
        inside = width * 0.04 < x < width * 0.96 and height * 0.07 < y < height * 0.93
        if inside and all(math.dist((x, y), p) >= spacing for p in points):
            points.append((x, y))
            if len(points) == count:
                break
    return points


def _arc(draw, a, b, bend, colour, thickness):
    """A curved line from `a` to `b`, bowed sideways by `bend` of its length."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    control = (mx - (b[1] - a[1]) * bend, my + (b[0] - a[0]) * bend)
    _curve(draw, a, control, b, colour, thickness)


def _curve(draw, start, control, end, colour, thickness):
    """A quadratic Bézier curve."""
    points = []
    for step in range(41):
        t = step / 40
        points.append(
            tuple(
                (1 - t) ** 2 * s + 2 * (1 - t) * t * c + t * t * e
                for s, c, e in zip(start, control, end, strict=True)
            )
        )
    draw.line(points, fill=colour, width=max(1, round(thickness)), joint="curve")


MOTIFS = {
    "home": _world,
    "partners": _network,
    "series": _waves,
    "news": _bands,
    "events": _calendar,
}
