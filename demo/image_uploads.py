"""The demo's images, drawn (`images.py`) and uploaded through the storage backend once."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from .images import describe, illustration, monogram

COLLECTION_NAME = "Demo content"


def logo_name(partner):
    """What a partner's logo spells out: its short name, or its title when it has none."""
    return partner.get("short_name") or partner["title"]


class DemoImages:
    """Needs `collection` (where images go) and counts what it makes in `created`."""

    def image(self, key, spec, kind="illustration", motif="home"):
        """The demo image `key`, drawn and uploaded through the storage backend once: a
        partner logo, or an illustration in the motif of its section (images.MOTIFS)."""
        if not spec:
            return None
        model = get_image_model()
        title = f"Demo: {key}"
        existing = model.objects.filter(title=title).first()
        if existing:
            return existing
        if kind == "logo":
            data, name = monogram(spec["text"], spec.get("palette")), f"{key}.png"
            description = spec.get("description", "")
        else:
            motif, palette = spec.get("motif", motif), spec.get("palette", "teal")
            data, name = illustration(key, palette, motif=motif), f"{key}.jpg"
            # The alternative text says what the drawing shows.
            description = describe(motif, palette)
        image = model(
            title=title,
            description=description,
            credit=spec.get("credit", ""),
            collection=self.collection,
            file=ImageFile(io.BytesIO(data), name=name.replace("/", "-")),
        )
        image._set_image_file_metadata()
        image.save()
        self.created += 1
        return image
