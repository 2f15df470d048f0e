"""One page's translations on one admin screen: each language's state, who made its texts,
and who translated, reviewed and published it when (/admin/translations/page/<id>/)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Q, Value
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import StringTranslation, Translation

from core.querysets import translation_locales
from translations.cells import Cell
from translations.models import TranslatorGroup
from translations.overview import cells_for
from translations.review import MACHINE, approved, current_translations

MANUAL = StringTranslation.TRANSLATION_TYPE_MANUAL
REVIEW = "review"
CONTRIBUTION_LABELS = {
    MANUAL: _("Translated"),
    MACHINE: _("Machine-translated"),
    REVIEW: _("Approved machine translations"),
}
# What a translation's history is made of; locks, comments and moves are left to the
# page's own history in Wagtail.
HISTORY_ACTIONS = (
    Q(
        action__in=[
            "wagtail.create",
            "wagtail.copy_for_translation",
            "wagtail.create_alias",
            "wagtail.convert_alias",
            "wagtail.edit",
            "wagtail.rename",
            "wagtail.revert",
            "wagtail.publish",
            "wagtail.publish.schedule",
            "wagtail.publish.scheduled",
            "wagtail.schedule.cancel",
            "wagtail.unpublish",
            "wagtail.unpublish.scheduled",
            "wagtail.moderation.approve",
            "wagtail.moderation.reject",
        ]
    )
    | Q(action__startswith="wagtail.workflow.")
    | Q(action__startswith="translations.")
)
HISTORY_LENGTH = 50  # per language; the rest is in Wagtail's history of that page


@dataclass
class TextCounts:
    """A translation's texts by who made them."""

    human: int = 0
    machine: int = 0
    reviewed: int = 0
    total: int = 0

    @property
    def unreviewed(self):
        """As many as review.unreviewed_segments finds: machine translations not approved."""
        return self.machine - self.reviewed

    @property
    def untranslated(self):
        return max(self.total - self.human - self.machine, 0)


@dataclass
class Contribution:
    """Someone's share of a translation's current texts: made by hand, machine-translated
    or approved, how many and when last."""

    user_id: int | None
    kind: str
    texts: int
    last: object
    user: object = None

    @property
    def label(self):
        return CONTRIBUTION_LABELS[self.kind]


@dataclass
class LanguageSection:
    """What the view shows of one language: the overview's cell, and for a translation its
    page, texts, people and history."""

    locale: Locale
    cell: Cell
    page: Page | None = None
    texts: TextCounts | None = None
    contributions: list[Contribution] = field(default_factory=list)
    entries: list[PageLogEntry] = field(default_factory=list)
    history_truncated: bool = False

    @property
    def history_url(self):
        return reverse("wagtailadmin_pages:history", args=(self.page.pk,)) if self.page else ""


def original_of(page, default_locale_id):
    """The default-language page that `page` translates (`page` itself when it is one),
    or None."""
    if page.locale_id == default_locale_id:
        return page
    return Page.objects.filter(
        translation_key=page.translation_key, locale_id=default_locale_id
    ).first()


def may_view(user, page):
    """Editors of the page, and translators of any language, see its translations."""
    if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
        return False
    return user.is_superuser or page.permissions_for_user(user).can_edit() or translates(user)


def translates(user):
    """Whether `user` is in a translators' group; asked once per request (the answer is kept
    on the request's user, as Wagtail keeps page permissions), since page listings ask for
    every row."""
    if not hasattr(user, "_translates"):
        user._translates = TranslatorGroup.objects.filter(group__user=user).exists()
    return user._translates


def union_all(querysets):
    """One query for the rows of several querysets of the same columns."""
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first


def contributions(translations):
    """{locale id: [Contribution]} for the translations' current texts: who made them, by
    hand or by machine, and who approved the machine translations, in one query."""
    if not translations:
        return {}
    columns = ("locale_id", "kind", "person")
    made = [
        current_translations(translation)
        .annotate(kind=F("translation_type"), person=F("last_translated_by_id"))
        .values(*columns)
        .annotate(texts=Count("pk"), last=Max("updated_at"))
        .order_by()
        for translation in translations
    ]
    reviewed = [
        current_translations(translation)
        .filter(approved(), translation_type=MACHINE)
        .annotate(kind=Value(REVIEW), person=F("review__reviewed_by_id"))
        .values(*columns)
        .annotate(texts=Count("pk"), last=Max("review__reviewed_at"))
        .order_by()
        for translation in translations
    ]
    found = {}
    for row in union_all(made + reviewed):
        # A text saved without a type (by an import, or an older version of the demo)
        # was supplied by a person: counted as translated by hand.
        kind = row["kind"] if row["kind"] in CONTRIBUTION_LABELS else MANUAL
        rows = found.setdefault(row["locale_id"], [])
        same = next((c for c in rows if (c.kind, c.user_id) == (kind, row["person"])), None)
        if same is None:
            rows.append(Contribution(row["person"], kind, row["texts"], row["last"]))
        else:
            same.texts += row["texts"]
            same.last = max(filter(None, (same.last, row["last"])), default=None)
    users = get_user_model().objects.in_bulk(
        {c.user_id for rows in found.values() for c in rows if c.user_id}
    )
    order = list(CONTRIBUTION_LABELS)
    for rows in found.values():
        for contribution in rows:
            contribution.user = users.get(contribution.user_id)
        rows.sort(key=lambda c: (order.index(c.kind), -c.texts, c.user_id or 0))
    return found


def text_counts(rows, total):
    """A TextCounts from a translation's contributions and its source's number of texts."""
    counts = TextCounts(total=total)
    for contribution in rows:
        if contribution.kind == MANUAL:
            counts.human += contribution.texts
        elif contribution.kind == MACHINE:
            counts.machine += contribution.texts
        else:
            counts.reviewed += contribution.texts
    return counts


def histories(pages):
    """{page id: its newest log entries of HISTORY_ACTIONS, one more than shown}, in one
    query."""
    entries = (
        PageLogEntry.objects.filter(HISTORY_ACTIONS, page__in=pages)
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=F("page_id"),
                order_by=[F("timestamp").desc(), F("pk").desc()],
            )
        )
        .filter(newest__lte=HISTORY_LENGTH + 1)  # one more: whether there are older ones
        .select_related("user", "content_type")
        .order_by("-timestamp", "-pk")
    )
    found = {}
    for entry in entries:
        found.setdefault(entry.page_id, []).append(entry)
    return found


def language_sections(page, locales):
    """A LanguageSection for each locale, in a fixed number of queries."""
    ((_page, cells),) = cells_for([page], locales)
    translated = {
        p.locale_id: p
        for p in Page.objects.filter(translation_key=page.translation_key, locale__in=locales)
    }
    translations = list(
        Translation.objects.filter(
            source__object_id=page.translation_key,
            source__locale_id=page.locale_id,
            target_locale__in=locales,
        )
    )
    made = contributions(translations)
    logged = histories(list(translated.values()))
    with_translation = {translation.target_locale_id for translation in translations}
    sections = []
    for locale, cell in zip(locales, cells, strict=True):
        target = translated.get(locale.pk)
        section = LanguageSection(locale, cell, target)
        if target is not None:
            entries = logged.get(target.pk, [])
            section.entries = entries[:HISTORY_LENGTH]
            section.history_truncated = len(entries) > HISTORY_LENGTH
        if locale.pk in with_translation:
            section.contributions = made.get(locale.pk, [])
            section.texts = text_counts(section.contributions, cell.total)
        sections.append(section)
    return sections


class PageTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    """A default-language page's translations; any other language's page leads here."""

    template_name = "translations/page_translations.html"
    header_icon = "globe"
    page_title = _("Translations")

    def get(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id, depth__gt=1)
        default = Locale.get_default()
        original = original_of(page, default.pk)
        if original is None:
            raise Http404("This page has no original in the default language.")
        if original.pk != page.pk:
            return redirect("page_translations", original.pk)
        if not may_view(request.user, page):
            return permission_denied(request, exception=None)
        self.page = page
        self.default = default
        return super().get(request, page_id=page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_overview"), "label": _("Translation overview")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            original_locale=self.default,
            sections=language_sections(self.page, translation_locales()),
        )
        return context
