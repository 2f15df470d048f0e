"""The editors' side of registrations, per event or lecture series (a series gathers its
sessions; both gather every translation): the listing with its filters and export,
attendance, a message to confirmed registrants and the report."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from events.models import EventPage, LectureSeriesPage
from mail.outbox import queue_email
from registrations import exports, reports
from registrations.access import (
    can_see_registrations,
    may_see_any_registrations,
    visible_pages,
)
from registrations.admin_forms import MessageForm, RegistrationFilterForm
from registrations.models import Registration

PER_PAGE = 50
STATUS = Registration.Status


class Scope:
    """The registrations one admin page is about: an event's, or a lecture series'."""

    def __init__(self, page):
        self.page = page
        self.is_series = isinstance(page, LectureSeriesPage)

    def registrations(self):
        if self.is_series:
            return Registration.objects.for_series(self.page)
        return Registration.objects.for_event(self.page)

    def url(self, name):
        return reverse(f"registrations_admin:{name}", args=(self.page.pk,))


def scope_for(request, pk):
    """The event or series page `pk`, if the user may see its registrants. Anything else is
    not found, as if there were no such page: whether an event has registrants is not for
    everyone to learn (and the admin would turn a refusal into a redirect)."""
    page = get_object_or_404(Page, pk=pk).specific
    if not isinstance(page, EventPage | LectureSeriesPage):
        raise Http404
    if not can_see_registrations(request.user, page):
        raise Http404
    return Scope(page)


def context_for(scope, current, title=None, **context):
    """The admin header ends with the event's or series' title (the tabs below name the
    view); the browser's title names both."""
    crumbs = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("registrations_admin:index"), "label": _("Registrations")},
        {"url": scope.url("listing"), "label": scope.page.title},
    ]
    return {
        "page_title": title or scope.page.title,
        "header_title": f"{title} – {scope.page.title}" if title else scope.page.title,
        "header_icon": "clipboard-list",
        "breadcrumbs_items": crumbs,
        "scope": scope,
        "page": scope.page,
        "current": f"registrations_admin:{current}",
        "nav": [
            ("registrations_admin:listing", _("Registrants")),
            ("registrations_admin:report", _("Report")),
            ("registrations_admin:message", _("Message to registrants")),
        ],
        **context,
    }


def status_counts(registrations):
    return registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=STATUS.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=STATUS.WAITING)),
        awaiting=Count("pk", filter=Q(status=STATUS.AWAITING_CONFIRMATION)),
        cancelled=Count("pk", filter=Q(status=STATUS.CANCELLED)),
        attended=Count("pk", filter=Q(attended=True)),
    )


def filtered(request, scope):
    registrations = scope.registrations()
    country_codes = registrations.order_by("country").values_list("country", flat=True).distinct()
    form = RegistrationFilterForm(request.GET or None, country_codes=list(country_codes))
    rows = form.filter(registrations).select_related("event", "partner").order_by("-created", "-pk")
    return form, rows


def index(request):
    """Events with registrations that the user may see, latest first."""
    if not may_see_any_registrations(request.user):
        raise Http404
    figures = {
        row["event__translation_key"]: row
        for row in Registration.objects.values("event__translation_key").annotate(
            confirmed=Count("pk", filter=Q(status=STATUS.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=STATUS.WAITING)),
            awaiting=Count("pk", filter=Q(status=STATUS.AWAITING_CONFIRMATION)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    }
    default = Locale.get_default()
    events = {}
    candidates = visible_pages(
        EventPage.objects.filter(translation_key__in=figures), request.user
    ).select_related("series")
    for event in candidates:
        # One row per event, under its title in the default language when it has one.
        held = events.get(event.translation_key)
        if held is None or (event.locale_id == default.pk and held.locale_id != default.pk):
            events[event.translation_key] = event
    series_ids = {event.series_id for event in events.values() if event.series_id}
    series_shown = set(
        visible_pages(Page.objects.filter(pk__in=series_ids), request.user).values_list(
            "pk", flat=True
        )
    )
    rows = [
        {
            "event": event,
            "figures": figures[event.translation_key],
            "series_url": (
                reverse("registrations_admin:listing", args=(event.series_id,))
                if event.series_id in series_shown
                else None
            ),
        }
        for event in events.values()
    ]
    rows.sort(key=lambda row: row["event"].start, reverse=True)
    page_of_rows = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "wagtailadmin/registrations/index.html",
        {
            "page_title": _("Registrations"),
            "header_icon": "clipboard-list",
            "rows": page_of_rows,
        },
    )


@never_cache
def listing(request, pk):
    scope = scope_for(request, pk)
    form, rows = filtered(request, scope)
    page_of_rows = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    if scope.is_series:
        names = exports.session_names(page_of_rows.object_list)
        for registration in page_of_rows.object_list:
            registration.session_name = names[registration.event_id]
    params = request.GET.copy()
    params.pop("p", None)
    return TemplateResponse(
        request,
        "wagtailadmin/registrations/listing.html",
        context_for(
            scope,
            "listing",
            form=form,
            rows=page_of_rows,
            counts=status_counts(scope.registrations()),
            querystring=params.urlencode(),
            here=request.get_full_path(),
        ),
    )


@never_cache
def export(request, pk, format):
    scope = scope_for(request, pk)
    _form, rows = filtered(request, scope)
    name = f"registrations-{slugify(scope.page.slug)}-{timezone.localdate():%Y-%m-%d}"
    if format == "xlsx":
        content = exports.as_xlsx(rows, with_event=scope.is_series, title=scope.page.title)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.as_csv(rows, with_event=scope.is_series)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    return response


@require_POST
def attendance(request, pk):
    """Marks the chosen registrations (one row's button, or the ticked rows) as attended or
    not; only registrations of this event or series are touched."""
    scope = scope_for(request, pk)
    attended = request.POST.get("attended") == "1"
    ids = [value for value in request.POST.getlist("registration") if value.isdigit()]
    chosen = scope.registrations().filter(pk__in=ids)
    if attended:
        # Only someone with a place can have come, and only once the event has begun.
        chosen = chosen.filter(
            status=Registration.Status.CONFIRMED, event__start__lte=timezone.now()
        )
    changed = chosen.update(attended=attended)
    if not ids:
        messages.warning(request, _("Select the registrations to mark first."))
    elif attended:
        messages.success(request, _("Marked as attended: %(count)s.") % {"count": changed})
        if changed < len(ids):
            messages.warning(
                request,
                _(
                    "Not marked: %(count)s. Only confirmed registrations can be marked as "
                    "attended, once their event has begun."
                )
                % {"count": len(ids) - changed},
            )
    else:
        messages.success(request, _("Marked as not attended: %(count)s.") % {"count": changed})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = scope.url("listing")
    return redirect(next_url)


def confirmed_recipients(scope):
    """One (address, language) per confirmed registrant, once even when registered for
    several sessions of a series."""
    recipients = {}
    registrations = (
        scope.registrations()
        .confirmed()
        .filter(anonymized_at__isnull=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "language")
    )
    for email, language in registrations:
        recipients.setdefault(email.lower(), (email, language))
    return list(recipients.values())


@never_cache
def message(request, pk):
    scope = scope_for(request, pk)
    recipients = confirmed_recipients(scope)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and recipients:
        with transaction.atomic():
            for email, language in recipients:
                queue_email(
                    email,
                    form.cleaned_data["subject"],
                    form.cleaned_data["text"],
                    language=language,
                )
        messages.success(
            request,
            _("The message is queued for every confirmed registrant (%(count)s).")
            % {"count": len(recipients)},
        )
        return redirect(scope.url("listing"))
    return TemplateResponse(
        request,
        "wagtailadmin/registrations/message.html",
        context_for(
            scope,
            "message",
            _("Message to registrants"),
            form=form,
            recipient_count=len(recipients),
        ),
    )


@never_cache
def report(request, pk):
    scope = scope_for(request, pk)
    return TemplateResponse(
        request,
        "wagtailadmin/registrations/report.html",
        context_for(scope, "report", _("Report"), **reports.report(scope.registrations())),
    )
