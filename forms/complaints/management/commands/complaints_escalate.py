from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.complaints.services import complaints_escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate complaints unanswered by the direct superior past the limit to leadership "
        "(the scheduler runs it hourly)."
    )

    def handle(self, *args, **options):
        escalated = complaints_escalate_overdue(now=timezone.now())
        if options["verbosity"]:
            self.stdout.write(f"{len(escalated)} complaint(s) escalated.")
