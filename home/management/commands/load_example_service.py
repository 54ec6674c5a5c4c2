from django.core.management.base import BaseCommand

from home.example_service import example_service_ensure


class Command(BaseCommand):
    help = (
        "Publish the example Kartu Keluarga reprint service (a digital document), marked for the office's review. "
        "Needs load_seed_content first; safe to rerun."
    )

    def handle(self, *args, **options):
        standard = example_service_ensure()
        if standard is None:
            self.stderr.write("Run load_seed_content first: there is no service index yet.")
            return
        self.stdout.write(self.style.SUCCESS(f"Example service ready: {standard.title} ({standard.url_path})."))
