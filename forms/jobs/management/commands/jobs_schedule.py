import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from forms.jobs.schedule import JOBS, scheduler_tick


class Command(BaseCommand):
    help = (
        "Start the scheduled jobs at their times (" + ", ".join(job.command for job in JOBS) + "). "
        "Run one beside the workers on every host: each job runs once per period however many run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between looks at the clock.")
        parser.add_argument("--once", action="store_true", help="Look once and exit.")

    def handle(self, *args, interval, once, **options):
        while True:
            if not once:
                close_old_connections()  # a long-running loop, as a worker: drop a connection the server closed
            for run in scheduler_tick():
                self.stdout.write(f"Started {run.job} for {run.period}")
            if once:
                return
            time.sleep(interval)
