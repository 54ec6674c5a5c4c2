"""Count again each step's waiting and working minutes kept on the timeline, for the report."""

from django.core.management.base import BaseCommand
from django.db import connection

from forms.intake.step_time import step_minutes_fill, step_minutes_fill_sql


class Command(BaseCommand):
    help = (
        "Count again the waiting and working minutes kept on every timeline row, in batches of applications: after "
        "a closure or joint-leave day was entered for days already past. Safe to repeat and to resume (--after)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=None, help="applications per batch")
        parser.add_argument("--after", type=int, default=0, help="start after this application id")

    def handle(self, *args, batch, after, **options):
        if connection.vendor == "postgresql":
            changed = step_minutes_fill_sql(
                batch=batch or 20000,
                after=after,
                progress=lambda done, top: self.stdout.write(f"… applications up to id {min(done, top)} of {top}"),
            )
        else:
            changed = step_minutes_fill(batch=batch or 1000, after=after)
        self.stdout.write(self.style.SUCCESS(f"{changed} timeline rows counted again."))
