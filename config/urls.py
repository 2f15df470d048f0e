from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter

from caching.http_cache import conditional_cache
from core import views as core_views
from core.api import CheckedDocumentsAPIViewSet, CheckedImagesAPIViewSet, CheckedPagesAPIViewSet
from events import embed
from events import feeds as event_feeds
from events.api import EventsAPIViewSet
from media import documents
from news import feeds as news_feeds
from operations import health
from search import views as search_views
from seo import views as seo

handler500 = "operations.errors.server_error"

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
api_router.register_endpoint("events", EventsAPIViewSet)

urlpatterns = [
    path("", core_views.choose_language, name="choose_language"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v2/", api_router.urls),
    path("embed/events/", embed.events_embed, name="events_embed"),
    path("embed/events.js", embed.events_script, name="events_script"),
    path("feeds/events.ics", event_feeds.events_ics, name="events_ics"),
    path("feeds/events/<int:pk>.ics", event_feeds.event_ics, name="event_ics"),
    path("feeds/news.xml", news_feeds.news_feed, name="news_feed"),
    # Cached whole like the other machine answers; each section is kept apart inside.
    path("sitemap.xml", conditional_cache(seo.sitemap), name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", seo.web_manifest, name="web_manifest"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(documents)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("registrations/", include("registrations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
