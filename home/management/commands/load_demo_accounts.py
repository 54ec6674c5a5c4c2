from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo_accounts import DEMO_ACCOUNTS, DEMO_CITIZEN, demo_accounts_ensure, demo_email


class Command(BaseCommand):
    help = "Create the demo staff accounts (development only) and print their logins."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Demo accounts are for development machines only; refusing under production settings.")
        passwords = demo_accounts_ensure()
        self.stdout.write(
            "Demo staff logins for http://127.0.0.1:8000/admin/ (development only; log in with the e-mail address,"
            " no second factor needed with DEBUG on):"
        )
        for account in DEMO_ACCOUNTS:
            roles = ", ".join(account.groups) or "superuser"
            email = demo_email(account.username)
            self.stdout.write(f"  {email:<28} {passwords[account.username]:<20} {roles}")
        self.stdout.write("Demo citizen for http://127.0.0.1:8000/akun/login/ (log in with the e-mail address):")
        self.stdout.write(f"  warga@demo.invalid  {passwords[DEMO_CITIZEN.username]}")
