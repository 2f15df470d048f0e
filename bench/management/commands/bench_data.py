"""The benchmark data set: the demo content plus 1,000 news articles, 2,000 events and
100 partners, each in every locale.

Publishing 25,000 pages one by one through Wagtail would take more than an hour, so the
pages are inserted in bulk: tree paths, depth, url_path and the parents' numchild are
computed here, each page type's rows go in after their wagtailcore_page rows (bulk_create
does not do multi-table inheritance), and their search-index rows are written in plain
SQL. The pages have no revisions, translation records or reference-index rows: readers
never see those. Safe to run again: once the pages exist it does nothing.
"""

import logging
import time
import uuid
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from bench.bulk import (
    BATCH,
    insert_pages,
    insert_search_entries,
    last_child_number,
    search_entry,
    tree_problems,
    tree_step,
)
from bench.texts import AUDIENCE_SETS, PARTNER_PLACES, SLUG_PREFIX, TEXT, VENUES
from core.dependencies import purge_everything
from core.models import Person, Topic
from demo.blocks import body_value
from events.models import (
    EventFormat,
    EventHostPartner,
    EventIndexPage,
    EventPage,
    EventSpeaker,
    EventStatus,
)
from news.models import NewsAuthor, NewsEvent, NewsIndexPage, NewsPage, NewsPartner
from partners.models import PartnerIndexPage, PartnerKind, PartnerPage

NEWS_COUNT = 1000
EVENT_COUNT = 2000
PARTNER_COUNT = 100
BENCH_MODELS = (PartnerPage, EventPage, NewsPage)


class Command(BaseCommand):
    help = (
        "Build the benchmark data set: the demo content, then 1,000 news articles, 2,000 "
        "events and 100 partners in every locale, inserted in bulk. Does nothing once they "
        "exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check-tree",
            action="store_true",
            help="Also run treebeard's full tree check (Page.find_problems, about a minute).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the benchmark pages first (the demo content stays).",
        )

    def handle(self, *args, check_tree, reset, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        started = time.perf_counter()
        if reset:
            self.reset()
        codes = [code for code, _name in settings.LANGUAGES]
        if not self.demo_complete(codes):
            self.say("The demo content is missing: loading it first (about two minutes).")
            call_command("load_demo_content", stdout=self.stdout)
        existing = NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if existing:
            self.say(f"Benchmark pages already there ({existing} news articles): nothing to do.")
        else:
            with transaction.atomic():
                self.build(codes)
                self.say("Search index")
                self.index()
            self.analyze()
            purge_everything()
            self.say(f"Done in {time.perf_counter() - started:.0f} s.")
        self.check_tree(full=check_tree)

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    @staticmethod
    def demo_complete(codes):
        for model in (NewsIndexPage, EventIndexPage, PartnerIndexPage):
            found = set(model.objects.values_list("locale__language_code", flat=True))
            if not set(codes) <= found:
                return False
        return True

    # ------------------------------------------------------------------ building
    def build(self, codes):
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.codes = codes
        self.indexes = {
            model: {
                page.locale.language_code: page for page in model.objects.select_related("locale")
            }
            for model in (NewsIndexPage, EventIndexPage, PartnerIndexPage)
        }
        self.topics = self.translations_of(Topic)
        self.people = self.translations_of(Person)
        images = get_image_model().objects.filter(title__startswith="Demo: ")
        self.images = {
            kind: list(
                images.filter(title__startswith=f"Demo: {kind}/").values_list("pk", flat=True)
            )
            for kind in ("news", "event", "logo")
        }
        self.partners = self.create(PartnerIndexPage, PARTNER_COUNT, self.partner, "partner")
        self.events = self.create(EventIndexPage, EVENT_COUNT, self.event, "event")
        self.news = self.create(NewsIndexPage, NEWS_COUNT, self.article, "news")
        self.relations()

    @staticmethod
    def translations_of(model):
        """{locale code: [objects in the order of the default locale's]} for a snippet."""
        default = settings.LANGUAGE_CODE
        items = list(model.objects.select_related("locale").order_by("pk"))
        order = [item.translation_key for item in items if item.locale.language_code == default]
        found = {}
        for item in items:
            found.setdefault(item.locale.language_code, {})[item.translation_key] = item
        return {code: [by_key.get(key) for key in order] for code, by_key in found.items()}

    def create(self, index_model, count, make, kind):
        """`count` pages under the index of every locale, each English page and its
        translations sharing a translation key; slugs `bench-<kind>-0001`... Returns
        {code: [pages]}."""
        keys = [uuid.uuid4() for _n in range(count)]
        created = {}
        for code in self.codes:
            parent = self.indexes[index_model][code]
            first = last_child_number(parent) + 1
            pages = []
            for n in range(count):
                page = make(n, code)
                slug = f"{SLUG_PREFIX}{kind}-{n + 1:04d}"
                page.slug = slug
                page.path = parent.path + tree_step(first + n)
                page.depth = parent.depth + 1
                page.numchild = 0
                page.url_path = f"{parent.url_path}{slug}/"
                page.draft_title = page.title
                page.locale = self.locales[code]
                page.translation_key = keys[n]
                page.live = True
                page.has_unpublished_changes = False
                page.last_published_at = page.first_published_at
                pages.append(page)
            insert_pages(pages)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
            created[code] = pages
            self.say(f"{index_model._meta.verbose_name}, {code}: {count} pages")
        return created

    def text(self, code, n, kind):
        words = TEXT[code]
        subject = words["subjects"][n % len(words["subjects"])]
        title = words[kind].format(subject=subject, n=n + 1)
        summary = words["summary"].format(subject=subject)
        body = body_value(
            [("paragraph", words["body"]), ("heading", subject), ("paragraph", words["body"])]
        )
        return title, summary, body

    def image(self, kind, n, every):
        images = self.images[kind]
        return images[(n // every) % len(images)] if images and n % every == 0 else None

    def partner(self, n, code):
        title, summary, body = self.text(code, n, "partner")
        city, country = PARTNER_PLACES[n % len(PARTNER_PLACES)]
        kinds = list(PartnerKind)
        return PartnerPage(
            title=title,
            summary=summary,
            body=body,
            short_name=f"IGH{n + 1}",
            kind=kinds[n % len(kinds)],
            country=country,
            city=city,
            website=f"https://partner-{n + 1}.example.org/",
            partner_since=2000 + n % 25,
            logo_id=self.image("logo", n, 1),
            first_published_at=self.now - timedelta(days=400 + n),
        )

    def event(self, n, code):
        """Events every 13 hours or so, from two years ago to a year ahead, in the venues'
        own time zones; some online, some all-day over several days, a few cancelled or
        postponed."""
        title, summary, body = self.text(code, n, "event")
        venue, address, city, country, zone_name = VENUES[n % len(VENUES)]
        formats = [EventFormat.IN_PERSON, EventFormat.ONLINE, EventFormat.HYBRID]
        event_format = formats[n % 3]
        if event_format == EventFormat.ONLINE:
            zone_name = "Europe/Amsterdam"
        zone = ZoneInfo(zone_name)
        day = self.today + timedelta(days=-730 + (n * 1095) // EVENT_COUNT)
        all_day = n % 10 == 7
        if all_day:
            start = datetime.combine(day, clock.min, tzinfo=zone)
            end = datetime.combine(day + timedelta(days=n % 3), clock(23, 59, 59), tzinfo=zone)
        else:
            start = datetime.combine(day, clock(9 + n % 8, 30 * (n % 2)), tzinfo=zone)
            end = start + timedelta(minutes=60 + 30 * (n % 4))
        in_person = event_format != EventFormat.ONLINE
        status = EventStatus.SCHEDULED
        if n % 25 == 3:
            status = EventStatus.CANCELLED
        elif n % 40 == 5:
            status = EventStatus.POSTPONED
        return EventPage(
            title=title,
            summary=summary,
            body=body,
            start=start,
            end=end,
            time_zone=zone_name,
            all_day=all_day,
            format=event_format,
            status=status,
            venue_name=venue if in_person else "",
            venue_address=address if in_person else "",
            city=city if in_person else "",
            country=country if in_person else "",
            online_url=""
            if event_format == EventFormat.IN_PERSON
            else (f"https://meet.example.org/bench-{n + 1}"),
            registration_url=f"https://events.example.org/register/{n + 1}",
            registration_deadline=start - timedelta(days=2),
            languages=["en", code.split("-")[0]] if code != "en" else ["en"],
            audience=AUDIENCE_SETS[n % len(AUDIENCE_SETS)],
            hero_image_id=self.image("event", n, 3),
            first_published_at=min(start - timedelta(days=60), self.now),
        )

    def article(self, n, code):
        """One article a day, the newest today."""
        title, summary, body = self.text(code, n, "news")
        published = self.today - timedelta(days=n)
        return NewsPage(
            title=title,
            summary=summary,
            body=body,
            publication_date=published,
            hero_image_id=self.image("news", n, 2),
            first_published_at=datetime.combine(published, clock(9), tzinfo=ZoneInfo("UTC")),
        )

    def relations(self):
        """A hosting partner, a speaker and a topic per event; a partner, an author and a
        topic per article; all in the page's own locale."""
        self.say("Relations: partners, people and topics")
        hosts, speakers, authors, about, event_topics, news_topics = [], [], [], [], [], []
        event_topic_model = EventPage._meta.get_field("topics").remote_field.through
        news_topic_model = NewsPage._meta.get_field("topics").remote_field.through
        for code in self.codes:
            partners = self.partners[code]
            people = [p for p in self.people.get(code, []) if p] or [None]
            topics = [t for t in self.topics.get(code, []) if t] or [None]
            for n, event in enumerate(self.events[code]):
                hosts.append(EventHostPartner(page_id=event.pk, partner_id=partners[n % 100].pk))
                if person := people[n % len(people)]:
                    speakers.append(EventSpeaker(page_id=event.pk, person_id=person.pk))
                if topic := topics[n % len(topics)]:
                    event_topics.append(event_topic_model(eventpage_id=event.pk, topic_id=topic.pk))
            for n, article in enumerate(self.news[code]):
                about.append(NewsPartner(page_id=article.pk, partner_id=partners[n % 100].pk))
                if person := people[n % len(people)]:
                    authors.append(NewsAuthor(page_id=article.pk, person_id=person.pk))
                if topic := topics[n % len(topics)]:
                    news_topics.append(news_topic_model(newspage_id=article.pk, topic_id=topic.pk))
        for model, rows in (
            (EventHostPartner, hosts),
            (EventSpeaker, speakers),
            (event_topic_model, event_topics),
            (NewsPartner, about),
            (NewsAuthor, authors),
            (news_topic_model, news_topics),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH)

    def reset(self):
        """Delete the benchmark pages and what points at them, a statement per table:
        Django's cascading delete would load every row and run its signals."""
        pages = Page.objects.filter(slug__startswith=SLUG_PREFIX)
        count = pages.count()
        if not count:
            return
        self.say(f"Deleting {count} benchmark pages")
        ids = pages.values("pk")
        topics = [model._meta.get_field("topics").remote_field.through for model in BENCH_MODELS]
        with transaction.atomic():
            IndexEntry.objects.filter(
                content_type__in=ContentType.objects.get_for_models(*BENCH_MODELS).values(),
                object_id__in=pages.annotate(text_pk=Cast("pk", CharField())).values("text_pk"),
            )._raw_delete(connection.alias)
            related = [
                NewsEvent.objects.filter(event_id__in=ids),
                EventHostPartner.objects.filter(partner_id__in=ids),
                NewsPartner.objects.filter(partner_id__in=ids),
                *(
                    model.objects.filter(page_id__in=ids)
                    for model in (
                        EventHostPartner,
                        EventSpeaker,
                        NewsPartner,
                        NewsAuthor,
                        NewsEvent,
                    )
                ),
                *(
                    through.objects.filter(**{f"{model._meta.model_name}_id__in": ids})
                    for model, through in zip(BENCH_MODELS, topics, strict=True)
                ),
                *(model._base_manager.filter(page_ptr_id__in=ids) for model in BENCH_MODELS),
            ]
            for queryset in related:
                queryset._raw_delete(connection.alias)
            pages._raw_delete(connection.alias)
            for model in (NewsIndexPage, EventIndexPage, PartnerIndexPage):
                for parent in model.objects.all():
                    children = parent.get_children().count()
                    Page.objects.filter(pk=parent.pk).update(numchild=children)
        purge_everything()

    # --------------------------------------------------------------- search, checks
    def index(self):
        """Search entries for the new pages, with the texts, weights and text-search
        configuration of the project's backend (`search.backend`) but written in
        plain SQL: the backend's `add_items` spends 2 ms a page compiling expressions,
        a minute for the whole set."""
        backend = get_search_backend()
        for model in BENCH_MODELS:
            content_type = ContentType.objects.get_for_model(model).pk
            pages = model.objects.filter(slug__startswith=SLUG_PREFIX).select_related("locale")
            rows = []
            for page in pages.iterator(chunk_size=BATCH):
                rows.append(search_entry(backend, content_type, page))
                if len(rows) == BATCH:
                    insert_search_entries(rows)
                    rows = []
            if rows:
                insert_search_entries(rows)
        # The backend's own last step: rank titles against their average length.
        backend.get_index_for_model(NewsPage)._refresh_title_norms()

    @staticmethod
    def analyze():
        """Fresh planner statistics: autovacuum would take its time to notice the new rows,
        and the first measurements would run on plans made for a small site."""
        tables = [Page._meta.db_table, IndexEntry._meta.db_table]
        for model in (*BENCH_MODELS, EventHostPartner, EventSpeaker, NewsPartner, NewsAuthor):
            tables.append(model._meta.db_table)
        for model in BENCH_MODELS:
            tables.append(model._meta.get_field("topics").remote_field.through._meta.db_table)
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    def check_tree(self, full):
        """Bulk inserts could get the tree wrong: refuse to go on if they did."""
        if full:
            self.say("Full tree check (Page.find_problems)")
        problems = tree_problems(full)
        if any(problems.values()):
            found = ", ".join(f"{name}: {count}" for name, count in problems.items() if count)
            raise CommandError(f"The page tree is inconsistent ({found}); run manage.py fixtree.")
        self.say(f"Page tree consistent ({Page.objects.count()} pages).")
