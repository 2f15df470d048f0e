"""Build the POST data the Wagtail page editor sends, for tests that go through it."""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

FORMSETS = {
    "home.homepage": [],
    "home.contentpage": [],
    "news.newsindexpage": [],
    "news.newspage": ["authors", "related_partners", "related_events"],
    "events.eventindexpage": [],
    "events.eventpage": [
        "speakers",
        "host_partners",
        "materials",
        "registration_questions",
    ],
    "events.lectureseriespage": ["organisers", "partners"],
    "partners.partnerindexpage": [],
    "partners.partnerpage": [],
}
STREAMFIELDS = {"body", "key_figures"}


def page_form_data(model, title, publish=True, **fields):
    label = model._meta.label_lower
    data = {"title": title, "slug": slugify(title), "comments": inline_formset([])}
    for name in FORMSETS[label]:
        data[name] = inline_formset(fields.pop(name, []))
    for field in model._meta.get_fields():
        if field.name in STREAMFIELDS:
            data[field.name] = streamfield(fields.pop(field.name, []))
    data.update(fields)
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def add_url(model, parent):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def preview_url(model, parent):
    meta = model._meta
    return reverse(
        "wagtailadmin_pages:preview_on_add", args=(meta.app_label, meta.model_name, parent.pk)
    )


# An event's own fields, filled in as an editor would.
EVENT_FIELDS = {
    "start": "2030-02-03 14:00",
    "end": "2030-02-03 16:00",
    "time_zone": "Europe/Amsterdam",
    "format": "hybrid",
    "status": "scheduled",
    "venue_name": "Leiden Bio Science Park",
    "city": "Leiden",
    "country": "NL",
    "online_url": "https://meet.example.org/immunology",
    "join_link_visibility": "public",
    "registration_mode": "external",
    "languages": ["en", "fr"],
    "audience": ["students"],
}
