from django.conf import settings
from django.core.management.base import BaseCommand

from forms.intake.drafts import drafts_sweep
from forms.intake.retention import applications_retention_apply, personal_data_holders


class Command(BaseCommand):
    help = "Remove the documents and personal fields of applications finished longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override RETENTION_DAYS_AFTER_FINISH.")

    def handle(self, *args, days=None, **options):
        result = applications_retention_apply(days=days)
        # Each room that keeps personal data (complaints) sweeps its own and says what it removed.
        rooms = [holder.retention_report(holder.retention_apply(days=days)) for holder in personal_data_holders()]
        drafts = drafts_sweep()
        self.stdout.write(
            " ".join(
                [
                    f"Anonymised {result.applications} application(s) finished over "
                    f"{days if days is not None else settings.RETENTION_DAYS_AFTER_FINISH} days ago; "
                    f"{result.files_deleted} file(s) deleted, {result.files_missing} already gone.",
                    *rooms,
                    f"Deleted {drafts.expired} expired draft(s) with {drafts.files_deleted} file(s) "
                    f"({drafts.files_missing} already gone); reminded {drafts.reminded} citizen(s) a day before.",
                ]
            )
        )
