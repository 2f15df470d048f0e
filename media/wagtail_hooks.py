from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from media import admin_views
from media.localized import image_alt_in_locale
from media.permissions import editable_locales
from media.rich_text import LocalizedDocumentLinkHandler


@hooks.register("register_admin_urls")
def register_media_translation_urls():
    return [
        path(
            "translations/media/",
            admin_views.media_translations,
            name="media_translations",
        ),
        path(
            "translations/media/images/<int:image_id>/<str:code>/",
            admin_views.image_text,
            name="media_image_text",
        ),
        path(
            "translations/media/documents/<int:document_id>/<str:code>/",
            admin_views.document_variant,
            name="media_document_variant",
        ),
    ]


class MediaTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(editable_locales(request.user))


@hooks.register("register_admin_menu_item")
def register_media_translations_menu_item():
    return MediaTranslationsMenuItem(
        _("Media translations"), reverse("media_translations"), icon_name="image", order=260
    )


@hooks.register("register_rich_text_features", order=1)
def register_localized_document_links(features):
    """After Wagtail's own document link type (order 0), which this one replaces."""
    features.register_link_type(LocalizedDocumentLinkHandler)


# core.models.pages.HeroImageMixin.hero_alt asks for an image's text in a page's language.
hooks.register("image_alt_in_locale", image_alt_in_locale)
