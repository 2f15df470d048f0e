from django.contrib.auth.models import Group
from django.db import models
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
