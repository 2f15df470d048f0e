"""Pictures for the demo content, drawn locally so the demo needs no downloads."""

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = {
    "teal": ("#0b6e69", "#7fc8c2", "#f2c14e", "#e6f4f1"),
    "indigo": ("#2e3a87", "#8c9eff", "#f28f3b", "#eceffd"),
    "amber": ("#b5451b", "#f2c14e", "#0b6e69", "#fff4e0"),
    "rose": ("#8e2c48", "#f4a6b7", "#2e3a87", "#fdecef"),
    "green": ("#2f6b2f", "#a8d5a2", "#f2c14e", "#eef7ec"),
    "slate": ("#2f3e4c", "#9fb3c8", "#e07a5f", "#eef2f5"),
}


def _rng(key):
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))


def illustration(key, palette="teal", size=(1600, 900)):
    """An abstract composition of overlapping circles and arcs, as JPEG bytes."""
    dark, light, accent, paper = PALETTES.get(palette, PALETTES["teal"])
    rng = _rng(key)
    width, height = size
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(7):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice((dark, light, accent))
        alpha = rng.randint(90, 200)
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*rgb, alpha))
    points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(9)]
    for start, end in zip(points, points[1:], strict=False):
        draw.line((start, end), fill=dark, width=6)
    for x, y in points:
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=paper, outline=dark, width=6)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    return _encode(image, "JPEG", quality=82)


def monogram(text, palette="slate", size=(480, 240)):
    """A logo-like wordmark: initials on a coloured band, as PNG bytes."""
    dark, light, _accent, paper = PALETTES.get(palette, PALETTES["slate"])
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, size[0] - 8, size[1] - 8), radius=24, outline=dark, width=8)
    draw.rectangle((8, size[1] - 60, size[0] - 8, size[1] - 40), fill=light)
    font = ImageFont.load_default(size=size[1] // 3)
    draw.text((size[0] / 2, size[1] / 2 - 20), text[:8], fill=dark, font=font, anchor="mm")
    return _encode(image, "PNG")


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, optimize=True, **options)
    return buffer.getvalue()
