"""Pictures for the demo content, drawn locally so the demo needs no downloads."""

from .base import PALETTES
from .illustrations import MOTIFS, describe, illustration
from .logos import logo_layout, monogram

__all__ = ["MOTIFS", "PALETTES", "describe", "illustration", "logo_layout", "monogram"]
