"""An admin view of every page's translation state in every locale, to act on at once."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.querysets import translation_locales
from media.models import DocumentVariant, ImageText
from translations.cells import (
    CHANGED,
    CURRENT,
    DRAFT,
    IN_PROGRESS,
    LIVE,
    MACHINE,
    MISSING,
    PUBLICATION_LABELS,
    STATE_LABELS,
    UNPUBLISHED,
    Cell,
)
from translations.models import Job, TranslatorGroup


class OverviewFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    locale = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any")), *STATE_LABELS.items()]
    )
    publication = forms.ChoiceField(
        label=_("Published"), required=False, choices=[("", _("Any")), *PUBLICATION_LABELS.items()]
    )

    def __init__(self, data, *, sections, locales):
        super().__init__(data)
        self.fields["section"].choices = [("", _("Whole site"))] + [
            (str(page.pk), page.title) for page in sections
        ]
        self.fields["locale"].choices = [("", _("All languages"))] + [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]


def source_pages(default_locale):
    """The default language's pages under the sites' home pages, in tree order."""
    roots = [site.root_page for site in Site.objects.select_related("root_page")]
    pages = Page.objects.none()
    for root in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages.filter(locale=default_locale).order_by("path")


def segment_progress(sources, locales):
    """{source id: number of text segments} and {(source id, locale id): (translated,
    machine-translated, machine-translated and approved, when a text was last translated)},
    counted from the segments in two queries."""
    segments = StringSegment.objects.filter(source__in=sources)
    machine = Q(string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
    totals = dict(
        segments.values("source_id").annotate(n=Count("id")).values_list("source_id", "n")
    )
    done = (
        segments.filter(
            string__translations__locale__in=locales,
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", "string__translations__locale_id")
        .annotate(
            n=Count("id"),
            latest=Max("string__translations__updated_at"),
            machine=Count("id", filter=machine),
            reviewed=Count(
                "id",
                filter=machine
                & Q(string__translations__review__data=F("string__translations__data")),
            ),
        )
    )
    counts = {
        (row["source_id"], row["string__translations__locale_id"]): (
            row["n"],
            row["machine"],
            row["reviewed"],
            row["latest"],
        )
        for row in done
    }
    return totals, counts


def cells_for(pages, locales):
    """The state of each page in each locale, in five queries whatever the number of pages."""
    keys = [page.translation_key for page in pages]
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "id",
            "translation_key",
            "locale_id",
            "live",
            "alias_of_id",
            "latest_revision_created_at",
            "last_published_at",
        )
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=pages[0].locale_id if pages else None
        )
    }
    totals, counts = segment_progress(list(sources.values()), locales)
    translation_ids = {
        (source_id, locale_id): pk
        for pk, source_id, locale_id in Translation.objects.filter(
            source__in=list(sources.values()), target_locale__in=locales, enabled=True
        ).values_list("pk", "source_id", "target_locale_id")
    }
    rows = []
    for page in pages:
        source = sources.get(page.translation_key)
        changed = text_changed_since(page, source)
        cells = []
        for locale in locales:
            translated = translations.get((page.translation_key, locale.pk))
            progress = None
            if source is not None:
                progress = (
                    totals.get(source.pk, 0),
                    *counts.get((source.pk, locale.pk), (0, 0, 0, None)),
                    translation_ids.get((source.pk, locale.pk)),
                )
            cells.append(cell(page, locale, translated, source, progress, changed))
        rows.append((page, cells))
    return rows


def text_changed_since(page, source):
    """Whether the page's latest revision has texts its translation source has not: a
    revision that changes no text (scheduling it, say) leaves its translations current.
    Costs queries only for pages revised since their source was taken."""
    if not page.latest_revision_created_at:
        return False
    if source is None:
        return True  # compared by revision dates in `cell`
    if page.latest_revision_created_at <= source.last_updated_at:
        return False
    draft = page.specific.get_latest_revision_as_object()
    now = {
        (segment.path, segment.string.data)
        for segment in extract_segments(draft)
        if isinstance(segment, StringSegmentValue)
    }
    taken = set(
        StringSegment.objects.filter(source=source).values_list("context__path", "string__data")
    )
    return now != taken


def cell(page, locale, translated, source, progress, text_changed):
    """One page in one locale. `progress` is (segments, translated, machine-translated,
    machine-translated and approved, last translated at, translation id), or None for a
    page whose translation wagtail-localize does not manage."""
    if translated is None or translated.alias_of_id:
        url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
        return Cell(locale, MISSING, f"{url}?select_locale={locale.language_code}", _("Translate"))
    edit = reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    total, done, machine, reviewed, latest, translation_id = progress or (0, 0, 0, 0, None, None)
    found = Cell(
        locale,
        CURRENT,
        edit,
        _("Edit"),
        LIVE if translated.live else DRAFT,
        done,
        total,
        machine,
        reviewed,
        edit_url=edit,
    )
    if translation_id and machine:
        found.review_url = reverse("translation_review", args=(translation_id,))
    if source is not None:
        changed = text_changed
    else:
        changed = (
            page.latest_revision_created_at
            and translated.latest_revision_created_at
            and (page.latest_revision_created_at > translated.latest_revision_created_at)
        )
    # Updated from its original already (as publishing the original does), a live
    # translation that has new text to translate since it was last published.
    stale = (
        translated.live
        and done < total
        and page.last_published_at
        and translated.last_published_at
        and page.last_published_at > translated.last_published_at
    )
    if changed:
        found.state = CHANGED
        if source is not None:
            found.url = reverse("wagtail_localize:update_translations", args=(source.pk,))
        found.action = _("Update")
    elif stale:
        found.state, found.action = CHANGED, _("Continue")
    elif total and done == 0:
        found.state, found.action = MISSING, _("Translate")
    elif done < total:
        found.state, found.action = IN_PROGRESS, _("Continue")
    elif machine > reviewed:
        found.state, found.action = MACHINE, _("Review")
        found.url = found.review_url or edit
    elif not translated.live:
        found.action = _("Publish")
    elif latest and translated.last_published_at and latest > translated.last_published_at:
        # Texts translated since it was published: readers still get the earlier ones.
        found.state, found.action = UNPUBLISHED, _("Publish")
    return found


def bulk_locales(user, shown):
    """The languages ticked in the bulk form: those shown, narrowed for a translator to
    the languages they translate into (the others would only be skipped)."""
    codes = {locale.language_code for locale in shown}
    if user.is_superuser:
        return codes
    own = set(
        TranslatorGroup.objects.filter(group__user=user).values_list(
            "locale__language_code", flat=True
        )
    )
    return (codes & own) or codes


def media_cells(locales):
    """Per language: how many images have a text of their own in it and how many
    documents a version in it, of all, with the link to the missing ones."""
    images = get_image_model().objects.count()
    documents = get_document_model().objects.count()
    texts = dict(
        ImageText.objects.values_list("locale_id").annotate(n=Count("image_id", distinct=True))
    )
    variants = dict(
        DocumentVariant.objects.values_list("locale_id").annotate(
            n=Count("document_id", distinct=True)
        )
    )
    screen = reverse("media_translations")
    return [
        {
            "locale": locale,
            "images": texts.get(locale.pk, 0),
            "documents": variants.get(locale.pk, 0),
            "url": f"{screen}?locale={locale.language_code}&missing=on",
        }
        for locale in locales
    ], {"images": images, "documents": documents}


def editable_locale_ids(user):
    """The languages whose pages the user may edit (a translator: their own)."""
    if user.is_superuser:
        return None  # every one
    granted = GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=["change_page", "add_page"]
    ).values_list("page__depth", "page__locale_id")
    if any(depth == 1 for depth, _locale in granted):
        return None  # the whole tree
    return {locale_id for _depth, locale_id in granted}


def offer_only_what_the_user_may_do(user, rows):
    """No link in a language the user may not edit (it would only refuse them), and the
    update from the original, which needs the right to create translations, becomes the
    translation's editor for those without it."""
    editable = editable_locale_ids(user)
    may_update = user.has_perm("wagtail_localize.submit_translation")
    for _page, cells in rows:
        for found in cells:
            if editable is not None and found.locale.pk not in editable:
                found.url = ""
            elif found.state == CHANGED and not may_update and found.edit_url:
                found.url, found.action = found.edit_url, _("Edit")
    return rows


def overview(request):
    default = Locale.get_default()
    locales = translation_locales()
    pages = source_pages(default).only(
        "id",
        "title",
        "path",
        "depth",
        "url_path",
        "translation_key",
        "locale_id",
        "latest_revision_created_at",
    )
    sections = list(pages.filter(depth=3))
    form = OverviewFilterForm(request.GET or None, sections=sections, locales=locales)
    state = publication = section = None
    all_locales = locales
    if form.is_valid():
        if section := form.cleaned_data["section"]:
            pages = pages.filter(path__startswith=Page.objects.get(pk=section).path)
        if code := form.cleaned_data["locale"]:
            locales = [loc for loc in locales if loc.language_code == code]
        state = form.cleaned_data["state"] or None
        publication = form.cleaned_data["publication"] or None
    if state or publication:
        # The states come from the texts: every page's are counted to filter on them.
        rows = [
            (page, cells)
            for page, cells in cells_for(list(pages), locales)
            if any(
                (not state or c.state == state)
                and (not publication or c.publication == publication)
                for c in cells
            )
        ]
        page_of_rows = Paginator(rows, 50).get_page(request.GET.get("p"))
    else:
        # Only the rows shown are counted.
        page_of_rows = Paginator(pages, 50).get_page(request.GET.get("p"))
        page_of_rows.object_list = cells_for(list(page_of_rows.object_list), locales)
    offer_only_what_the_user_may_do(request.user, page_of_rows.object_list)
    params = request.GET.copy()
    for name in ("p", "chosen", "chosen_locale", "chosen_action"):
        params.pop(name, None)
    return TemplateResponse(
        request,
        "wagtailadmin/translation_overview.html",
        {
            "page_title": _("Translation overview"),
            "header_icon": "site",
            "form": form,
            "locales": locales,
            "rows": page_of_rows,
            "querystring": params.urlencode(),
            "filters": params.urlencode(),
            "states": STATE_LABELS,
            "actions": Job.ACTIONS,
            "all_locales": all_locales,
            # A refused form comes back as it was filled in (job_views.start_job).
            "chosen_locales": set(request.GET.getlist("chosen_locale"))
            if "chosen_action" in request.GET
            else bulk_locales(request.user, locales),
            "chosen_pages": set(request.GET.getlist("chosen")),
            "chosen_action": request.GET.get("chosen_action", ""),
            "may_create": request.user.has_perm("wagtail_localize.submit_translation"),
            "section": section,
            "page_count": page_of_rows.paginator.count,
            "recent_jobs": Job.objects.filter(created_by=request.user)[:5],
            "media": media_cells(locales),
        },
    )
