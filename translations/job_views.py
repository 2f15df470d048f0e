"""Starting a bulk job from the overview, and its screen: a progress bar per page that
fills as the worker goes (refreshed by a script, or by reloading without one), and the
report of what was done and what was skipped and why."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from core.querysets import translation_locales
from translations import jobs
from translations.models import Job, JobItem
from translations.overview import source_pages


class JobForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=Job.ACTIONS)
    locales = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )
    page = forms.ModelMultipleChoiceField(queryset=Page.objects.none(), required=False)
    section = forms.ModelChoiceField(queryset=Page.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale_objects = {loc.language_code: loc for loc in translation_locales()}
        self.fields["locales"].choices = [
            (code, loc.get_display_name()) for code, loc in self.locale_objects.items()
        ]
        sources = source_pages(Locale.get_default())
        self.fields["page"].queryset = sources
        self.fields["section"].queryset = sources

    def clean(self):
        data = super().clean()
        if data.get("section"):
            data["pages"] = list(
                source_pages(Locale.get_default()).filter(path__startswith=data["section"].path)
            )
        else:
            data["pages"] = list(data.get("page") or [])
        if not data["pages"]:
            raise forms.ValidationError(_("Choose the pages to work on, or a whole section."))
        data["locale_objects"] = [self.locale_objects[code] for code in data.get("locales", [])]
        return data


@require_POST
def start_job(request):
    form = JobForm(request.POST)
    back = reverse("translation_overview")
    if request.POST.get("filters"):
        back += "?" + request.POST["filters"]
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        # Back to the form as it was filled in: the pages, languages and action chosen.
        chosen = [("chosen", pk) for pk in request.POST.getlist("page") if pk.isdigit()]
        chosen += [("chosen_locale", code) for code in request.POST.getlist("locales")]
        chosen.append(("chosen_action", request.POST.get("action", "")))
        separator = "&" if "?" in back else "?"
        return redirect(back + separator + urlencode(chosen))
    job = jobs.start(
        form.cleaned_data["action"],
        form.cleaned_data["pages"],
        form.cleaned_data["locale_objects"],
        request.user,
    )
    return redirect("translation_job", job.pk)


def visible_jobs(user):
    jobs_seen = Job.objects.all()
    return jobs_seen if user.is_superuser else jobs_seen.filter(created_by=user)


def job_progress(job):
    """Per page: (page id, title, done, total, items), items in language order."""
    items = job.items.select_related("page", "locale").order_by("page__path", "locale_id")
    pages = {}
    for item in items:
        row = pages.setdefault(
            item.page_id, {"page": item.page, "done": 0, "total": 0, "items": []}
        )
        row["total"] += 1
        row["done"] += item.status in JobItem.FINISHED
        row["items"].append(item)
    return list(pages.values())


def summary(job):
    counts = job.items.aggregate(
        total=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status, _label in JobItem.STATUSES},
    )
    counts["finished"] = sum(counts[status] for status in JobItem.FINISHED)
    return counts


def job_detail(request, job_id):
    job = get_object_or_404(visible_jobs(request.user), pk=job_id)
    rows = job_progress(job)
    return TemplateResponse(
        request,
        "translations/job.html",
        {
            "page_title": job.get_action_display(),
            "page_subtitle": _("Translation job"),
            "header_icon": "site",
            "job": job,
            "rows": rows,
            "counts": summary(job),
            "status_url": reverse("translation_job_status", args=(job.pk,)),
            "statuses": dict(JobItem.STATUSES),
        },
    )


def job_status(request, job_id):
    """What the job screen's script needs to move its bars: each item's outcome."""
    job = get_object_or_404(visible_jobs(request.user), pk=job_id)
    items = job.items.values_list("pk", "page_id", "status", "message")
    labels = dict(JobItem.STATUSES)
    return JsonResponse(
        {
            "finished": job.finished_at is not None,
            "counts": summary(job),
            "items": [
                {
                    "id": pk,
                    "page": page_id,
                    "status": status,
                    "label": str(labels[status]),
                    "message": message,
                    "finished": status in JobItem.FINISHED,
                }
                for pk, page_id, status, message in items
            ],
        }
    )
