"""Smaller PNG files for screenshots: 256 colours when that does not show, else full colour;
compressed as far as Pillow goes."""

import io

from PIL import Image, ImageChops

# A pixel changes visibly when a channel moves by more than this (of 255); the 256-colour
# version is kept when at most MAX_CHANGED of the pixels do. Flat interface colours and
# text pass; photographs, which band, do not.
VISIBLE = 6
MAX_CHANGED = 0.01


def optimise(data, max_height=None):
    """The PNG `data` as the smallest acceptable PNG (bytes), cut to `max_height` pixels."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if max_height and image.height > max_height:
        image = image.crop((0, 0, image.width, max_height))
    paletted = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if changed_share(image, paletted.convert("RGB")) <= MAX_CHANGED:
        image = paletted
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def changed_share(original, changed, by=VISIBLE):
    """The share of pixels that changed by more than `by` in the channel that changed most."""
    difference = ImageChops.difference(original, changed)
    pixels = original.width * original.height
    return max(sum(band.histogram()[by + 1 :]) / pixels for band in difference.split())


def same_picture(one, other):
    """Whether two PNGs (bytes) show the same picture. From one run to the next, the
    antialiasing of a few pixels varies, and with it the 256 colours chosen: no pixel
    moves by more than 16 in a channel, and at most 0.5% by more than 3."""
    one, other = (Image.open(io.BytesIO(data)).convert("RGB") for data in (one, other))
    if one.size != other.size:
        return False
    if any(high > 16 for _low, high in ImageChops.difference(one, other).getextrema()):
        return False
    return changed_share(one, other, by=3) <= 0.005
