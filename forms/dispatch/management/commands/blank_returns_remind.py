from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.dispatch.reminders import weekly_return_reminders_send


class Command(BaseCommand):
    help = (
        "On the week's last working day, remind each kecamatan's operators of the spoiled blanks and old cards "
        "still to go back to the office. Run once a day, in the morning; on other days it does nothing."
    )

    def handle(self, *args, **options):
        reminded = weekly_return_reminders_send(today=timezone.localdate())
        if options["verbosity"]:
            self.stdout.write(f"Reminded: {', '.join(reminded) or 'none'}")
