from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.dispatch.models import LedgerCheck
from forms.dispatch.services import ledger_books_verify


class Command(BaseCommand):
    help = (
        "Walk every kecamatan's blank-card book along its hash chain, check that the last line recorded by the "
        "previous run is unchanged, compare the stock summed from the book with the count of unused numbered "
        "blanks, keep the result for the book page, and e-mail the SIAK administrators and heads of unit about "
        "newly altered lines. Run nightly; safe to repeat."
    )

    def handle(self, *args, **options):
        found = ledger_books_verify(now=timezone.now())
        checks = {check.kecamatan.name: check for check in LedgerCheck.objects.select_related("kecamatan")}
        mismatched = False
        for name, sequences in found.items():
            state = "altered: " + ", ".join(f"#{n}" for n in sequences) if sequences else "intact"
            check = checks.get(name)
            if check is not None and not check.serials_match:
                mismatched = True
                state += f"; stock {check.stock} but {check.unused_serials} unused serials"
            if options["verbosity"]:
                self.stdout.write(f"{name}: {state}")
        if mismatched:
            self.stderr.write("Stock and unused serials differ in at least one book.")
