"""Fill the report's kept columns on the applications (clock stop, returns, resubmissions) from their timelines."""

from django.core.management.base import BaseCommand

from forms.intake.report_times import report_times_fill


class Command(BaseCommand):
    help = (
        "Set each application's office-clock stop and its return and resubmission counts from its timeline, in SQL "
        "batches of application ids. Safe to repeat and to resume (--after)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=50_000, help="application ids per UPDATE")
        parser.add_argument("--after", type=int, default=0, help="start after this application id")

    def handle(self, *args, batch, after, **options):
        updated = report_times_fill(
            batch=batch,
            after=after,
            progress=lambda done, top: self.stdout.write(f"… applications up to id {min(done, top)} of {top}"),
        )
        self.stdout.write(self.style.SUCCESS(f"{updated} applications filled."))
