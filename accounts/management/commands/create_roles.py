from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles


class Command(BaseCommand):
    help = (
        "Create or update the editorial groups: Editors, Moderators and Partner liaisons with "
        "exactly the permissions each role needs (permissions added to them by hand are "
        'removed), the "Translators (<code>)" groups (create_translator_groups), and the '
        "moderation workflow that sends submitted pages to the Moderators. Page permissions "
        "hang on existing pages (the partner index pages, each locale's home page), so run it "
        "again after adding a section or a locale; otherwise running it again changes nothing."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self.create_roles()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        call_command("create_translator_groups", stdout=self.stdout)

    def create_roles(self):
        groups = {}
        for role in roles.ROLES:
            group, created, changes, pages = roles.apply_role(role)
            groups[role.name] = group
            if created:
                state = "created"
            elif changes:
                state = f"updated ({changes} permission(s) added or removed)"
            else:
                state = "unchanged"
            self.stdout.write(f"{group.name}: {state}; {roles.describe(role, pages)}")
        self.stdout.write(roles.ensure_moderation_workflow(groups[roles.MODERATORS]))
