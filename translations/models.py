from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslatorGroup(models.Model):
    """Marks a group as the translators of one locale: its members edit that locale's
    pages and snippets only (see `create_translator_groups`)."""

    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="translator_locale"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("locale"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "core_translatorgroup"  # its table from before translations had an app
        verbose_name = _("translator group")
        verbose_name_plural = _("translator groups")

    def __str__(self):
        return str(self.group)


class Job(models.Model):
    """A bulk action from the translation overview on pages × languages, run by the
    worker: one item per page and language, each with its outcome (translations.jobs)."""

    CREATE = "create"
    MACHINE = "machine"
    SYNC = "sync"
    SUBMIT = "submit"
    PUBLISH = "publish"
    ACTIONS = [
        (CREATE, _("Create missing translations")),
        (MACHINE, _("Machine-translate the untranslated texts")),
        (SYNC, _("Update from the changed original")),
        (SUBMIT, _("Submit for review")),
        (PUBLISH, _("Publish the reviewed translations")),
    ]

    action = models.CharField(_("action"), max_length=20, choices=ACTIONS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class JobItem(models.Model):
    """One page in one language within a job."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    STATUSES = [
        (QUEUED, _("Waiting")),
        (RUNNING, _("Running")),
        (DONE, _("Done")),
        (SKIPPED, _("Skipped")),
        (FAILED, _("Failed")),
    ]
    FINISHED = (DONE, SKIPPED, FAILED)

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=QUEUED)
    message = models.TextField(_("outcome"), blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translation job item")
        verbose_name_plural = _("translation job items")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "page", "locale"], name="one_item_per_page_locale"
            )
        ]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self):
        return f"{self.page_id} {self.locale_id}: {self.status}"


class SegmentReview(models.Model):
    """A person's approval of a machine translation: valid while the text is the one they
    approved (translations.review)."""

    string_translation = models.OneToOneField(
        "wagtail_localize.StringTranslation", on_delete=models.CASCADE, related_name="review"
    )
    data = models.TextField(_("approved text"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("machine translation review")
        verbose_name_plural = _("machine translation reviews")

    def __str__(self):
        return f"{self.string_translation_id} by {self.reviewed_by_id}"


from translations.glossary import GlossaryTerm  # noqa: E402,F401


class LaunchPlan(models.Model):
    """A default-language page and the translations chosen to go live with it at its
    scheduled moment, held back until then (translations.launch)."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    locales = models.ManyToManyField(
        "wagtailcore.Locale", verbose_name=_("languages"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("planned at"), auto_now_add=True)
    go_live_at = models.DateTimeField(_("goes live at"))
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("launch plan")
        verbose_name_plural = _("launch plans")
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(launched_at__isnull=True),
                name="one_open_launch_plan_per_page",
            )
        ]
        indexes = [models.Index(fields=["launched_at", "go_live_at"])]

    def __str__(self):
        return f"{self.page_id} at {self.go_live_at:%Y-%m-%d %H:%M}"
