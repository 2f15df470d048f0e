"""All languages going live together, at scale: PAGES English articles, each translated
completely into every other language and planned to go live with them a few seconds
ahead; at the moment, the worker's `publish_scheduled_pages` runs once, and we time how
long after the moment every page and translation is live (translations.launch).

Everything is made in a section of its own under the home page of each language, removed
afterwards unless asked to keep it.
"""

import datetime
import time
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.querysets import translation_locales
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from operations.tasks import publish_scheduled_pages
from translations import launch
from translations.models import LaunchPlan


def home_pages(locales, say):
    """The default site's home page in every locale, made if missing."""
    default = Locale.get_default()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        say("  no home page: making one in every language")
        root = Page.get_first_root_node()
        for welcome in root.get_children().exact_type(Page):  # Wagtail's, and its site
            welcome.delete()
        home = publish(
            root.add_child(
                instance=HomePage(title="Home", slug="home", hero_heading="Home", locale=default)
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "port": 80},
        )
    homes = {default.pk: home}
    for locale in locales:
        homes[locale.pk] = home.get_translation_or_none(locale) or publish(
            home.copy_for_translation(locale)
        )
    return homes


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_section(homes, run, say):
    """A news index of its own for this run, in every language."""
    default = Locale.get_default()
    english = publish(
        homes[default.pk].add_child(
            instance=NewsIndexPage(title=f"Go-live bench {run}", slug=f"golive-bench-{run}")
        )
    )
    sections = {default.pk: english}
    for locale_pk in homes:
        if locale_pk != default.pk:
            sections[locale_pk] = publish(
                english.copy_for_translation(Locale.objects.get(pk=locale_pk))
            )
    say(f"  section /golive-bench-{run}/ in {len(sections)} languages")
    return sections


def translate_completely(page, locales):
    """Every text of `page` translated into each locale (the slug kept a slug), saved as a
    draft translation as a translator leaves it before publishing."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    translations = []
    for locale in locales:
        code = locale.language_code
        StringTranslation.objects.bulk_create(
            [
                StringTranslation(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=(
                        f"{code}-{segment.string.data}"
                        if segment.context.path == "slug"
                        else f"[{code}] {segment.string.data}"
                    ),
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                for segment in segments
            ]
        )
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        translation.save_target(publish=False)
        translations.append(translation)
    return translations


def build(pages, user, say):
    """`pages` English drafts, each with a complete draft translation in every language."""
    run = uuid.uuid4().hex[:8]
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    locales = translation_locales()
    homes = home_pages(locales, say)
    sections = make_section(homes, run, say)
    english = sections[Locale.get_default().pk]
    articles = []
    started = time.perf_counter()
    for number in range(1, pages + 1):
        article = english.add_child(
            instance=NewsPage(
                title=f"Go-live bench article {number}",
                slug=f"article-{number}",
                summary=f"The summary of article {number}, translated into every language.",
                publication_date=timezone.localdate(),
                live=False,
                owner=user,
            )
        )
        article.save_revision(user=user)
        translate_completely(article, locales)
        articles.append(article)
        say(f"  article {number}/{pages} with {len(locales)} translations")
    say(f"  built in {time.perf_counter() - started:.1f} s")
    return sections, articles, locales


def plan_all(articles, locales, user, lead_seconds, say):
    """One plan per article, all for the same moment `lead_seconds` after the last."""
    started = time.perf_counter()
    moment = timezone.now() + datetime.timedelta(seconds=lead_seconds)
    moment = moment.replace(microsecond=0)
    for article in articles:
        launch.save_plan(article, user, moment, locales)
    left = (moment - timezone.now()).total_seconds()
    say(
        f"  {len(articles)} plans saved in {time.perf_counter() - started:.1f} s; {left:.1f} s left"
    )
    if left <= 0:
        raise RuntimeError("the plans took longer than the lead time: raise --lead")
    return moment


def live_count(articles):
    keys = [article.translation_key for article in articles]
    return Page.objects.filter(translation_key__in=keys, live=True).count()


def measure(pages=20, lead_seconds=60, say=print, keep=False):
    """Build, plan, wait for the moment, run the worker's task once; the figures."""
    user, _created = get_user_model().objects.get_or_create(
        username="bench-golive",
        defaults={"is_superuser": True, "is_staff": True, "email": "bench-golive@example.org"},
    )
    say("Building the pages")
    sections, articles, locales = build(pages, user, say)
    try:
        say("Planning")
        moment = plan_all(articles, locales, user, lead_seconds, say)
        held = live_count(articles)
        say(f"  live before the moment: {held} of {len(articles) * (len(locales) + 1)}")
        time.sleep(max(0.0, (moment - timezone.now()).total_seconds()))
        say("The worker's run at the moment")
        started, started_at = time.perf_counter(), timezone.now()
        publish_scheduled_pages.call()
        run_seconds = time.perf_counter() - started
        after_moment = (timezone.now() - moment).total_seconds()
        plans = LaunchPlan.objects.filter(page__in=articles)
        # launch_due stamps every plan with the time it began, after publish_scheduled.
        launch_began = min(plan.launched_at for plan in plans if plan.launched_at)
        return {
            "pages": len(articles),
            "languages": len(locales) + 1,
            "expected": len(articles) * (len(locales) + 1),
            "live_before": held,
            "live": live_count(articles),
            "from_moment": after_moment,
            "run": run_seconds,
            "sources": (launch_began - started_at).total_seconds(),
            "launched": sum(
                1
                for plan in plans
                if plan.launched_at
                and all(outcome == launch.PUBLISHED for outcome in plan.report.values())
            ),
        }
    finally:
        if not keep:
            say("Removing the bench pages")
            for section in sections.values():
                Page.objects.get(pk=section.pk).delete()
