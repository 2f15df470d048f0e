"""The reader's pages: the form, "check your e-mail", the confirmation link and the
personal page. None of them is cached: each answers for one person."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.models import EventPage
from registrations import services
from registrations.forms import RegistrationForm
from registrations.models import Registration

DETAILS = ("name", "email", "institution", "country", "role", "time_zone")


def _site_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _open_event(event_id):
    event = EventPage.objects.shown_to_readers().filter(pk=event_id).first()
    if event is None or not (event.registers_on_site and event.registration_open):
        raise Http404
    return event


@never_cache
def register(request, event_id):
    event = _open_event(event_id)
    form = RegistrationForm(request.POST or None, event_zone=event.time_zone)
    if request.method == "POST":
        # A robot gets the answer a person gets, and nothing is stored.
        if form.sent_by_a_robot():
            return redirect("registration_sent", event_id=event.pk)
        if form.is_valid():
            details = {name: form.cleaned_data[name] for name in DETAILS}
            services.register(event, details, _site_url(request))
            return redirect("registration_sent", event_id=event.pk)
    return render(request, "registrations/register.html", {"event": event, "form": form})


@never_cache
def sent(request, event_id):
    """The same answer whether the address was new, known, or a robot's."""
    event = _open_event(event_id)
    return render(request, "registrations/sent.html", {"event": event})


@never_cache
def confirm(request, token):
    registration = get_object_or_404(Registration, token=token)
    services.confirm(registration, _site_url(request))
    return redirect("registration", token=token)


@never_cache
def registration(request, token):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    return render(
        request,
        "registrations/registration.html",
        {"registration": registration, "event": registration.event},
    )


@never_cache
@require_POST
def cancel(request, token):
    registration = get_object_or_404(Registration, token=token)
    services.cancel(registration, _site_url(request))
    return redirect("registration", token=token)
