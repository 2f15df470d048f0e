"""Builds the demo site from `content.py` and the translations beside it.

Idempotent: whatever exists (found by slug, key or title) is left as it is, so a second
run adds nothing and keeps editors' changes. `demo.reset` removes the content first.
"""

from datetime import datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.models import FooterText, Person, SiteSettings, Topic
from events.models import (
    EventHostPartner,
    EventIndexPage,
    EventPage,
    EventSpeaker,
    LectureSeriesPage,
    SeriesOrganiser,
    SeriesPartner,
    SessionMaterial,
)
from home.models import ContentPage, HomePage
from news.models import NewsAuthor, NewsEvent, NewsIndexPage, NewsPage, NewsPartner
from partners.models import PartnerIndexPage, PartnerPage
from search.deferred import deferred_indexing
from translations.models import GlossaryTerm

from . import content
from .blocks import body_value
from .image_uploads import COLLECTION_NAME, DemoImages, logo_name
from .registrants import add_registrations
from .translate import DemoTranslations


class DemoLoader(DemoImages, DemoTranslations):
    def __init__(self, out=print, locales=None, today=None):
        self.out = out
        self.today = today or timezone.localdate()
        codes = [code for code, _name in settings.LANGUAGES]
        self.locale_codes = [c for c in codes if locales is None or c in locales or c == codes[0]]
        self.created = 0

    # ----------------------------------------------------------------- helpers
    def step(self, message):
        self.out(message)

    def child(self, parent, model, slug, **fields):
        """The live child `slug` of `parent`, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing:
            return existing, False
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page, True

    # -------------------------------------------------------------------- steps
    def run(self):
        started = timezone.now()
        # Pages are saved several times while they are built: index their references and
        # their text for search once.
        with deferred_indexing(), disable_reference_index_auto_update():
            with transaction.atomic():
                self.setup()
                self.snippets()
                self.pages()
            self.translate_all()
        self.glossary()
        add_registrations(self.partners, self.out)
        self.index_references()
        seconds = (timezone.now() - started).total_seconds()
        self.step(f"Done in {seconds:.0f} s: {self.created} objects created.")

    def glossary(self):
        added = 0
        for term, translations in content.GLOSSARY.items():
            for code, (translation, note) in translations.items():
                locale = Locale.objects.filter(language_code=code).first()
                if locale is None or code not in self.locale_codes:
                    continue
                _term, created = GlossaryTerm.objects.get_or_create(
                    locale=locale,
                    term=term,
                    defaults={"translation": translation, "note": note},
                )
                added += created
        self.step(f"Glossary ({added} terms added)")

    def index_references(self):
        self.step("Reference index")
        for model in (Topic, Person, FooterText):
            for obj in model.objects.all():
                ReferenceIndex.create_or_update_for_object(obj)
        for page in Page.objects.filter(depth__gt=1).specific().iterator():
            ReferenceIndex.create_or_update_for_object(page)

    def setup(self):
        self.step("Locales and collection")
        for code in self.locale_codes:
            Locale.objects.get_or_create(language_code=code)
        self.default_locale = Locale.objects.get(language_code=self.locale_codes[0])
        root_collection = Collection.get_first_root_node()
        self.collection = Collection.objects.filter(name=COLLECTION_NAME).first()
        if self.collection is None:
            self.collection = root_collection.add_child(name=COLLECTION_NAME)

    def snippets(self):
        self.step("Topics, people and footer")
        self.topics = {}
        for item in content.TOPICS:
            topic, created = Topic.objects.get_or_create(
                slug=item["slug"],
                locale=self.default_locale,
                defaults={"name": item["name"], "description": item.get("description", "")},
            )
            self.created += created
            self.topics[item["slug"]] = topic
        self.people = {}
        for item in content.PEOPLE:
            person = Person.objects.filter(name=item["name"], locale=self.default_locale).first()
            if person is None:
                person = Person.objects.create(
                    locale=self.default_locale,
                    **{
                        k: item.get(k, "")
                        for k in ("name", "role", "institution", "bio", "website")
                    },
                )
                self.created += 1
            self.people[item["key"]] = person
        if not FooterText.objects.filter(locale=self.default_locale).exists():
            FooterText.objects.create(locale=self.default_locale, body=f"<p>{content.FOOTER}</p>")
            self.created += 1

    def pages(self):
        self.step("Home page and sections")
        self.home = self.home_page()
        self.site_settings()
        self.news_index, _ = self.child(
            self.home, NewsIndexPage, show_in_menus=True, **content.NEWS_INDEX
        )
        self.event_index, _ = self.child(
            self.home, EventIndexPage, show_in_menus=True, **content.EVENT_INDEX
        )
        self.partner_index, _ = self.child(
            self.home, PartnerIndexPage, show_in_menus=True, **content.PARTNER_INDEX
        )
        self.content_pages = []
        for item in content.CONTENT_PAGES:
            page, _ = self.child(
                self.home,
                ContentPage,
                item["slug"],
                title=item["title"],
                summary=item["summary"],
                body=body_value(item["body"]),
                hero_image=self.image(f"page/{item['slug']}", item.get("image")),
                show_in_menus=item["slug"] in ("about", "fellowships", "innocore"),
            )
            self.content_pages.append((page, item))
        self.step(f"Partners ({len(content.PARTNERS)})")
        self.partners = {}
        for item in content.PARTNERS:
            self.partners[item["slug"]] = self.partner(item)
        self.step(f"Lecture series ({len(content.SERIES)}) and events ({len(content.EVENTS)})")
        self.events = {}
        self.series = []
        for item in content.SERIES:
            series = self.lecture_series(item)
            self.series.append((series, item))
            for session in item["sessions"]:
                self.events[session["slug"]] = (self.event(series, session), session)
        for item in content.EVENTS:
            self.events[item["slug"]] = (self.event(self.event_index, item), item)
        self.step(f"News ({len(content.NEWS)})")
        self.news = [(self.article(item), item) for item in content.NEWS]

    def home_page(self):
        home = HomePage.objects.filter(locale=self.default_locale, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            for page in root.get_children().exact_type(Page):
                page.delete()  # Wagtail's "Welcome" placeholder
            data = content.HOME
            home = HomePage(
                title=data["title"],
                slug="home",
                locale=self.default_locale,
                hero_heading=data["hero_heading"],
                hero_intro=data["hero_intro"],
                summary=data["summary"],
                key_figures=[
                    {"type": "figure", "value": {"value": value, "label": label}}
                    for value, label in data["key_figures"]
                ],
                hero_image=self.image("home", data.get("image"), motif="home"),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            port = base.port or (443 if base.scheme == "https" else 80)
            site = Site(hostname=base.hostname or "localhost", port=port, is_default_site=True)
        site.root_page = home
        site.site_name = content.SITE["organisation_name"]
        site.save()
        self.site = site
        return home

    def site_settings(self):
        data = content.SITE
        site_settings = SiteSettings.for_site(self.site)
        if not site_settings.organisation_name:
            site_settings.organisation_name = data["organisation_name"]
            site_settings.contact_email = data["contact_email"]
            site_settings.contact_phone = data["contact_phone"]
            site_settings.postal_address = data["postal_address"]
            site_settings.social_links = [
                {"type": "link", "value": {"platform": platform, "url": url}}
                for platform, url in data["social_links"]
            ]
            site_settings.save()

    def partner(self, item):
        page, created = self.child(
            self.partner_index,
            PartnerPage,
            item["slug"],
            title=item["title"],
            short_name=item.get("short_name", ""),
            kind=item["kind"],
            country=item["country"],
            city=item.get("city", ""),
            website=item.get("website", ""),
            partner_since=item.get("partner_since"),
            featured=item.get("featured", False),
            summary=item["summary"],
            body=body_value(item.get("body", [])),
            logo=self.image(
                f"logo/{item['slug']}",
                {"text": logo_name(item), "description": ""},
                kind="logo",
            ),
        )
        if created:
            page.topics.set([self.topics[slug] for slug in item.get("topics", [])])
            page.save_revision().publish()
        return page

    def lecture_series(self, item):
        page, created = self.child(
            self.event_index,
            LectureSeriesPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            format=item["format"],
            audience=item.get("audience", []),
            body=body_value(item.get("body", [])),
            hero_image=self.image(f"series/{item['slug']}", item.get("image"), motif="series"),
        )
        if created:
            page.topics.set([self.topics[slug] for slug in item.get("topics", [])])
            page.organisers = [
                SeriesOrganiser(person=self.people[k]) for k in item.get("organisers", [])
            ]
            page.partners = [
                SeriesPartner(partner=self.partners[s]) for s in item.get("partners", [])
            ]
            page.save_revision().publish()
        return page

    def when(self, item):
        zone = ZoneInfo(item["time_zone"])
        day = self.today + timedelta(days=item["day"])
        if item.get("all_day"):
            start = datetime.combine(day, time.min, tzinfo=zone)
            last = day + timedelta(days=item.get("days", 1) - 1)
            return start, datetime.combine(last, time(23, 59, 59), tzinfo=zone)
        hours, minutes = (int(part) for part in item["time"].split(":"))
        start = datetime.combine(day, time(hours, minutes), tzinfo=zone)
        return start, start + timedelta(minutes=item.get("minutes", 90))

    def event(self, parent, item):
        start, end = self.when(item)
        deadline = None
        if item.get("registration_days_before") is not None:
            deadline = start - timedelta(days=item["registration_days_before"])
        page, created = self.child(
            parent,
            EventPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            start=start,
            end=end,
            time_zone=item["time_zone"],
            all_day=item.get("all_day", False),
            format=item["format"],
            status=item.get("status", "scheduled"),
            venue_name=item.get("venue_name", ""),
            venue_address=item.get("venue_address", ""),
            city=item.get("city", ""),
            country=item.get("country", ""),
            online_url=item.get("online_url", ""),
            join_link_visibility=item.get("join_link_visibility", "public"),
            registration_mode=item.get("registration_mode", "external"),
            capacity=item.get("capacity"),
            registration_url=item.get("registration_url", ""),
            registration_deadline=deadline,
            languages=item.get("languages", ["en"]),
            audience=item.get("audience", []),
            body=body_value(item.get("body", [])),
            hero_image=self.image(f"event/{item['slug']}", item.get("image"), motif="events"),
        )
        if created:
            page.topics.set([self.topics[slug] for slug in item.get("topics", [])])
            page.speakers = [EventSpeaker(person=self.people[k]) for k in item.get("speakers", [])]
            page.host_partners = [
                EventHostPartner(partner=self.partners[s]) for s in item.get("partners", [])
            ]
            page.materials = [
                SessionMaterial(kind=m["kind"], title=m["title"], url=m["url"])
                for m in item.get("materials", [])
            ]
            page.save_revision().publish()
        return page

    def article(self, item):
        published = self.today + timedelta(days=item["day"])
        page, created = self.child(
            self.news_index,
            NewsPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            publication_date=published,
            body=body_value(item["body"]),
            hero_image=self.image(f"news/{item['slug']}", item.get("image"), motif="news"),
        )
        if created:
            page.topics.set([self.topics[slug] for slug in item.get("topics", [])])
            page.authors = [NewsAuthor(person=self.people[k]) for k in item.get("authors", [])]
            page.related_partners = [
                NewsPartner(partner=self.partners[s]) for s in item.get("partners", [])
            ]
            page.related_events = [
                NewsEvent(event=self.events[s][0]) for s in item.get("events", [])
            ]
            page.save_revision().publish()
            moment = datetime.combine(published, time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
            NewsPage.objects.filter(pk=page.pk).update(first_published_at=moment)
        return page
