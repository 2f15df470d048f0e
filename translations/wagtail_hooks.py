from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

# Modules that register hooks of their own when imported.
from translations import (  # noqa: F401
    glossary_admin,
    history_hooks,
    job_views,
    launch_views,
    no_alias,
    overview,
    publish_checks,
    review_views,
    submit_views,
)


@hooks.register("register_admin_urls")
def register_translation_overview_url():
    return [
        path("translations/overview/", overview.overview, name="translation_overview"),
        path(
            "translations/review/<int:translation_id>/",
            review_views.review,
            name="translation_review",
        ),
        path("translations/jobs/", job_views.start_job, name="translation_job_start"),
        path("translations/jobs/<int:job_id>/", job_views.job_detail, name="translation_job"),
        path(
            "translations/jobs/<int:job_id>/status/",
            job_views.job_status,
            name="translation_job_status",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_overview_menu_item():
    return MenuItem(
        _("Translation overview"),
        reverse("translation_overview"),
        icon_name="site",
        order=250,
    )


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    """What the control room does to a translation, in the page's history (logged on the
    translated page; `data` holds the language and the number of texts)."""

    @actions.register_action("translations.machine_translate")
    class MachineTranslated(LogFormatter):
        label = _("Machine-translate")

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return ngettext(
                "Machine-translated %(count)d text", "Machine-translated %(count)d texts", count
            ) % {"count": count}

    @actions.register_action("translations.review")
    class Reviewed(LogFormatter):
        label = _("Review machine translation")

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return ngettext(
                "Approved %(count)d machine-translated text",
                "Approved %(count)d machine-translated texts",
                count,
            ) % {"count": count}

    actions.register_action(
        "translations.launch",
        _("Go live with the original"),
        _("Went live together with the original"),
    )
