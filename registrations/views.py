"""The reader's pages: the form (for an event, or for sessions of a lecture series),
"check your e-mail", the confirmation link and the personal page, where a registrant
cancels, changes their time zone or deletes their data. None of them is cached: each
answers for one person."""

from collections import defaultdict

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.localization import localize_all
from core.querysets import active_locale, by_title
from core.rate_limits import RateLimit, client_key
from events.models import EventPage, LectureSeriesPage
from partners.models import PartnerPage
from registrations import services
from registrations.forms import RegistrationForm, SeriesRegistrationForm, ZoneForm
from registrations.models import Registration, RegistrationQuestion, RegistrationSettings

DETAILS = ("name", "email", "institution", "partner", "country", "role", "time_zone")


def _site_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _open_event(event_id):
    event = EventPage.objects.shown_to_readers().filter(pk=event_id).first()
    if event is None or not (event.registers_on_site and event.registration_open):
        raise Http404
    return event


def _open_series(series_id):
    """The series and its sessions open for registration on the site, each with its
    `questions`."""
    series = LectureSeriesPage.objects.shown_to_readers().filter(pk=series_id).first()
    if series is None:
        raise Http404
    sessions = [s for s in series.sessions if s.registers_on_site and s.registration_open]
    if not sessions:
        raise Http404
    questions = defaultdict(list)
    for question in RegistrationQuestion.objects.filter(page__in=sessions):
        questions[question.page_id].append(question)
    for session in sessions:
        session.questions = questions[session.pk]
        session.is_full = services.is_full(session)
    return series, sessions


def _partners():
    """The partner institutions to choose from, in the reader's language (else the
    default language's)."""
    partners = PartnerPage.objects.shown_to_readers().in_locale(active_locale())
    return list(by_title(partners.only("pk", "title")))


def _privacy_url(request):
    """The privacy notice in the reader's language (else the original); None without one
    readers may see."""
    page = RegistrationSettings.for_request(request).privacy_page
    shown = localize_all([page]) if page else []
    return shown[0].get_url(request) if shown else None


def _details(form):
    return {name: form.cleaned_data.get(name) for name in DETAILS}


def _limits():
    per_address = settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR
    per_email = settings.REGISTRATION_EMAILS_PER_ADDRESS_PER_HOUR
    return (
        RateLimit("registrations-per-client", per_address),
        RateLimit("registration-emails-per-address", per_email),
    )


def _too_many(request, page):
    """The 429 answer once the client's address has sent the form too often; else None."""
    per_client, _per_email = _limits()
    retry_after = per_client.hit(client_key(request))
    if retry_after is None:
        return None
    response = render(
        request,
        "registrations/too_many.html",
        {"event": page},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _may_email(address):
    """False once the address has been sent its limit of e-mails: the reader gets the
    usual answer, and no more e-mail goes to that address meanwhile."""
    _per_client, per_email = _limits()
    return per_email.hit(address) is None


def _form_page(request, template, context):
    context["privacy_url"] = _privacy_url(request)
    return render(request, template, context)


@never_cache
def register(request, event_id):
    event = _open_event(event_id)
    questions = list(event.registration_questions.all())
    form = RegistrationForm(
        request.POST or None,
        event_zone=event.time_zone,
        questions=questions,
        partners=_partners(),
    )
    if request.method == "POST":
        robot = form.sent_by_a_robot()
        if (robot or form.is_valid()) and (refused := _too_many(request, event)):
            return refused
        # A robot gets the answer a person gets, and nothing is stored.
        if robot:
            return redirect("registration_sent", event_id=event.pk)
        if not form.ask_again_if_too_fast() and form.is_valid():
            details = {**_details(form), "answers": form.answers_to(questions)}
            notify = _may_email(details["email"])
            services.register(event, details, _site_url(request), notify=notify)
            return redirect("registration_sent", event_id=event.pk)
    return _form_page(
        request,
        "registrations/register.html",
        {"event": event, "form": form, "full": services.is_full(event)},
    )


@never_cache
def register_series(request, series_id):
    series, sessions = _open_series(series_id)
    form = SeriesRegistrationForm(
        request.POST or None,
        event_zone=sessions[0].time_zone,
        sessions=sessions,
        partners=_partners(),
    )
    if request.method == "POST":
        robot = form.sent_by_a_robot()
        if (robot or form.is_valid()) and (refused := _too_many(request, series)):
            return refused
        if robot:
            return redirect("registration_series_sent", series_id=series.pk)
        if not form.ask_again_if_too_fast() and form.is_valid():
            details = _details(form)
            services.register_series(
                form.cleaned_data["sessions"],
                details,
                lambda session: form.answers_to(session.questions),
                _site_url(request),
                notify=_may_email(details["email"]),
            )
            return redirect("registration_series_sent", series_id=series.pk)
    return _form_page(
        request, "registrations/register.html", {"event": series, "form": form, "series": True}
    )


@never_cache
def sent(request, event_id):
    """The same answer whether the address was new, known, or a robot's."""
    event = _open_event(event_id)
    return render(request, "registrations/sent.html", {"event": event})


@never_cache
def series_sent(request, series_id):
    series, _sessions = _open_series(series_id)
    return render(request, "registrations/sent.html", {"event": series})


@never_cache
def confirm(request, token):
    registration = get_object_or_404(Registration, token=token)
    services.confirm_together(registration, _site_url(request))
    return redirect("registration", token=token)


def _done(request, registration, together):
    """What the last action on the page did, said at its top (`?done=`)."""
    done = request.GET.get("done")
    if done == "zone":
        return _("Saved: our next e-mails give the times in %(zone)s.") % {
            "zone": registration.time_zone.replace("_", " ")
        }
    if done == "cancelled-all":
        return _("Your registrations are cancelled.")
    if done == "cancelled":
        session = request.GET.get("session", "")
        cancelled = next((each for each in together if str(each.pk) == session), registration)
        return _("Your registration for “%(title)s” is cancelled.") % {
            "title": cancelled.event.title
        }
    return None


def _personal_page(request, registration, zone_form=None):
    together = services.registered_together(registration)
    for each in together:
        each.position = each.waiting_position()
    if zone_form is None:
        zone_form = ZoneForm(initial={"time_zone": registration.time_zone})
        zone_form.fields["time_zone"].ensure_listed(registration.time_zone)
    return render(
        request,
        "registrations/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "together": together if len(together) > 1 else [],
            "active": [each for each in together if each.status != Registration.Status.CANCELLED],
            "zone_form": zone_form,
            "done": _done(request, registration, together),
        },
    )


def _back_to(registration, request):
    """The personal page the reader came from (`?back=` or the form's `back`): one of
    those registered together with `registration`, else its own."""
    token = request.POST.get("back") or request.GET.get("back")
    together = services.registered_together(registration)
    return next((each for each in together if each.token == token), registration)


def _page_saying(registration, done, **more):
    url = reverse("registration", args=(registration.token,))
    return redirect(f"{url}?{urlencode({'done': done, **more})}")


def _registration(token):
    return get_object_or_404(Registration.objects.select_related("event"), token=token)


@never_cache
def registration(request, token):
    return _personal_page(request, _registration(token))


@never_cache
def cancel(request, token):
    """Asks first; its POST cancels, and the reader is back on the page they came from."""
    registration = _registration(token)
    back = _back_to(registration, request)
    if request.method == "POST":
        services.cancel(registration, _site_url(request))
        return _page_saying(back, "cancelled", session=registration.pk)
    context = {"registration": registration, "event": registration.event, "back": back}
    return render(request, "registrations/cancel.html", context)


@never_cache
def cancel_all(request, token):
    """Asks first; its POST cancels every session on the personal page."""
    registration = _registration(token)
    together = services.registered_together(registration)
    if request.method == "POST":
        for each in together:
            services.cancel(each, _site_url(request))
        return _page_saying(registration, "cancelled-all")
    active = [each for each in together if each.status != Registration.Status.CANCELLED]
    context = {
        "registration": registration,
        "event": registration.event,
        "back": registration,
        "together": active,
    }
    return render(request, "registrations/cancel.html", context)


@never_cache
@require_POST
def change_zone(request, token):
    """The zone the registrant's next e-mails give the event's times in."""
    registration = _registration(token)
    form = ZoneForm(request.POST)
    if not form.is_valid():
        return _personal_page(request, registration, zone_form=form)
    services.change_time_zone(registration, form.cleaned_data["time_zone"])
    return _page_saying(registration, "zone")


@never_cache
def delete(request, token):
    """The page behind "Delete my data", which asks first; its POST cancels and anonymizes every
    registration made with this one, after which the personal link finds nothing."""
    registration = _registration(token)
    context = {"registration": registration, "event": registration.event}
    if request.method == "POST":
        services.forget(registration, _site_url(request))
        return render(request, "registrations/deleted.html", context)
    context["together"] = services.registered_together(registration)
    return render(request, "registrations/delete.html", context)
