from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from wagtail.models import GroupPagePermission, Locale, Site

from accounts.roles import page_permission, permission
from translations.models import TranslatorGroup

SNIPPET_PERMISSIONS = [
    ("core", "view_person"),
    ("core", "change_person"),
    ("core", "publish_person"),
    ("core", "view_topic"),
    ("core", "change_topic"),
    ("core", "publish_topic"),
    ("core", "view_footertext"),
    ("core", "change_footertext"),
    ("core", "publish_footertext"),
    ("translations", "view_glossaryterm"),
    ("translations", "add_glossaryterm"),
    ("translations", "change_glossaryterm"),
    ("translations", "delete_glossaryterm"),
    ("wagtailadmin", "access_admin"),
]


class Command(BaseCommand):
    help = (
        'Create a "Translators (<code>)" group for every locale but the default one. Members '
        "edit and submit that locale's pages (below its home page) and snippets, nothing else. "
        "Safe to run again, for example after adding a locale."
    )

    def handle(self, *args, **options):
        change_page = page_permission("change_page")
        permissions = [permission(f"{app}.{codename}") for app, codename in SNIPPET_PERMISSIONS]
        roots = [site.root_page for site in Site.objects.select_related("root_page")]
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            locale, _ = Locale.objects.get_or_create(language_code=code)
            group, created = Group.objects.get_or_create(name=f"Translators ({code})")
            TranslatorGroup.objects.update_or_create(group=group, defaults={"locale": locale})
            group.permissions.add(*permissions)
            homes = [
                home
                for root in roots
                for home in root.get_translations(inclusive=True).filter(locale=locale)
            ]
            for home in homes:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=change_page
                )
            state = "created" if created else "updated"
            where = f"{len(homes)} home page(s)" if homes else "no home page in this language yet"
            self.stdout.write(f"{group.name}: {state}; pages below {where}")
