import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forms.dispatch.models import BlankLedgerEntry, BlankStockSettings
from forms.dispatch.serials import SerialRange
from forms.dispatch.services import blanks_receive
from forms.models import StaffProfile
from home.demo_accounts import DEMO_ACCOUNTS, DEMO_CITIZEN, demo_accounts_ensure, demo_email


class Command(BaseCommand):
    help = "Create the demo staff accounts (development only) and print their logins."

    def handle(self, *args, **options):
        # A positive sign of a development machine, not the absence of one settings module's name: a staging or
        # differently named production module must refuse too.
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development machines only; refusing with DEBUG off.")
        passwords = demo_accounts_ensure()
        self._demo_blank_stock()
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

    def _demo_blank_stock(self):
        """Give each demo operator's kecamatan its first shipment, so printing can be tried at once."""
        for profile in StaffProfile.objects.filter(user__username__in=[a.username for a in DEMO_ACCOUNTS]):
            if profile.kecamatan and not BlankLedgerEntry.objects.filter(kecamatan=profile.kecamatan).exists():
                usual = BlankStockSettings.load().usual_shipment
                # Demo serials: the kecamatan's two-digit region number, then a run from 1, so no two offices share one.
                first = int(profile.kecamatan.region_code.split(".")[-1]) * 10**6 + 1
                blanks_receive(
                    kecamatan=profile.kecamatan,
                    by=profile.user,
                    serial_ranges=[SerialRange(prefix="DEMO", first=first, last=first + usual - 1, width=8)],
                    shipment_date=datetime.date.today(),
                    sender="Disdukcapil Kota Balikpapan (demo)",
                )
                self.stdout.write(f"Demo blank-card shipment recorded for {profile.kecamatan}.")
