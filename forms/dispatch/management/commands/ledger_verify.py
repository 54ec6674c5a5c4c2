from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.dispatch.services import ledger_books_verify


class Command(BaseCommand):
    help = (
        "Walk every kecamatan's blank-card book along its hash chain, check that the last line recorded by the "
        "previous run is unchanged, keep the result for the book page, and e-mail the SIAK administrators and heads "
        "of unit about newly altered lines. Run nightly; safe to repeat."
    )

    def handle(self, *args, **options):
        found = ledger_books_verify(now=timezone.now())
        if options["verbosity"]:
            for name, sequences in found.items():
                state = "altered: " + ", ".join(f"#{n}" for n in sequences) if sequences else "intact"
                self.stdout.write(f"{name}: {state}")
