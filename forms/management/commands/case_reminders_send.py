from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.review.reminders import case_reminders_send


class Command(BaseCommand):
    help = (
        "Remind each case's holder (or its kecamatan's operators) before its due time, and the heads of unit at it; "
        "each reminder once. The scheduler runs it every five minutes."
    )

    def handle(self, *args, **options):
        sent = case_reminders_send(now=timezone.now())
        if options["verbosity"]:
            self.stdout.write(", ".join(f"{kind}: {count}" for kind, count in sent.items()))
