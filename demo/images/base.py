"""Colours and small helpers shared by the demo's illustrations and logos."""

import hashlib
import io
import random

# Each palette: (dark, light, accent, paper). "brand" is the site's own teal, its darker
# shade and its rust accent.
PALETTES = {
    "teal": ("#0b6e69", "#7fc8c2", "#f2c14e", "#e6f4f1"),
    "indigo": ("#2e3a87", "#8c9eff", "#f28f3b", "#eceffd"),
    "amber": ("#b5451b", "#f2c14e", "#0b6e69", "#fff4e0"),
    "rose": ("#8e2c48", "#f4a6b7", "#2e3a87", "#fdecef"),
    "green": ("#2f6b2f", "#a8d5a2", "#f2c14e", "#eef7ec"),
    "slate": ("#2f3e4c", "#9fb3c8", "#e07a5f", "#eef2f5"),
    "brand": ("#064b47", "#7fc8c2", "#b5451b", "#f4f8f7"),
}


def palette(name):
    """The four colours of palette `name` as RGB tuples (teal when unknown)."""
    return tuple(rgb(colour) for colour in PALETTES.get(name, PALETTES["teal"]))


def rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def mix(a, b, t):
    """The colour a fraction `t` of the way from `a` to `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def seeded(key):
    """A random generator that gives the same numbers for the same key on every run."""
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, optimize=True, **options)
    return buffer.getvalue()
