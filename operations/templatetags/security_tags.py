"""The error and maintenance pages' one inline style, allowed by its hash in the
Content Security Policy (operations/security.py)."""

from django import template
from django.utils.safestring import mark_safe

from operations.security import ERROR_PAGE_CSS

register = template.Library()


@register.simple_tag
def error_page_style():
    return mark_safe(f"<style>{ERROR_PAGE_CSS}</style>")  # noqa: S308 (a constant)
