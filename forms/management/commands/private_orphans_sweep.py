from django.core.management.base import BaseCommand, CommandError

from forms.intake.orphans import ORPHAN_MIN_AGE, private_orphans_sweep


class Command(BaseCommand):
    help = (
        "Delete objects in the private storage that no application document or complaint attachment names and "
        "that are older than an hour (left behind when storage failed mid-submission). Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        result = private_orphans_sweep(dry_run=dry_run)
        minutes = int(ORPHAN_MIN_AGE.total_seconds() // 60)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"Checked {result.checked} private object(s): {verb} {result.deleted} "
            f"unreferenced object(s) older than {minutes} minutes; kept {result.referenced} referenced and "
            f"{result.young} younger; {result.failed} could not be deleted."
        )
        if result.failed:
            raise CommandError(f"{result.failed} orphan(s) could not be deleted; the next run tries again.")
