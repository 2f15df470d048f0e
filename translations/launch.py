"""All languages go live together: a default-language page scheduled through Wagtail and the
translations chosen in its launch plan, held back until its moment.

While a plan is open none of its translations is published (translations.policy and
translations.publish_checks ask `held_until`). Once the page's moment has come and the
page is live, the worker (`launch_due`, after Wagtail's `publish_scheduled`) publishes
every chosen translation that is ready in one run, logs `translations.launch` on each,
records why the others stay unpublished and e-mails the report to the plan's editor, who
was also warned LAUNCH_WARNING_HOURS before the moment about languages not ready.
"""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from core.querysets import in_language_order
from mail.outbox import queue_email
from translations.models import LaunchPlan
from translations.review import unreviewed_segments

logger = logging.getLogger(__name__)

PUBLISHED = "published"


@dataclass
class Readiness:
    """One language's state for going live: `ready`, else `label` says why not."""

    locale: Locale
    translation: Translation | None
    page: Page | None
    ready: bool
    label: str

    @property
    def live(self):
        return self.page is not None and self.page.live


def readiness_of(translation):
    """(ready, label) for a translation: complete and no unreviewed machine text."""
    if translation is None:
        return False, _("no translation yet")
    total, translated = translation.get_progress()
    if translated < total:
        return False, _("%(count)s of %(total)s texts untranslated") % {
            "count": total - translated,
            "total": total,
        }
    unreviewed = unreviewed_segments(translation).count()
    if unreviewed:
        return False, _("%(count)s machine-translated texts not reviewed") % {"count": unreviewed}
    return True, _("ready")


def translations_of(page):
    """The page's enabled translations, by target locale id."""
    return {
        t.target_locale_id: t
        for t in Translation.objects.filter(
            source__object_id=page.translation_key, source__locale_id=page.locale_id, enabled=True
        ).select_related("source", "target_locale")
    }


def readiness(page, locales):
    """A `Readiness` per locale, in the order given."""
    found = translations_of(page)
    pages = {
        p.locale_id: p
        for p in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    }
    lines = []
    for locale in locales:
        translation_ = found.get(locale.pk)
        ready, label = readiness_of(translation_)
        lines.append(Readiness(locale, translation_, pages.get(locale.pk), ready, label))
    return lines


def open_plan(page):
    return LaunchPlan.objects.filter(page=page, launched_at__isnull=True).first()


def held_until(translation):
    """The moment a translation waits for, while an open plan holds it; else None."""
    return (
        LaunchPlan.objects.filter(
            launched_at__isnull=True,
            page__translation_key=translation.source.object_id,
            page__locale_id=translation.source.locale_id,
            locales=translation.target_locale_id,
        )
        .values_list("go_live_at", flat=True)
        .first()
    )


def scheduled_moment(page):
    """When Wagtail will publish the page's scheduled revision, or None."""
    revision = page.scheduled_revision
    return revision.approved_go_live_at if revision else None


def schedule(page, moment, user):
    """Schedule the page's latest revision for `moment`, through Wagtail's own scheduling:
    a revision with `go_live_at`, published, which Wagtail keeps as the scheduled one."""
    draft = page.get_latest_revision_as_object()
    draft.go_live_at = moment
    revision = draft.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return revision


@transaction.atomic
def save_plan(page, user, moment, locales):
    """Open (or change) the page's plan; schedule the page anew when `moment` differs
    from its schedule. Returns the plan."""
    if moment != scheduled_moment(page):
        schedule(page, moment, user)
    plan = LaunchPlan.objects.select_for_update().filter(page=page, launched_at__isnull=True)
    plan = plan.first() or LaunchPlan(page=page, created_by=user)
    if plan.go_live_at != moment:
        plan.warned_at = None  # a new moment, a new warning
    plan.go_live_at = moment
    plan.created_by = user
    plan.save()
    plan.locales.set(locales)
    return plan


def cancel_plan(page):
    """Forget the open plan: its translations are published by their translators again."""
    return LaunchPlan.objects.filter(page=page, launched_at__isnull=True).delete()[0] > 0


# The worker ----------------------------------------------------------------------------


def launch_due(now=None):
    """Warn the editors of plans near their moment, then launch the plans whose moment has
    come and whose page is live. Returns the number of plans launched."""
    now = now or timezone.now()
    warn_due(now)
    due = LaunchPlan.objects.filter(
        launched_at__isnull=True, go_live_at__lte=now, page__live=True
    ).order_by("go_live_at")
    launched = 0
    for pk in due.values_list("pk", flat=True):
        if launch(pk, now):
            launched += 1
    return launched


def launch(pk, now=None):
    """Publish the plan's ready translations and close it; False when another worker has
    it or has launched it already (the row is locked for the whole run)."""
    now = now or timezone.now()
    with transaction.atomic():
        plan = (
            LaunchPlan.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, launched_at__isnull=True)
            .select_related("page", "created_by")
            .first()
        )
        if plan is None:
            return False
        plan.launched_at = now  # closed first: the hold no longer applies
        plan.save(update_fields=["launched_at"])
        with translation.override(editor_language(plan.created_by)):
            plan.report = {
                line.locale.language_code: go_live(plan, line)
                for line in readiness(plan.page, in_language_order(plan.locales.all()))
            }
        plan.save(update_fields=["report"])
        send_report(plan)
    logger.info("launched plan %d of page %d: %s", plan.pk, plan.page_id, plan.report)
    return True


def go_live(plan, line):
    """Publish one chosen translation if it is ready; returns PUBLISHED or the reason."""
    if not line.ready:
        return line.label
    try:
        with transaction.atomic():
            # The translated texts into a revision, published now rather than at the
            # commit (where wagtail-localize publishes), so that the run knows and logs it.
            line.translation.save_target(user=plan.created_by, publish=False)
            target = plan.page.get_translation(line.locale)
            target.get_latest_revision().publish(user=plan.created_by)
    except ValidationError as error:
        return _("not valid: %(errors)s") % {"errors": "; ".join(error.messages)}
    target.refresh_from_db()
    if not target.live:  # its own go-live date, later than the original's
        return _("scheduled for its own later date")
    log(
        instance=target,
        action="translations.launch",
        user=plan.created_by,
        data={"locale": line.locale.language_code, "plan": plan.pk},
    )
    return PUBLISHED


def warn_due(now):
    """E-mail each editor once, LAUNCH_WARNING_HOURS before the moment, the chosen
    languages not ready yet."""
    soon = now + datetime.timedelta(hours=settings.LAUNCH_WARNING_HOURS)
    plans = LaunchPlan.objects.filter(
        launched_at__isnull=True, warned_at__isnull=True, go_live_at__gt=now, go_live_at__lte=soon
    )
    for pk in plans.values_list("pk", flat=True):
        with transaction.atomic():
            plan = (
                LaunchPlan.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, warned_at__isnull=True)
                .select_related("page", "created_by")
                .first()
            )
            if plan is None:
                continue
            plan.warned_at = now
            plan.save(update_fields=["warned_at"])
            with translation.override(editor_language(plan.created_by)):
                lines = readiness(plan.page, in_language_order(plan.locales.all()))
                not_ready = [line for line in lines if not line.ready]
                if not_ready:
                    send_warning(plan, not_ready)


# E-mails -------------------------------------------------------------------------------


def profile_of(user):
    return UserProfile.objects.filter(user=user).first() if user else None


def editor_language(user):
    """The editor's admin language if they chose one, else the site's default."""
    profile = profile_of(user)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def editor_moment(user, moment):
    """The moment in the editor's time zone, in the active language."""
    profile = profile_of(user)
    zone_name = (profile and profile.current_time_zone) or settings.TIME_ZONE
    local = moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    return f"{date_format(local, 'DATE_FORMAT')} {local:%H:%M} ({zone_name.replace('_', ' ')})"


def plan_url(plan):
    return settings.WAGTAILADMIN_BASE_URL + reverse("translation_go_live", args=(plan.page_id,))


def send_to_editor(plan, subject, template, **context):
    user = plan.created_by
    if user is None or not user.email:
        logger.warning("launch plan %d has no editor to e-mail", plan.pk)
        return
    context = {
        "plan": plan,
        "page": plan.page,
        "name": user.get_full_name() or user.get_username(),
        "moment": editor_moment(user, plan.go_live_at),
        "url": plan_url(plan),
        **context,
    }
    text = render_to_string(f"translations/launch/{template}.txt", context)
    queue_email(
        user.email,
        subject % {"title": plan.page.title},
        text,
        language=translation.get_language(),
    )


def send_warning(plan, not_ready):
    send_to_editor(plan, _("Not ready to go live: %(title)s"), "warning_email", not_ready=not_ready)


def send_report(plan):
    locales = {locale.language_code: locale for locale in plan.locales.all()}
    with translation.override(editor_language(plan.created_by)):
        lines = [
            (locales[code].get_display_name(), outcome == PUBLISHED, outcome)
            for code, outcome in plan.report.items()
        ]
        send_to_editor(plan, _("Gone live together: %(title)s"), "report_email", lines=lines)
