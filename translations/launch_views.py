"""The "Go live together" screen of a default-language page, its place in the page's
header menu, and the translator's Publish held while a plan waits (translations.launch)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Locale, Page

from core.querysets import translation_locales
from translations import launch

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class LaunchPlanForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Goes live at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
    )
    locales = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Languages going live with it"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = Locale.objects.filter(pk__in=[x.pk for x in locales])
        self.fields["go_live_at"].help_text = _("In your time zone (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean_go_live_at(self):
        moment = self.cleaned_data["go_live_at"]
        if moment <= timezone.now():
            raise ValidationError(_("Choose a moment in the future."))
        return moment


def local_moment(moment):
    """A moment as the admin shows it: in the user's time zone and language."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def source_page_for(page_id):
    """The page, if it is in the default language."""
    page = get_object_or_404(Page, pk=page_id, depth__gt=1)
    if page.locale_id != Locale.get_default().pk:
        raise Http404(_("Only pages in the default language go live with their translations."))
    return page.specific


def go_live_together(request, page_id):
    page = source_page_for(page_id)
    if not page.permissions_for_user(request.user).can_publish():
        context = {"page_title": _("Go live together"), "header_icon": "calendar-check"}
        return TemplateResponse(
            request, "translations/launch/denied.html", {**context, "page": page}, status=403
        )
    url = reverse("translation_go_live", args=(page.pk,))
    locales = translation_locales()
    plan = launch.open_plan(page)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if launch.cancel_plan(page):
            messages.success(
                request,
                _(
                    "The plan is cancelled: its translations go live when their translators "
                    "publish them. The page's own schedule is unchanged."
                ),
            )
        return redirect(url)
    scheduled = launch.scheduled_moment(page)
    lines = launch.readiness(page, locales)
    if request.method == "POST":
        form = LaunchPlanForm(request.POST, locales=locales)
        if form.is_valid():
            try:
                plan = launch.save_plan(
                    page,
                    request.user,
                    form.cleaned_data["go_live_at"],
                    list(form.cleaned_data["locales"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                say_saved(request, plan, lines)
                return redirect(url)
    else:
        chosen = plan.locales.all() if plan else [x.locale for x in lines if x.translation]
        initial = {"locales": [x.pk for x in chosen]}
        if scheduled:
            initial["go_live_at"] = timezone.localtime(scheduled)
        form = LaunchPlanForm(initial=initial, locales=locales)
    checked = {str(value) for value in (form["locales"].value() or [])}
    held = {locale.pk for locale in plan.locales.all()} if plan else set()
    return TemplateResponse(
        request,
        "translations/launch/go_live.html",
        {
            "page_title": _("Go live together"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "calendar-check",
            "page": page,
            "plan": plan,
            "scheduled": scheduled,
            "live_unscheduled": page.live and not scheduled,
            "form": form,
            "lines": [
                (line, str(line.locale.pk) in checked, line.locale.pk in held) for line in lines
            ],
            "zone": timezone.get_current_timezone_name(),
        },
    )


def say_saved(request, plan, lines):
    """The plan's moment, and which chosen languages are not ready for it."""
    chosen = {locale.pk for locale in plan.locales.all()}
    not_ready = [line for line in lines if line.locale.pk in chosen and not line.ready]
    messages.success(
        request,
        _("Saved: the chosen translations go live with the page on %(date)s.")
        % {"date": local_moment(plan.go_live_at)},
    )
    if not_ready:
        messages.warning(
            request,
            _("Not ready yet, and left unpublished at the moment unless finished: %(languages)s.")
            % {
                "languages": "; ".join(
                    f"{line.locale.get_display_name()} ({line.label})" for line in not_ready
                )
            },
        )


def save_held(request, translation, instance, moment):
    """The translator's Publish while a plan holds the translation: saved as a draft, to
    go live with the original."""
    translation.save_target(user=request.user, publish=False)
    messages.warning(
        request,
        _("'%(object)s' is saved in %(locale)s and goes live with the original on %(date)s.")
        % {
            "object": str(instance),
            "locale": translation.target_locale.get_display_name(),
            "date": local_moment(moment),
        },
    )
    return redirect(request.path)


class GoLiveTogetherMenuItem(PageMenuItem):
    label = gettext_lazy("Go live together")
    icon_name = "calendar-check"
    url_name = "translation_go_live"

    def is_shown(self, user):
        return (
            self.page.depth > 1
            and self.page.locale_id == Locale.get_default().pk
            and self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_admin_urls")
def register_go_live_url():
    return [
        path("translations/go-live/<int:page_id>/", go_live_together, name="translation_go_live")
    ]


@hooks.register("register_page_header_buttons")
def go_live_header_button(page, user, view_name, next_url=None):
    yield GoLiveTogetherMenuItem(page=page, priority=62)
