"""For a user who lost their authenticator app: remove it, so the password alone signs in
again (they can set up a new app from their account page)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Turn off two-step verification for the given usernames (their apps are forgotten)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        User = get_user_model()
        for username in usernames:
            try:
                user = User.objects.get_by_natural_key(username)
            except User.DoesNotExist:
                raise CommandError(f"No user named {username!r}.") from None
            removed, _ = TOTPDevice.objects.filter(user=user).delete()
            state = "turned off" if removed else "was not on"
            self.stdout.write(f"Two-step verification {state} for {username}.")
